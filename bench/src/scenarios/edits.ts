/**
 * Edits riding the steady load: the same users, groups and rate of
 * operations, but one operation in ten (`editShare`) is a PATCH of the
 * sender's newest message it has seen echoed, instead of a send. Every
 * connection checks that its group's revs go 1, 2, 3, ... across `message`
 * and `edit` events. Reports the steady figures (deliveries count messages
 * and edits) plus edit latency: PATCH issued → `edit` received by the other
 * members.
 */
import { Fleet, Sender, sleep } from '../fleet';
import { Editor } from '../editor';
import type { RunningServer } from '../launch';
import { peakRssMiB } from '../measure';
import type { ScenarioResult } from './scenario';
import type { SteadyOptions } from './steady';
import { finishLoad, generatorWarning, measureWindow, windowMetrics } from './window';

export interface EditsOptions extends SteadyOptions {
  /** The share of operations that are edits: one in round(1 / editShare). */
  editShare: number;
}

export const editEvery = (o: EditsOptions) => Math.max(1, Math.round(1 / o.editShare));

export function describeEdits(o: EditsOptions): string {
  const operations = o.users * o.rate;
  const edits = operations / editEvery(o);
  return (
    `${o.users} users, ${Math.ceil(o.users / o.groupSize)} groups of ${o.groupSize}, ${o.rate} operations/s per user, ` +
    `one in ${editEvery(o)} an edit (PATCH over keep-alive agents) of the sender's newest message: ` +
    `${operations - edits} msg/s and ${edits} edits/s, ${operations * o.groupSize} deliveries/s offered, ` +
    `${o.warmupSeconds} s warm-up + ${o.seconds} s measured`
  );
}

export async function runEdits(server: RunningServer, o: EditsOptions): Promise<ScenarioResult> {
  const fleet = await Fleet.create(server.baseUrls, o);
  await fleet.connect();
  const sender = new Sender(fleet, o.rate, '', new Set(), new Editor(fleet, editEvery(o)));
  await sleep(o.warmupSeconds * 1000);
  const window = await measureWindow(server, fleet, o.seconds);
  const correctness = await finishLoad(fleet, sender, o.drainSeconds);
  return {
    metrics: {
      ...windowMetrics(window),
      'edit deliveries/s': window.editDeliveriesPerSecond,
      'edit p50 ms (others)': window.edit.p50,
      'edit p99 ms (others)': window.edit.p99,
      'edit max ms (others)': window.edit.max,
      'PATCH p50 ms': window.patch.p50,
      'PATCH p99 ms': window.patch.p99,
      'peak RSS MiB (VmHWM)': peakRssMiB(server.pids),
      'generator CPU %': window.generatorCpuPercent,
    },
    correctness,
    warnings: generatorWarning(window),
    details: { window, sent: sender.sent, edits: sender.edits, expectedDeliveries: sender.expectedDeliveries },
  };
}
