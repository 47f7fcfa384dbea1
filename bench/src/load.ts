/**
 * The load generator: registers users, puts them in groups and connects one
 * WebSocket each, all through the public contract; then every user sends at a
 * fixed rate (open loop) while every connection checks the seqs it receives
 * and measures delivery latency from the timestamp the sender put in the text.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { AuthResponse, ClientFrame, ServerFrame } from '@chat/protocol';
import { cpuMicros, LatencyStats, latencyStats, peakRssMiB } from './measure';

export interface LoadOptions {
  users: number;
  groupSize: number;
  /** Messages per second per user. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** How long to wait after the last send for every delivery to arrive. */
  drainSeconds: number;
}

export interface Violation {
  user: number;
  group: string;
  expected: number;
  got: number;
}

export interface LoadResult {
  setupSeconds: number;
  windowSeconds: number;
  deliveries: number;
  deliveriesPerSecond: number;
  serverCpuMicros: number;
  /** Server CPU time over the window as a share of one core, in percent. */
  serverCpuPercent: number;
  cpuMicrosPerDelivery: number;
  latencyMs: LatencyStats;
  peakRssMiB: number;
  /** Generator CPU over the window as a share of one core: near 100, latencies are the generator's. */
  generatorCpuPercent: number;
  sent: number;
  expectedDeliveries: number;
  received: number;
  /** Seq out of order, repeated or skipped on a connection. */
  seqViolations: number;
  violationSamples: Violation[];
  /** Deliveries that never arrived (a connection's last seq short of the group's, after draining). */
  missing: number;
  errors: number;
  errorSamples: string[];
  unexpectedCloses: number;
}

const PASSWORD = 'bench-password';
const SETUP_CONCURRENCY = 16;

