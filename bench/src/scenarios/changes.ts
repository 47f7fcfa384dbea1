/**
 * Changes to history riding the steady load (edits, reactions): the same
 * users, groups and rate of operations, but a share of each user's
 * operations are REST calls that change a message instead of sends. Every
 * connection checks that its group's revs go 1, 2, 3, ... across the
 * messages and the changes' events.
 */
import { Changer, Fleet, Sender, sleep } from '../fleet';
import type { RunningServer } from '../launch';
import { LatencyStats, peakRssMiB } from '../measure';
import type { ScenarioResult } from './scenario';
import type { SteadyOptions } from './steady';
import { finishLoad, generatorWarning, measureWindow, Window, windowMetrics } from './window';

export interface ChangesOptions extends SteadyOptions {
  /** The share of operations that are changes: one in round(1 / share). */
  share: number;
}

export const changeEvery = (o: ChangesOptions) => Math.max(1, Math.round(1 / o.share));

/** The load line: `what` says what a change is. */
export function describeChanges(o: ChangesOptions, what: string, unit: string): string {
  const operations = o.users * o.rate;
  const changes = operations / changeEvery(o);
  return (
    `${o.users} users, ${Math.ceil(o.users / o.groupSize)} groups of ${o.groupSize}, ${o.rate} operations/s per user, ` +
    `one in ${changeEvery(o)} ${what}: ` +
    `${operations - changes} msg/s and ${changes} ${unit}/s, ${operations * o.groupSize} deliveries/s offered, ` +
    `${o.warmupSeconds} s warm-up + ${o.seconds} s measured`
  );
}

/** The rows of a change's own figures: its deliveries, its latency at the other members, its REST round trip. */
export function changeRows(kind: string, deliveriesPerSecond: number, latency: LatencyStats, requests: string, roundTrips: LatencyStats): Record<string, number> {
  return {
    [`${kind} deliveries/s`]: deliveriesPerSecond,
    [`${kind} p50 ms (others)`]: latency.p50,
    [`${kind} p99 ms (others)`]: latency.p99,
    [`${kind} max ms (others)`]: latency.max,
    [`${requests} p50 ms`]: roundTrips.p50,
    [`${requests} p99 ms`]: roundTrips.p99,
  };
}

/** Runs the load with `changer`; `metrics` adds the changes' own rows after the steady ones. */
export async function runChanges(
  server: RunningServer,
  o: ChangesOptions,
  changer: (fleet: Fleet) => Changer,
  metrics: (window: Window) => Record<string, number>,
): Promise<ScenarioResult> {
  const fleet = await Fleet.create(server.baseUrls, o);
  await fleet.connect();
  const sender = new Sender(fleet, o.rate, '', new Set(), changer(fleet));
  await sleep(o.warmupSeconds * 1000);
  const window = await measureWindow(server, fleet, o.seconds);
  const correctness = await finishLoad(fleet, sender, o.drainSeconds);
  return {
    metrics: {
      ...windowMetrics(window),
      ...metrics(window),
      'peak RSS MiB (VmHWM)': peakRssMiB(server.pids),
      'generator CPU %': window.generatorCpuPercent,
    },
    correctness,
    warnings: generatorWarning(window),
    details: { window, sent: sender.sent, changes: sender.changes, expectedDeliveries: sender.expectedDeliveries },
  };
}
