/**
 * Idle connections: many authenticated users (in groups, so every connection
 * carries its memberships), one WebSocket each, nobody talking. Reports the
 * time to open them all, the server's memory per connection (measured after a
 * forced full GC before and after connecting, through the inspector), and
 * whether all are still open after two ping intervals (the API pings and
 * drops dead peers; the generator's ws answers pings).
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { Fleet, sleep } from '../fleet';
import type { RunningServer } from '../launch';
import { memoryAfterGc, MemoryAfterGc } from '../inspector';
import { peakRssMiB } from '../measure';
import { OK, ScenarioResult } from './scenario';

export interface IdleOptions {
  connections: number;
  groupSize: number;
  /** The API's WS_PING_INTERVAL_MS for this scenario. */
  pingIntervalMs: number;
}

export function describeIdle(o: IdleOptions): string {
  return `${o.connections} idle authenticated connections (groups of ${o.groupSize}), API pinging every ${o.pingIntervalMs} ms`;
}

export async function runIdle(server: RunningServer, o: IdleOptions): Promise<ScenarioResult> {
  const fleet = await Fleet.create(server.baseUrls, { users: o.connections, groupSize: o.groupSize });
  const before = await memoryOf(server);
  const start = performance.now();
  await fleet.connect();
  const openSeconds = (performance.now() - start) / 1000;
  await sleep(2000);
  const after = await memoryOf(server);
  await sleep(2 * o.pingIntervalMs + 1000);
  const open = fleet.sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  const { unexpectedCloses } = fleet.tracker;
  fleet.close();
  return {
    metrics: {
      connections: o.connections,
      'seconds to open all': openSeconds,
      'connections opened/s': o.connections / openSeconds,
      'RSS before MiB (after GC)': before.rssKiB / 1024,
      'RSS with connections MiB (after GC)': after.rssKiB / 1024,
      'RSS KiB per connection': (after.rssKiB - before.rssKiB) / o.connections,
      'heap + external KiB per connection': (after.heapAndExternalKiB - before.heapAndExternalKiB) / o.connections,
      'open after 2 ping intervals': open,
      'peak RSS MiB (VmHWM)': peakRssMiB(server.pids),
    },
    correctness: { ...OK, unexpectedCloses, missing: o.connections - open },
    warnings: [],
  };
}

/** Summed over the server's processes. */
async function memoryOf(server: RunningServer): Promise<MemoryAfterGc> {
  const each = await Promise.all(server.inspectPorts.map(memoryAfterGc));
  return {
    rssKiB: each.reduce((sum, m) => sum + m.rssKiB, 0),
    heapAndExternalKiB: each.reduce((sum, m) => sum + m.heapAndExternalKiB, 0),
  };
}
