/**
 * Steady fan-out: every user sends at a fixed rate into its group; measured
 * after a warm-up. Also the shape of the postgres and redis scenarios.
 */
import { Fleet, Sender, sleep } from '../fleet';
import type { RunningServer } from '../launch';
import { peakRssMiB } from '../measure';
import type { ScenarioResult } from './scenario';
import { finishLoad, generatorWarning, measureWindow, windowMetrics } from './window';

export interface SteadyOptions {
  users: number;
  groupSize: number;
  /** Messages per second per user. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** How long to wait after the last send for every delivery to arrive. */
  drainSeconds: number;
}

export function describeSteady(o: SteadyOptions): string {
  const groups = Math.ceil(o.users / o.groupSize);
  return (
    `${o.users} users, ${groups} groups of ${o.groupSize}, ${o.rate} msg/s per user ` +
    `(${o.users * o.rate} msg/s, ${o.users * o.rate * o.groupSize} deliveries/s offered), ` +
    `${o.warmupSeconds} s warm-up + ${o.seconds} s measured`
  );
}

export async function runSteady(server: RunningServer, o: SteadyOptions): Promise<ScenarioResult> {
  const setupStart = Date.now();
  const fleet = await Fleet.create(server.baseUrls, o);
  await fleet.connect();
  const setupSeconds = (Date.now() - setupStart) / 1000;
  const sender = new Sender(fleet, o.rate);
  await sleep(o.warmupSeconds * 1000);
  const window = await measureWindow(server, fleet, o.seconds);
  const correctness = await finishLoad(fleet, sender, o.drainSeconds);
  return {
    metrics: { ...windowMetrics(window), 'peak RSS MiB (VmHWM)': peakRssMiB(server.pids), 'generator CPU %': window.generatorCpuPercent },
    correctness,
    warnings: generatorWarning(window),
    details: { setupSeconds, window, sent: sender.sent, expectedDeliveries: sender.expectedDeliveries },
  };
}
