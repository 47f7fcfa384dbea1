/** A measuring window over a running load, and the end of a load (drain, then check). */
import { performance } from 'node:perf_hooks';
import { Fleet, Sender, sleep } from '../fleet';
import type { RunningServer } from '../launch';
import { cpuTimes, LatencyStats, latencyStats } from '../measure';
import type { Correctness } from './scenario';

export interface Window {
  seconds: number;
  deliveries: number;
  deliveriesPerSecond: number;
  /** Messages echoed to their sender (acknowledged) per second. */
  acksPerSecond: number;
  serverCpuMicros: number;
  /** The part of serverCpuMicros spent in the kernel (stime). */
  serverSystemMicros: number;
  /** Server CPU over the window as a share of one core, in percent (summed over processes). */
  serverCpuPercent: number;
  cpuMicrosPerDelivery: number;
  /** Messages, every recipient. */
  latency: LatencyStats;
  ack: LatencyStats;
  /** `edit` events received per second (part of deliveriesPerSecond). */
  editDeliveriesPerSecond: number;
  /** Edits, every member but the editor: PATCH issued → `edit` received. */
  edit: LatencyStats;
  /** `reaction` events received per second (part of deliveriesPerSecond). */
  reactionDeliveriesPerSecond: number;
  /** Reactions, every member but the reactor: PUT or DELETE issued → `reaction` received. */
  reaction: LatencyStats;
  /** REST round trips of the changes (PATCH, PUT, DELETE). */
  requests: LatencyStats;
  /** Near 100, the generator itself limits the figures. */
  generatorCpuPercent: number;
}

export async function measureWindow(server: RunningServer, fleet: Fleet, seconds: number): Promise<Window> {
  const { tracker } = fleet;
  const before = {
    time: performance.now(),
    cpu: cpuTimes(server.pids),
    received: tracker.received,
    edits: tracker.editsReceived,
    reactions: tracker.reactionsReceived,
    own: process.cpuUsage(),
  };
  tracker.startWindow();
  await sleep(seconds * 1000);
  tracker.measuring = false;
  const after = {
    time: performance.now(),
    cpu: cpuTimes(server.pids),
    received: tracker.received,
    edits: tracker.editsReceived,
    reactions: tracker.reactionsReceived,
  };
  const own = process.cpuUsage(before.own);
  const windowMicros = (after.time - before.time) * 1000;
  const deliveries = after.received - before.received;
  const serverSystemMicros = after.cpu.system - before.cpu.system;
  const serverCpuMicros = after.cpu.user - before.cpu.user + serverSystemMicros;
  return {
    seconds: windowMicros / 1e6,
    deliveries,
    deliveriesPerSecond: deliveries / (windowMicros / 1e6),
    acksPerSecond: tracker.acks.length / (windowMicros / 1e6),
    serverCpuMicros,
    serverSystemMicros,
    serverCpuPercent: (serverCpuMicros / windowMicros) * 100,
    cpuMicrosPerDelivery: deliveries ? serverCpuMicros / deliveries : NaN,
    latency: latencyStats(tracker.latencies),
    ack: latencyStats(tracker.acks),
    editDeliveriesPerSecond: (after.edits - before.edits) / (windowMicros / 1e6),
    edit: latencyStats(tracker.editLatencies),
    reactionDeliveriesPerSecond: (after.reactions - before.reactions) / (windowMicros / 1e6),
    reaction: latencyStats(tracker.reactionLatencies),
    requests: latencyStats(tracker.requestTimes),
    generatorCpuPercent: ((own.user + own.system) / windowMicros) * 100,
  };
}

/**
 * Stops sending, waits up to `drainSeconds` for every delivery and every
 * change's answer, checks that every connection reached its group's last seq
 * and rev, and closes the fleet.
 */
export async function finishLoad(
  fleet: Fleet,
  sender: Sender,
  drainSeconds: number,
  initialSeqs: ReadonlyMap<string, number> = new Map(),
): Promise<Correctness> {
  sender.stop();
  const { tracker } = fleet;
  const deadline = performance.now() + drainSeconds * 1000;
  const busy = () => tracker.received < sender.expectedDeliveries || (sender.changer?.pending ?? 0) > 0;
  while (busy() && performance.now() < deadline) await sleep(20);
  const missing = fleet.missing(sender.sentPerGroup, initialSeqs, sender.changesPerGroup);
  fleet.close();
  sender.changer?.close();
  return {
    seqViolations: tracker.seqViolations,
    revViolations: tracker.revViolations,
    missing,
    errors: tracker.errors,
    unexpectedCloses: tracker.unexpectedCloses,
    samples: [
      ...tracker.violationSamples.map((v) => `user ${v.user} in ${v.group} expected ${v.of} ${v.expected}, got ${v.got}`),
      ...tracker.errorSamples.map((e) => `error ${e}`),
    ],
  };
}

/** The rows every load scenario shows. */
export function windowMetrics(w: Window): Record<string, number> {
  return {
    'deliveries/s': w.deliveriesPerSecond,
    'server CPU µs/delivery': w.cpuMicrosPerDelivery,
    'server CPU % of a core': w.serverCpuPercent,
    'of which kernel µs/delivery': w.deliveries ? w.serverSystemMicros / w.deliveries : NaN,
    'latency p50 ms': w.latency.p50,
    'latency p99 ms': w.latency.p99,
    'latency max ms': w.latency.max,
    'acks/s (stored + echoed)': w.acksPerSecond,
    'ack p99 ms': w.ack.p99,
  };
}

export function generatorWarning(w: Window): string[] {
  return w.generatorCpuPercent > 90
    ? [`the generator used ${w.generatorCpuPercent.toFixed(0)}% of its core: latencies and rates are partly its own`]
    : [];
}
