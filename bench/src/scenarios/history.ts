/**
 * History reads while messages stream in: the steady load runs, and readers
 * page through the first group's history (limit 50; half the newest page,
 * half a page before a random seq) as its first member. On a database
 * target, that group is first seeded with `seed` messages, so the pages are
 * read from a large table.
 */
import { performance } from 'node:perf_hooks';
import type { Message } from '@chat/protocol';
import { Fleet, Sender, sleep } from '../fleet';
import type { RunningServer } from '../launch';
import { latencyStats, peakRssMiB } from '../measure';
import { seedMessages } from '../postgres';
import type { ScenarioResult } from './scenario';
import type { SteadyOptions } from './steady';
import { finishLoad, generatorWarning, measureWindow, windowMetrics } from './window';

export interface HistoryOptions extends SteadyOptions {
  readers: number;
  /** Messages stored in the read group before the run (database targets only). */
  seed: number;
}

const PAGE = 50;

export async function runHistory(server: RunningServer, o: HistoryOptions): Promise<ScenarioResult> {
  const fleet = await Fleet.create(server.baseUrls, o);
  const group = fleet.groupNames[0];
  const reader = fleet.auths[0];
  const initialSeqs = new Map<string, number>();
  let seedSeconds = 0;
  if (server.databaseUrl && o.seed > 0) {
    const start = performance.now();
    await seedMessages(server.databaseUrl, group, reader.user.id, o.seed);
    seedSeconds = (performance.now() - start) / 1000;
    initialSeqs.set(group, o.seed);
  }
  await fleet.connect(initialSeqs);
  const sender = new Sender(fleet, o.rate);
  await sleep(o.warmupSeconds * 1000);

  const url = `${fleet.baseUrlOf(0)}/api/groups/${encodeURIComponent(group)}/messages`;
  const pageTimes: number[] = [];
  const pageErrors: string[] = [];
  let reading = true;
  const readLoop = async () => {
    for (let n = 0; reading; n++) {
      const last = (initialSeqs.get(group) ?? 0) + (sender.sentPerGroup.get(group) ?? 0);
      const before = n % 2 && last > PAGE ? 2 + Math.floor(Math.random() * (last - 1)) : undefined;
      const start = performance.now();
      const res = await fetch(`${url}?limit=${PAGE}${before ? `&before=${before}` : ''}`, {
        headers: { authorization: `Bearer ${reader.token}` },
      });
      const page = (await res.json()) as Message[];
      pageTimes.push(performance.now() - start);
      const expected = before ? Math.min(PAGE, before - 1) : Math.min(PAGE, last);
      if (!res.ok || page.length < expected || page.some((m, i) => i && m.seq !== page[i - 1].seq + 1)) {
        if (pageErrors.length < 5) pageErrors.push(`page before ${before ?? 'newest'}: ${res.status}, ${page.length} messages`);
      }
    }
  };
  const readers = Array.from({ length: o.readers }, readLoop);
  const window = await measureWindow(server, fleet, o.seconds);
  reading = false;
  await Promise.all(readers);
  const correctness = await finishLoad(fleet, sender, o.drainSeconds, initialSeqs);
  const pages = latencyStats(pageTimes);
  return {
    metrics: {
      ...windowMetrics(window),
      'history pages/s': pages.count / window.seconds,
      'page p50 ms': pages.p50,
      'page p99 ms': pages.p99,
      'page max ms': pages.max,
      'messages in the read group': (initialSeqs.get(group) ?? 0) + (sender.sentPerGroup.get(group) ?? 0),
      'peak RSS MiB (VmHWM)': peakRssMiB(server.pids),
      'generator CPU %': window.generatorCpuPercent,
    },
    correctness: { ...correctness, errors: correctness.errors + pageErrors.length, samples: [...correctness.samples, ...pageErrors] },
    warnings: generatorWarning(window),
    details: { seedSeconds, window },
  };
}
