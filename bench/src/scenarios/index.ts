/**
 * The scenarios `--scenario` selects, built from the command line's flags
 * over each scenario's defaults.
 */
import type { Target } from '../launch';
import { describeEdits, runEdits } from './edits';
import { runHistory } from './history';
import { describeIdle, runIdle } from './idle';
import { describeReactions, runReactions } from './reactions';
import { describeSaturation, runSaturation } from './saturation';
import { describeSearch, runSearch } from './search';
import type { Scenario } from './scenario';
import { describeSlowConsumer, runSlowConsumer } from './slow-consumer';
import { describeSteady, runSteady, SteadyOptions } from './steady';

export const SCENARIO_NAMES = ['steady', 'edits', 'reactions', 'saturation', 'idle', 'slow-consumer', 'history', 'postgres', 'redis', 'search'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Flags as given (undefined when not given). */
export interface Flags {
  users?: number;
  groupSize?: number;
  /** Offered deliveries per second (the rate per user follows from users and group size). */
  deliveries?: number;
  warmup?: number;
  seconds?: number;
  drain?: number;
  connections?: number;
  pageRate?: number;
  seed?: number;
  maxSteps?: number;
  /** The share of operations that are edits (edits scenario). */
  editShare?: number;
  /** The share of operations that are reactions added or removed (reactions scenario). */
  reactionShare?: number;
  /** Searches per query and target (search scenario). */
  iterations?: number;
  targets?: Target[];
  cpuProfileDir?: string;
}

function steadyOptions(f: Flags, defaults: { users: number; groupSize: number; deliveries: number }): SteadyOptions {
  const users = f.users ?? defaults.users;
  const groupSize = f.groupSize ?? defaults.groupSize;
  return {
    users,
    groupSize,
    rate: (f.deliveries ?? defaults.deliveries) / (users * groupSize),
    warmupSeconds: f.warmup ?? 10,
    seconds: f.seconds ?? 20,
    drainSeconds: f.drain ?? 10,
  };
}

export function buildScenario(name: ScenarioName, f: Flags): Scenario {
  const launch = { cpuProfileDir: f.cpuProfileDir };
  const targets = (defaults: Target[]) => f.targets ?? defaults;
  switch (name) {
    case 'steady': {
      // 200 users in groups of 20 at 2 msg/s each: 8,000 deliveries/s.
      const o = steadyOptions(f, { users: 200, groupSize: 20, deliveries: 8000 });
      return { name: `steady-g${o.groupSize}`, description: describeSteady(o), defaultTargets: targets(['floor', 'api']), launch, run: (s) => runSteady(s, o) };
    }
    case 'edits': {
      // The steady load, one operation in ten an edit: 7,200 message and 800 edit deliveries/s offered.
      const o = { ...steadyOptions(f, { users: 200, groupSize: 20, deliveries: 8000 }), share: f.editShare ?? 0.1 };
      return { name: `edits-g${o.groupSize}`, description: describeEdits(o), defaultTargets: targets(['floor', 'api']), launch, run: (s) => runEdits(s, o) };
    }
    case 'reactions': {
      // The steady load, one operation in ten a reaction added or removed: 7,200 message and 800 reaction deliveries/s offered.
      const o = { ...steadyOptions(f, { users: 200, groupSize: 20, deliveries: 8000 }), share: f.reactionShare ?? 0.1 };
      return {
        name: `reactions-g${o.groupSize}`,
        description: describeReactions(o),
        defaultTargets: targets(['floor', 'api']),
        launch,
        run: (s) => runReactions(s, o),
      };
    }
    case 'postgres': {
      // 2,000 messages/s stored and echoed: 400 users in groups of 5 at 5 msg/s each.
      const o = steadyOptions(f, { users: 400, groupSize: 5, deliveries: 10_000 });
      return { name: 'postgres', description: describeSteady(o), defaultTargets: targets(['floor', 'api', 'api-pg']), launch, run: (s) => runSteady(s, o) };
    }
    case 'redis': {
      const o = steadyOptions(f, { users: 200, groupSize: 20, deliveries: 8000 });
      return {
        name: 'redis',
        description: `${describeSteady(o)}; api-redis is two instances, users alternating`,
        defaultTargets: targets(['floor', 'api-pg', 'api-redis']),
        launch,
        run: (s) => runSteady(s, o),
      };
    }
    case 'history': {
      const o = { ...steadyOptions(f, { users: 200, groupSize: 20, deliveries: 4000 }), pageRate: f.pageRate ?? 100, seed: f.seed ?? 1_000_000 };
      return {
        name: 'history',
        description: `${describeSteady(o)}; the first group's first member reading ${o.pageRate} pages/s of its history (50 a page, open loop), seeded with ${o.seed} messages on api-pg`,
        defaultTargets: targets(['floor', 'api', 'api-pg']),
        launch,
        run: (s) => runHistory(s, o),
      };
    }
    case 'search': {
      // 1,000,000 messages in 1,000 groups, a searcher in 50 of them (issue 16).
      const o = { groups: 1000, perGroup: (f.seed ?? 1_000_000) / 1000, joined: 50, iterations: f.iterations ?? 200 };
      return { name: 'search', description: describeSearch(o), defaultTargets: targets(['api-pg']), launch, run: (s) => runSearch(s, o) };
    }
    case 'saturation': {
      const o = {
        users: f.users ?? 200,
        groupSize: f.groupSize ?? 20,
        startDeliveries: f.deliveries ?? 8000,
        factor: 1.35,
        maxSteps: f.maxSteps ?? 12,
        stepWarmupSeconds: f.warmup ?? 2,
        stepSeconds: f.seconds ?? 4,
        drainSeconds: f.drain ?? 30,
      };
      return { name: 'saturation', description: describeSaturation(o), defaultTargets: targets(['floor', 'api']), launch, run: (s) => runSaturation(s, o) };
    }
    case 'slow-consumer': {
      const o = { groupSize: f.groupSize ?? 20, rate: 20, textLength: 3900, seconds: f.seconds ?? 20 };
      return {
        name: 'slow-consumer',
        description: describeSlowConsumer(o),
        defaultTargets: targets(['floor', 'api']),
        launch,
        run: (s) => runSlowConsumer(s, o),
      };
    }
    case 'idle': {
      const o = { connections: f.connections ?? 10_000, groupSize: f.groupSize ?? 20, pingIntervalMs: 5000 };
      return {
        name: 'idle',
        description: describeIdle(o),
        defaultTargets: targets(['floor', 'api']),
        launch: { ...launch, inspect: true, env: { WS_PING_INTERVAL_MS: String(o.pingIntervalMs) } },
        run: (s) => runIdle(s, o),
      };
    }
  }
}
