/**
 * A slow consumer: one member of a busy group stops reading its socket
 * (ws `pause()`: nothing is read from TCP, so the server's writes to it back
 * up) while the others keep talking with long messages. The API drops a
 * connection with more than 4 MiB queued; a server without that bound holds
 * everything the reader does not take. Reports the server's peak memory and
 * whether the reader was dropped, and checks that the others got every
 * message in order meanwhile.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { Fleet, Sender, sleep } from '../fleet';
import type { RunningServer } from '../launch';
import { peakRssMiB, rssKiB } from '../measure';
import type { ScenarioResult } from './scenario';
import { measureWindow } from './window';

export interface SlowConsumerOptions {
  groupSize: number;
  /** Messages per second per sending member. */
  rate: number;
  textLength: number;
  seconds: number;
}

export function describeSlowConsumer(o: SlowConsumerOptions): string {
  const bytesPerSecond = (o.groupSize - 1) * o.rate * o.textLength;
  return (
    `one group of ${o.groupSize}: one member stops reading while the others send ${o.rate} msg/s each of ` +
    `${o.textLength} characters (~${(bytesPerSecond / 1e6).toFixed(1)} MB/s owed to the reader) for ${o.seconds} s`
  );
}

const SLOW = 0;

export async function runSlowConsumer(server: RunningServer, o: SlowConsumerOptions): Promise<ScenarioResult> {
  const fleet = await Fleet.create(server.baseUrls, { users: o.groupSize, groupSize: o.groupSize });
  await fleet.connect();
  const reader = fleet.sockets[SLOW];
  reader.pause();
  const rssBefore = rssKiB(server.pids);
  const sender = new Sender(fleet, o.rate, ` ${'x'.repeat(o.textLength)}`, new Set([SLOW]));
  const start = performance.now();
  let peakKiB = rssBefore;
  const sampler = setInterval(() => (peakKiB = Math.max(peakKiB, rssKiB(server.pids))), 250);
  const window = await measureWindow(server, fleet, o.seconds);
  sender.stop();
  clearInterval(sampler);
  const seconds = (performance.now() - start) / 1000;

  // Did the server drop the reader? Reading again shows it: whatever was
  // queued arrives, then the close (or, if it was never dropped, nothing).
  const { tracker } = fleet;
  const closesBefore = tracker.unexpectedCloses;
  reader.resume();
  const deadline = performance.now() + 15_000;
  while (reader.readyState === WebSocket.OPEN && performance.now() < deadline && tracker.unexpectedCloses === closesBefore) {
    await sleep(50);
    if (reader.readyState === WebSocket.OPEN && tracker.lastSeqs[SLOW].get(fleet.groupNames[0]) === sender.sent) break;
  }
  const dropped = reader.readyState !== WebSocket.OPEN;
  await sleep(500);
  const group = fleet.groupNames[0];
  let missing = 0;
  for (let i = 1; i < o.groupSize; i++) missing += sender.sent - (tracker.lastSeqs[i].get(group) ?? 0);
  const otherCloses = tracker.unexpectedCloses - (dropped ? 1 : 0);
  fleet.close();
  return {
    metrics: {
      'bytes owed to the reader MB': (sender.sent * (o.textLength + 300)) / 1e6,
      'reader dropped (1 yes)': dropped ? 1 : 0,
      'RSS growth MiB (peak - start)': (peakKiB - rssBefore) / 1024,
      'peak RSS MiB (VmHWM)': peakRssMiB(server.pids),
      'deliveries/s to the others': window.deliveriesPerSecond,
      'latency p99 ms (others)': window.latency.p99,
      'seconds': seconds,
    },
    correctness: {
      // The reader's own seqs are not checked: it may be dropped mid-frame.
      seqViolations: tracker.violationSamples.filter((v) => v.user !== SLOW && v.of === 'seq').length,
      revViolations: tracker.violationSamples.filter((v) => v.user !== SLOW && v.of === 'rev').length,
      missing,
      errors: tracker.errors,
      unexpectedCloses: Math.max(0, otherCloses),
      samples: tracker.violationSamples.filter((v) => v.user !== SLOW).map((v) => `user ${v.user}: expected ${v.of} ${v.expected}, got ${v.got}`),
    },
    warnings: [],
  };
}
