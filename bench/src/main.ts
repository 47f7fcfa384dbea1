/**
 * `npm run bench`: the same load against the raw-ws floor server and the
 * real API (and, per scenario, the API on PostgreSQL or as two instances on
 * Redis), back to back, repeated `--repeat` times with the targets
 * interleaved; then a table of the medians and of each target's ratio to the
 * first (the baseline), a JSON file and an SVG chart in bench/results/.
 * Exits 1 when any connection saw a seq or a rev out of order, repeated or
 * skipped, lost a message, an edit or a reaction, or got an error.
 *
 *   npm run bench -- [--scenario steady|edits|reactions|saturation|idle|slow-consumer|history|postgres|redis|search|all]
 *     [--targets floor,api,api-pg,api-redis] [--repeat 1] [--users N] [--group-size 20[,5,100]]
 *     [--deliveries N] [--warmup S] [--seconds S] [--drain S] [--connections N]
 *     [--page-rate N] [--seed N] [--iterations N] [--max-steps N] [--edit-share 0.1] [--reaction-share 0.1] [--cpu-prof]
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { API_ENV, GENERATOR_CORE, pinSelf, SERVER_CORE, startServer, Target, TARGETS } from './launch';
import { renderChart } from './chart';
import { formatTable, ratios, summarise, TargetSummary, writeResults } from './report';
import { buildScenario, Flags, SCENARIO_NAMES, ScenarioName } from './scenarios';
import { isCorrect, Scenario, ScenarioResult } from './scenarios/scenario';

const RESULTS = join(__dirname, '..', 'results');

function parseFlags(): { scenarios: ScenarioName[]; groupSizes: (number | undefined)[]; repeat: number; flags: Flags } {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'steady' },
      targets: { type: 'string' },
      repeat: { type: 'string', default: '1' },
      users: { type: 'string' },
      'group-size': { type: 'string' },
      deliveries: { type: 'string' },
      warmup: { type: 'string' },
      seconds: { type: 'string' },
      drain: { type: 'string' },
      connections: { type: 'string' },
      'page-rate': { type: 'string' },
      seed: { type: 'string' },
      'max-steps': { type: 'string' },
      'edit-share': { type: 'string' },
      'reaction-share': { type: 'string' },
      iterations: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
    },
  });
  const number = (name: keyof typeof values, min: number): number | undefined => {
    if (values[name] === undefined) return undefined;
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number >= ${min}, got "${values[name]}"`);
    return value;
  };
  const scenario = String(values.scenario);
  const scenarios = scenario === 'all' ? [...SCENARIO_NAMES] : [scenario as ScenarioName];
  if (!scenarios.every((s) => (SCENARIO_NAMES as readonly string[]).includes(s))) {
    throw new Error(`--scenario must be one of ${[...SCENARIO_NAMES, 'all'].join(', ')}`);
  }
  const targets = values.targets?.split(',') as Target[] | undefined;
  if (targets && (!targets.length || targets.some((t) => !(TARGETS as readonly string[]).includes(t)))) {
    throw new Error(`--targets is a list of ${TARGETS.join(', ')}`);
  }
  const groupSizes = values['group-size']?.split(',').map((g) => {
    const size = Number(g);
    if (!Number.isInteger(size) || size < 1) throw new Error(`--group-size takes whole numbers >= 1, got "${g}"`);
    return size;
  }) ?? [undefined];
  const flags: Flags = {
    users: number('users', 1),
    deliveries: number('deliveries', 1),
    warmup: number('warmup', 0),
    seconds: number('seconds', 1),
    drain: number('drain', 0),
    connections: number('connections', 1),
    pageRate: number('page-rate', 1),
    seed: number('seed', 0),
    maxSteps: number('max-steps', 1),
    editShare: number('edit-share', 0.01),
    reactionShare: number('reaction-share', 0.01),
    iterations: number('iterations', 1),
    targets,
    cpuProfileDir: values['cpu-prof'] ? join(RESULTS, 'profiles') : undefined,
  };
  return { scenarios, groupSizes, repeat: number('repeat', 1) ?? 1, flags };
}

async function runScenario(scenario: Scenario, repeat: number): Promise<TargetSummary[]> {
  console.log(`\n== ${scenario.name}: ${scenario.description}${repeat > 1 ? `; ${repeat} runs, medians shown` : ''}`);
  const runs = new Map<Target, ScenarioResult[]>(scenario.defaultTargets.map((t) => [t, []]));
  for (let r = 0; r < repeat; r++) {
    for (const target of scenario.defaultTargets) {
      const server = await startServer(target, scenario.launch);
      try {
        const result = await scenario.run(server);
        runs.get(target)?.push(result);
        const headline = Object.entries(result.metrics).slice(0, 2).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
        console.log(`  run ${r + 1} ${target}: ${headline}`);
        for (const warning of result.warnings) console.log(`  ${target}: warning: ${warning}`);
      } finally {
        await server.stop();
      }
    }
  }
  return [...runs].map(([target, results]) => summarise(target, results));
}

async function main(): Promise<number> {
  const { scenarios, groupSizes, repeat, flags } = parseFlags();
  const pinned = pinSelf(GENERATOR_CORE);
  console.log(
    pinned
      ? `taskset: servers on core ${SERVER_CORE}, generator on core ${GENERATOR_CORE} (${cpus().length} cores)`
      : 'taskset not available: servers and generator are not pinned',
  );
  console.log(`api env: ${Object.entries(API_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} (hash cost only speeds up registration)`);
  let failures = 0;
  for (const name of scenarios) {
    for (const groupSize of name === 'steady' ? groupSizes : [groupSizes[0]]) {
      const scenario = buildScenario(name, { ...flags, groupSize: groupSize ?? flags.groupSize });
      const summaries = await runScenario(scenario, repeat);
      console.log(`\n${formatTable(summaries)}`);
      for (const s of summaries) for (const sample of s.correctness.samples) console.log(`${s.target}: ${sample}`);
      const base = writeResults(
        RESULTS,
        scenario.name,
        {
          scenario: scenario.name,
          description: scenario.description,
          date: new Date().toISOString(),
          node: process.version,
          cpus: cpus().length,
          taskset: pinned ? { servers: SERVER_CORE, generator: GENERATOR_CORE } : null,
          apiEnv: { ...API_ENV, ...scenario.launch.env },
          repeat,
          medians: Object.fromEntries(summaries.map((s) => [s.target, s.metrics])),
          ratios: ratios(summaries),
          runs: Object.fromEntries(summaries.map((s) => [s.target, s.runs])),
        },
        renderChart(scenario.name, scenario.description, summaries),
      );
      console.log(`results: ${base}.json, ${base}.svg`);
      const broken = summaries.filter((s) => !isCorrect(s.correctness));
      if (broken.length) console.log(`FAILED: ${broken.map((s) => s.target).join(', ')} broke the contract (see above)`);
      failures += broken.length;
    }
  }
  if (flags.cpuProfileDir) console.log(`CPU profiles of the API: ${flags.cpuProfileDir} (npm run bench:profile -- <file> for the top functions)`);
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
