/**
 * History reads while messages stream in: the steady load runs, and the
 * first group's first member reads pages of its history (limit 50; half the
 * newest page, half a page before a random seq) at a fixed rate, each
 * request sent on time whether or not the previous one has been answered
 * (open loop, like the senders): page latency is measured at a known load,
 * not at whatever rate a closed loop of readers happens to reach. On a
 * database target, that group is first seeded with `seed` messages, so the
 * pages are read from a large table.
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
  /** History pages requested per second, in total. */
  pageRate: number;
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
  const readPage = async (n: number) => {
    const last = (initialSeqs.get(group) ?? 0) + (sender.sentPerGroup.get(group) ?? 0);
    const before = n % 2 && last > PAGE ? 2 + Math.floor(Math.random() * (last - 1)) : undefined;
    const start = performance.now();
    try {
      const res = await fetch(`${url}?limit=${PAGE}${before ? `&before=${before}` : ''}`, {
        headers: { authorization: `Bearer ${reader.token}` },
      });
      const page = (await res.json()) as Message[];
      pageTimes.push(performance.now() - start);
      const expected = before ? Math.min(PAGE, before - 1) : Math.min(PAGE, last);
      if (!res.ok || page.length < expected || page.some((m, i) => i && m.seq !== page[i - 1].seq + 1)) {
        if (pageErrors.length < 5) pageErrors.push(`page before ${before ?? 'newest'}: ${res.status}, ${page.length} messages`);
      }
    } catch (error) {
      if (pageErrors.length < 5) pageErrors.push(`page before ${before ?? 'newest'}: ${String(error)}`);
    }
  };
  let reading = true;
  const pending = new Set<Promise<void>>();
  const readLoop = async () => {
    const interval = 1000 / o.pageRate;
    const start = performance.now();
    for (let n = 0; reading; n++) {
      const wait = start + n * interval - performance.now();
      if (wait > 0) await sleep(wait);
      const page = readPage(n).then(() => void pending.delete(page));
      pending.add(page);
    }
  };
  const reading$ = readLoop();
  const window = await measureWindow(server, fleet, o.seconds);
  reading = false;
  await reading$;
  await Promise.all(pending);
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
