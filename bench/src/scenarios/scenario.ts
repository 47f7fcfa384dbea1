/** What a scenario is and what it reports. */
import type { LaunchOptions, RunningServer, Target } from '../launch';

export interface Correctness {
  /** Seq out of order, repeated or skipped on a connection. */
  seqViolations: number;
  /** Rev (of messages and edits) out of order, repeated or skipped on a connection. */
  revViolations: number;
  /** Deliveries that never arrived (a connection's last seq short of the group's, after draining). */
  missing: number;
  errors: number;
  unexpectedCloses: number;
  samples: string[];
}

export interface ScenarioResult {
  /** The table's rows, in order: name → value. */
  metrics: Record<string, number>;
  correctness: Correctness;
  /** Lines printed under the table (e.g. the generator was near a full core). */
  warnings: string[];
  /** Anything else worth keeping in the JSON (saturation steps, setup times). */
  details?: unknown;
}

export interface Scenario {
  name: string;
  /** One line on the load, printed before the run. */
  description: string;
  defaultTargets: Target[];
  launch: LaunchOptions;
  run(server: RunningServer): Promise<ScenarioResult>;
}

export const OK: Correctness = { seqViolations: 0, revViolations: 0, missing: 0, errors: 0, unexpectedCloses: 0, samples: [] };

export function isCorrect(c: Correctness): boolean {
  return !c.seqViolations && !c.revViolations && !c.missing && !c.errors && !c.unexpectedCloses;
}

export function describeCorrectness(c: Correctness): string {
  const problems = [
    c.seqViolations && `${c.seqViolations} seq violations`,
    c.revViolations && `${c.revViolations} rev violations`,
    c.missing && `${c.missing} missing`,
    c.errors && `${c.errors} errors`,
    c.unexpectedCloses && `${c.unexpectedCloses} closes`,
  ].filter(Boolean);
  return problems.length ? problems.join(', ') : 'ok';
}