async function post<T>(baseUrl: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Runs `task(i)` for i in 0..count-1, at most `limit` at a time. */
async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLoad(baseUrl: string, serverPid: number, options: LoadOptions): Promise<LoadResult> {
  const setupStart = performance.now();
  const runId = randomBytes(4).toString('hex');
  const { users: userCount, groupSize } = options;

  // Users, then groups (the first member creates, the others join), then sockets:
  // every member is connected before the first message, so every connection
  // must see each of its groups' seqs from 1 on.
  const auths = await pool(userCount, SETUP_CONCURRENCY, (i) =>
    post<AuthResponse>(baseUrl, '/api/users', { email: `bench-${runId}-${i}@bench.test`, password: PASSWORD }),
  );
  const groupCount = Math.ceil(userCount / groupSize);
  const groupNames = Array.from({ length: groupCount }, (_, g) => `bench-${runId}-${g}`);
  const groupOf = (user: number) => groupNames[Math.floor(user / groupSize)];
  const membersOf = (g: number) => Math.min(groupSize, userCount - g * groupSize);
  await pool(groupCount, SETUP_CONCURRENCY, (g) => post(baseUrl, '/api/groups', { name: groupNames[g] }, auths[g * groupSize].token));
  await pool(userCount, SETUP_CONCURRENCY, async (i) => {
    if (i % groupSize !== 0) await post(baseUrl, `/api/groups/${encodeURIComponent(groupOf(i))}/members`, undefined, auths[i].token);
  });

  let measuring = false;
  let closing = false;
  let received = 0;
  let seqViolations = 0;
  let errors = 0;
  let unexpectedCloses = 0;
  const violationSamples: Violation[] = [];
  const errorSamples: string[] = [];
  const latencies: number[] = [];
  /** Per connection: group → last seq seen. */
  const lastSeqs = Array.from({ length: userCount }, () => new Map<string, number>());

  const wsUrl = baseUrl.replace(/^http/, 'ws');
  const sockets = await pool(userCount, SETUP_CONCURRENCY, (i) =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl}/ws?token=${encodeURIComponent(auths[i].token)}`, { perMessageDeflate: false });
      socket.on('error', reject);
      socket.on('close', (code) => {
        if (!closing) {
          unexpectedCloses++;
          reject(new Error(`user ${i}: closed with ${code}`));
        }
      });
      socket.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as ServerFrame;
        if (frame.event === 'message') {
          const { group, seq, text } = frame.data;
          received++;
          const last = lastSeqs[i].get(group) ?? 0;
          if (seq !== last + 1) {
            seqViolations++;
            if (violationSamples.length < 20) violationSamples.push({ user: i, group, expected: last + 1, got: seq });
          }
          if (seq > last) lastSeqs[i].set(group, seq);
          if (measuring) latencies.push(performance.now() - Number(text.slice(0, text.indexOf(' '))));
        } else if (frame.event === 'ready') {
          resolve(socket);
        } else if (frame.event === 'error') {
          errors++;
          if (errorSamples.length < 10) errorSamples.push(JSON.stringify(frame.data));
        }
      });
    }),
  );
  const setupSeconds = (performance.now() - setupStart) / 1000;

  // Open loop: one scheduler sends for every user whose turn has come, so the
  // offered load holds even when the generator falls behind for a moment.
  const interval = 1000 / options.rate;
  const start = performance.now();
  const nextDue = Array.from({ length: userCount }, () => start + Math.random() * interval);
  const sentCount = new Array<number>(userCount).fill(0);
  const sentPerGroup = new Map<string, number>();
  let sent = 0;
  let expectedDeliveries = 0;
  let sending = true;
  const scheduler = setInterval(() => {
    if (!sending) return;
    const now = performance.now();
    for (let i = 0; i < userCount; i++) {
      while (nextDue[i] <= now) {
        nextDue[i] += interval;
        const group = groupOf(i);
        const n = sentCount[i]++;
        const frame: ClientFrame = {
          event: 'send',
          data: { group, text: `${performance.now().toFixed(3)} u${i} #${n}`, clientMsgId: `u${i}-${n}` },
        };
        sockets[i].send(JSON.stringify(frame));
        sent++;
        sentPerGroup.set(group, (sentPerGroup.get(group) ?? 0) + 1);
        expectedDeliveries += membersOf(Math.floor(i / groupSize));
      }
    }
  }, 2);

  await sleep(options.warmupSeconds * 1000);
  const before = { time: performance.now(), cpu: cpuMicros(serverPid), received, own: process.cpuUsage() };
  measuring = true;
  await sleep(options.seconds * 1000);
  measuring = false;
  const after = { time: performance.now(), cpu: cpuMicros(serverPid), received };
  const own = process.cpuUsage(before.own);
  sending = false;
  clearInterval(scheduler);

  const drainDeadline = performance.now() + options.drainSeconds * 1000;
  while (received < expectedDeliveries && performance.now() < drainDeadline) await sleep(20);

  // After draining, every connection must have reached the last seq of its group:
  // that is, the number of messages sent to the group.
  let missing = 0;
  for (let i = 0; i < userCount; i++) {
    const group = groupOf(i);
    missing += Math.max(0, (sentPerGroup.get(group) ?? 0) - (lastSeqs[i].get(group) ?? 0));
  }
  const rss = peakRssMiB(serverPid);
  closing = true;
  for (const socket of sockets) socket.terminate();

  const windowMs = after.time - before.time;
  const deliveries = after.received - before.received;
  const serverCpu = after.cpu - before.cpu;
  return {
    setupSeconds,
    windowSeconds: windowMs / 1000,
    deliveries,
    deliveriesPerSecond: deliveries / (windowMs / 1000),
    serverCpuMicros: serverCpu,
    serverCpuPercent: (serverCpu / (windowMs * 1000)) * 100,
    cpuMicrosPerDelivery: deliveries ? serverCpu / deliveries : NaN,
    latencyMs: latencyStats(latencies),
    peakRssMiB: rss,
    generatorCpuPercent: ((own.user + own.system) / (windowMs * 1000)) * 100,
    sent,
    expectedDeliveries,
    received,
    seqViolations,
    violationSamples,
    missing,
    errors,
    errorSamples,
    unexpectedCloses,
  };
}
