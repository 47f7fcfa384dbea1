/** The printed table and the JSON file of a run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './load';

export interface TargetReport {
  target: string;
  result: LoadResult;
}

interface Row {
  metric: string;
  value: (r: LoadResult) => number;
  digits: number;
}

const ROWS: Row[] = [
  { metric: 'deliveries/s', value: (r) => r.deliveriesPerSecond, digits: 0 },
  { metric: 'server CPU µs/delivery', value: (r) => r.cpuMicrosPerDelivery, digits: 2 },
  { metric: 'server CPU % of a core', value: (r) => r.serverCpuPercent, digits: 1 },
  { metric: 'latency p50 ms', value: (r) => r.latencyMs.p50, digits: 2 },
  { metric: 'latency p99 ms', value: (r) => r.latencyMs.p99, digits: 2 },
  { metric: 'latency max ms', value: (r) => r.latencyMs.max, digits: 2 },
  { metric: 'peak RSS MiB (VmHWM)', value: (r) => r.peakRssMiB, digits: 1 },
];

/** `api / floor` for every metric of the table; null when there is no floor or api. */
export function ratios(reports: TargetReport[]): Record<string, number> | null {
  const floor = reports.find((r) => r.target === 'floor')?.result;
  const api = reports.find((r) => r.target === 'api')?.result;
  if (!floor || !api) return null;
  return Object.fromEntries(ROWS.map((row) => [row.metric, row.value(api) / row.value(floor)]));
}

function failures(r: LoadResult): string {
  const problems = [
    r.seqViolations && `${r.seqViolations} seq violations`,
    r.missing && `${r.missing} missing`,
    r.errors && `${r.errors} errors`,
    r.unexpectedCloses && `${r.unexpectedCloses} closes`,
  ].filter(Boolean);
  return problems.length ? problems.join(', ') : 'ok';
}

export function failed(r: LoadResult): boolean {
  return r.seqViolations > 0 || r.missing > 0 || r.errors > 0 || r.unexpectedCloses > 0;
}

export function formatTable(reports: TargetReport[]): string {
  const ratio = ratios(reports);
  const header = ['metric', ...reports.map((r) => r.target), ...(ratio ? ['api/floor'] : [])];
  const lines: string[][] = ROWS.map((row) => [
    row.metric,
    ...reports.map((r) => row.value(r.result).toFixed(row.digits)),
    ...(ratio ? [ratio[row.metric].toFixed(2)] : []),
  ]);
  lines.push(['correctness', ...reports.map((r) => failures(r.result)), ...(ratio ? [''] : [])]);
  lines.push(['deliveries in window', ...reports.map((r) => String(r.result.deliveries)), ...(ratio ? [''] : [])]);
  lines.push(['generator CPU % of a core', ...reports.map((r) => r.result.generatorCpuPercent.toFixed(1)), ...(ratio ? [''] : [])]);
  const all = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...all.map((line) => line[c].length)));
  const format = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

export function writeJson(dir: string, scenario: string, content: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${scenario}.json`);
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}
