/** The printed table, the JSON file and the chart of a run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure';
import { Correctness, describeCorrectness, ScenarioResult } from './scenarios/scenario';

export interface TargetSummary {
  target: string;
  /** One per repetition. */
  runs: ScenarioResult[];
  /** The median of every metric over the runs. */
  metrics: Record<string, number>;
  /** Every problem of every run, added up. */
  correctness: Correctness;
}

export function summarise(target: string, runs: ScenarioResult[]): TargetSummary {
  const names = Object.keys(runs[0].metrics);
  const metrics = Object.fromEntries(names.map((name) => [name, median(runs.map((r) => r.metrics[name]))]));
  const add = (key: 'seqViolations' | 'revViolations' | 'missing' | 'errors' | 'unexpectedCloses') => runs.reduce((sum, r) => sum + r.correctness[key], 0);
  const correctness: Correctness = {
    seqViolations: add('seqViolations'),
    revViolations: add('revViolations'),
    missing: add('missing'),
    errors: add('errors'),
    unexpectedCloses: add('unexpectedCloses'),
    samples: runs.flatMap((r) => r.correctness.samples).slice(0, 20),
  };
  return { target, runs, metrics, correctness };
}

/** `target / baseline` of every metric, for every target after the first (the baseline). */
export function ratios(summaries: TargetSummary[]): Record<string, Record<string, number>> {
  const [baseline, ...others] = summaries;
  return Object.fromEntries(
    others.map((s) => [
      `${s.target}/${baseline.target}`,
      Object.fromEntries(Object.entries(s.metrics).map(([name, value]) => [name, value / baseline.metrics[name]])),
    ]),
  );
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return value.toFixed(magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
}

export function formatTable(summaries: TargetSummary[]): string {
  const ratio = ratios(summaries);
  const header = ['metric', ...summaries.map((s) => s.target), ...Object.keys(ratio)];
  const names = Object.keys(summaries[0].metrics);
  const lines = names.map((name) => [
    name,
    ...summaries.map((s) => formatNumber(s.metrics[name])),
    ...Object.values(ratio).map((r) => r[name].toFixed(2)),
  ]);
  lines.push(['correctness', ...summaries.map((s) => describeCorrectness(s.correctness)), ...Object.keys(ratio).map(() => '')]);
  const widths = header.map((_, c) => Math.max(...[header, ...lines].map((line) => line[c].length)));
  const format = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

/** Writes `<stamp>-<name>.json` and `.svg` into `dir`; returns the JSON's path. */
export function writeResults(dir: string, name: string, json: unknown, svg: string): string {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${base}.svg`, svg);
  return base;
}
