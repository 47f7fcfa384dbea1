/** What the generator reads about the server processes, and latency statistics. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

export interface CpuTimes {
  /** In the process itself (JavaScript, V8, libuv). */
  user: number;
  /** In the kernel on its behalf: mostly socket writes and reads. */
  system: number;
}

/** utime and stime of processes so far, in microseconds (/proc/<pid>/stat fields 14 and 15). */
export function cpuTimes(pids: readonly number[]): CpuTimes {
  let user = 0;
  let system = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields after it start at 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    user += Number(fields[14 - 3]);
    system += Number(fields[15 - 3]);
  }
  return { user: (user * 1e6) / CLOCK_TICKS, system: (system * 1e6) / CLOCK_TICKS };
}


function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  return match ? Number(match[1]) : NaN;
}

/** Peak resident set size (VmHWM), summed over the processes, in MiB. */
export function peakRssMiB(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + statusKiB(pid, 'VmHWM'), 0) / 1024;
}

/** Current resident set size (VmRSS), summed over the processes, in KiB. */
export function rssKiB(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + statusKiB(pid, 'VmRSS'), 0);
}

export interface LatencyStats {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles, in milliseconds. */
export function latencyStats(samples: number[]): LatencyStats {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
