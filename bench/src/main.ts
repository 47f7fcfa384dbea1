/**
 * `npm run bench`: the same load against the floor server and the real API,
 * back to back, then a table of both and of their ratio. Exits 1 when any
 * connection saw a seq out of order, repeated or skipped, or lost a message.
 *
 *   node -r @swc-node/register bench/src/main.ts [--users 200] [--group-size 20]
 *     [--rate 2] [--warmup 10] [--seconds 20] [--targets floor,api]
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { API_ENV, GENERATOR_CORE, pinSelf, SERVER_CORE, startServer, Target } from './launch';
import { LoadOptions, runLoad } from './load';
import { failed, formatTable, ratios, TargetReport, writeJson } from './report';

const SCENARIOS = ['steady'] as const;

function options() {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'steady' },
      users: { type: 'string', default: '200' },
      'group-size': { type: 'string', default: '20' },
      rate: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '20' },
      drain: { type: 'string', default: '10' },
      targets: { type: 'string', default: 'floor,api' },
    },
  });
  const number = (name: keyof typeof values, min: number) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number >= ${min}, got "${values[name]}"`);
    return value;
  };
  const scenario = String(values.scenario);
  if (!(SCENARIOS as readonly string[]).includes(scenario)) throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  const targets = String(values.targets).split(',') as Target[];
  if (!targets.length || targets.some((t) => t !== 'floor' && t !== 'api')) throw new Error('--targets is a list of floor, api');
  const load: LoadOptions = {
    users: Math.floor(number('users', 1)),
    groupSize: Math.floor(number('group-size', 1)),
    rate: number('rate', 0.01),
    warmupSeconds: number('warmup', 0),
    seconds: number('seconds', 1),
    drainSeconds: number('drain', 0),
  };
  return { scenario, targets, load };
}

async function main(): Promise<number> {
  const { scenario, targets, load } = options();
  const pinned = pinSelf(GENERATOR_CORE);
  const groups = Math.ceil(load.users / load.groupSize);
  console.log(
    `scenario ${scenario}: ${load.users} users, ${groups} groups of ${load.groupSize}, ${load.rate} msg/s per user ` +
      `(${load.users * load.rate} msg/s offered), ${load.warmupSeconds} s warm-up + ${load.seconds} s measured`,
  );
  console.log(
    pinned
      ? `taskset: server on core ${SERVER_CORE}, generator on core ${GENERATOR_CORE} (${cpus().length} cores)`
      : 'taskset not available: server and generator are not pinned',
  );
  console.log(`api env: ${Object.entries(API_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} (hash cost only speeds up registration), in memory`);

  const reports: TargetReport[] = [];
  for (const target of targets) {
    const server = await startServer(target);
    try {
      console.log(`${target}: pid ${server.pid} at ${server.baseUrl} ...`);
      const result = await runLoad(server.baseUrl, server.pid, load);
      reports.push({ target, result });
      console.log(`${target}: setup ${result.setupSeconds.toFixed(1)} s, sent ${result.sent}, received ${result.received}/${result.expectedDeliveries}`);
    } finally {
      await server.stop();
    }
  }

  console.log(`\n${formatTable(reports)}\n`);
  for (const { target, result } of reports) {
    if (result.generatorCpuPercent > 90) console.log(`warning: the generator was near a full core during ${target}: latencies are partly its own`);
    for (const v of result.violationSamples) console.log(`${target}: user ${v.user} in ${v.group} expected seq ${v.expected}, got ${v.got}`);
    for (const e of result.errorSamples) console.log(`${target}: error ${e}`);
  }
  const file = writeJson(join(__dirname, '..', 'results'), scenario, {
    scenario,
    date: new Date().toISOString(),
    load,
    node: process.version,
    cpus: cpus().length,
    taskset: pinned ? { server: SERVER_CORE, generator: GENERATOR_CORE } : null,
    apiEnv: API_ENV,
    results: Object.fromEntries(reports.map((r) => [r.target, r.result])),
    ratios: ratios(reports),
  });
  console.log(`results: ${file}`);
  const bad = reports.filter((r) => failed(r.result));
  if (bad.length) console.log(`FAILED: ${bad.map((r) => r.target).join(', ')} broke the contract (see above)`);
  return bad.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
