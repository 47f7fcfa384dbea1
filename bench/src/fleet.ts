/**
 * A fleet of simulated users, all through the public contract: registered
 * over REST, put in groups (the first member creates, the others join), one
 * WebSocket each. Every connection checks the seqs it receives (gapless, in
 * order, no repeats) and measures delivery latency from the timestamp the
 * sender put at the start of the text.
 *
 * Message frames are read without JSON.parse (a few indexOf on the bytes):
 * the generator has one core and must not top out before the server does.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { AuthResponse, ClientFrame, ServerFrame } from '@chat/protocol';

export interface FleetOptions {
  users: number;
  groupSize: number;
}

export interface Violation {
  user: number;
  group: string;
  expected: number;
  got: number;
}

const PASSWORD = 'bench-password';
const SETUP_CONCURRENCY = 16;

export async function post<T>(baseUrl: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Runs `task(i)` for i in 0..count-1, at most `limit` at a time. */
export async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const MESSAGE_PREFIX = Buffer.from('{"event":"message"');
const SEQ_KEY = Buffer.from('"seq":');
const GROUP_KEY = Buffer.from('"group":"');
const TEXT_KEY = Buffer.from('"text":"');
const QUOTE = 0x22;
const SPACE = 0x20;

/** The decimal number at `from` in `bytes` (digits and at most one dot). */
function numberAt(bytes: Buffer, from: number): number {
  let end = from;
  while (end < bytes.length && ((bytes[end] >= 0x30 && bytes[end] <= 0x39) || bytes[end] === 0x2e)) end++;
  return Number(bytes.toString('latin1', from, end));
}

interface MessageFields {
  group: string;
  seq: number;
  /** performance.now() of the sender when it sent the message. */
  sentAt: number;
  /** The sending user's index (the text reads "<sentAt> u<index> #<n>"). */
  sender: number;
}

function readMessage(bytes: Buffer): MessageFields | null {
  if (bytes.compare(MESSAGE_PREFIX, 0, MESSAGE_PREFIX.length, 0, MESSAGE_PREFIX.length) !== 0) return null;
  const seqAt = bytes.indexOf(SEQ_KEY) + SEQ_KEY.length;
  const groupAt = bytes.indexOf(GROUP_KEY) + GROUP_KEY.length;
  const textAt = bytes.indexOf(TEXT_KEY) + TEXT_KEY.length;
  const space = bytes.indexOf(SPACE, textAt);
  return {
    seq: numberAt(bytes, seqAt),
    group: bytes.toString('latin1', groupAt, bytes.indexOf(QUOTE, groupAt)),
    sentAt: numberAt(bytes, textAt),
    sender: numberAt(bytes, space + 2),
  };
}

/** What every connection saw, and the samples of the current measuring window. */
export class Tracker {
  received = 0;
  seqViolations = 0;
  errors = 0;
  unexpectedCloses = 0;
  readonly violationSamples: Violation[] = [];
  readonly errorSamples: string[] = [];
  /** Delivery latencies (ms) of the current window, every recipient. */
  latencies: number[] = [];
  /** Latencies (ms) of the sender's own echo: the acknowledgement. */
  acks: number[] = [];
  measuring = false;
  closing = false;
  /** Per connection: group → last seq seen. */
  readonly lastSeqs: Map<string, number>[];

  constructor(connections: number, initialSeqs: ReadonlyMap<string, number>) {
    this.lastSeqs = Array.from({ length: connections }, () => new Map(initialSeqs));
  }

  /** Starts a measuring window: empties the samples. */
  startWindow(): void {
    this.latencies = [];
    this.acks = [];
    this.measuring = true;
  }

  onFrame(connection: number, bytes: Buffer): ServerFrame | null {
    const message = readMessage(bytes);
    if (!message) {
      const frame = JSON.parse(bytes.toString()) as ServerFrame;
      if (frame.event === 'error') {
        this.errors++;
        if (this.errorSamples.length < 10) this.errorSamples.push(JSON.stringify(frame.data));
      }
      return frame;
    }
    this.received++;
    const seen = this.lastSeqs[connection];
    const last = seen.get(message.group) ?? 0;
    if (message.seq !== last + 1) {
      this.seqViolations++;
      if (this.violationSamples.length < 20) {
        this.violationSamples.push({ user: connection, group: message.group, expected: last + 1, got: message.seq });
      }
    }
    if (message.seq > last) seen.set(message.group, message.seq);
    if (this.measuring) {
      const latency = performance.now() - message.sentAt;
      this.latencies.push(latency);
      if (message.sender === connection) this.acks.push(latency);
    }
    return null;
  }
}

export class Fleet {
  private constructor(
    readonly options: FleetOptions,
    readonly auths: AuthResponse[],
    readonly groupNames: string[],
    /** Which server each user talks to (users alternate over the servers). */
    readonly baseUrlOf: (user: number) => string,
  ) {}

  tracker = new Tracker(0, new Map());
  sockets: WebSocket[] = [];

  get users(): number {
    return this.options.users;
  }

  groupIndexOf(user: number): number {
    return Math.floor(user / this.options.groupSize);
  }

  groupOf(user: number): string {
    return this.groupNames[this.groupIndexOf(user)];
  }

  membersOf(group: number): number {
    return Math.min(this.options.groupSize, this.options.users - group * this.options.groupSize);
  }

  /** Registers the users and forms the groups, through REST. */
  static async create(baseUrls: string[], options: FleetOptions): Promise<Fleet> {
    const runId = randomBytes(4).toString('hex');
    const baseUrlOf = (user: number) => baseUrls[user % baseUrls.length];
    const auths = await pool(options.users, SETUP_CONCURRENCY, (i) =>
      post<AuthResponse>(baseUrlOf(i), '/api/users', { email: `bench-${runId}-${i}@bench.test`, password: PASSWORD }),
    );
    const groupCount = Math.ceil(options.users / options.groupSize);
    const groupNames = Array.from({ length: groupCount }, (_, g) => `bench-${runId}-${g}`);
    const fleet = new Fleet(options, auths, groupNames, baseUrlOf);
    await pool(groupCount, SETUP_CONCURRENCY, (g) => {
      const creator = g * options.groupSize;
      return post(baseUrlOf(creator), '/api/groups', { name: groupNames[g] }, auths[creator].token);
    });
    await pool(options.users, SETUP_CONCURRENCY, async (i) => {
      if (i % options.groupSize !== 0) {
        await post(baseUrlOf(i), `/api/groups/${encodeURIComponent(fleet.groupOf(i))}/members`, undefined, auths[i].token);
      }
    });
    return fleet;
  }

  /**
   * One WebSocket per user, resolved when every one has had `ready`. Seqs are
   * checked from `initialSeqs` on (a group's messages stored before).
   */
  async connect(initialSeqs: ReadonlyMap<string, number> = new Map()): Promise<void> {
    const tracker = new Tracker(this.users, initialSeqs);
    this.tracker = tracker;
    this.sockets = await pool(this.users, SETUP_CONCURRENCY, (i) =>
      new Promise<WebSocket>((resolve, reject) => {
        const wsUrl = this.baseUrlOf(i).replace(/^http/, 'ws');
        const socket = new WebSocket(`${wsUrl}/ws?token=${encodeURIComponent(this.auths[i].token)}`, { perMessageDeflate: false });
        socket.on('error', reject);
        socket.on('close', (code) => {
          if (!tracker.closing) {
            tracker.unexpectedCloses++;
            reject(new Error(`user ${i}: closed with ${code}`));
          }
        });
        socket.on('message', (raw: Buffer) => {
          if (tracker.onFrame(i, raw)?.event === 'ready') resolve(socket);
        });
      }),
    );
  }

  /** Messages every connection should have received by now: its group's count of sends. */
  missing(sentPerGroup: ReadonlyMap<string, number>, initialSeqs: ReadonlyMap<string, number> = new Map()): number {
    let missing = 0;
    for (let i = 0; i < this.users; i++) {
      const group = this.groupOf(i);
      const expected = (initialSeqs.get(group) ?? 0) + (sentPerGroup.get(group) ?? 0);
      missing += Math.max(0, expected - (this.tracker.lastSeqs[i].get(group) ?? 0));
    }
    return missing;
  }

  close(): void {
    this.tracker.closing = true;
    for (const socket of this.sockets) socket.terminate();
  }
}

/**
 * The open-loop sender: one timer sends for every user whose turn has come,
 * so the offered load holds even when the generator falls behind for a moment.
 */
export class Sender {
  sent = 0;
  expectedDeliveries = 0;
  readonly sentPerGroup = new Map<string, number>();
  private readonly nextDue: number[];
  private readonly sentCount: number[];
  private interval: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly fleet: Fleet,
    /** Messages per second per user. */
    rate: number,
    /** Characters added to every text (the text is otherwise ~30). */
    private readonly padding = '',
    /** Users who do not send. */
    private readonly silent: ReadonlySet<number> = new Set(),
  ) {
    this.interval = 1000 / rate;
    const start = performance.now();
    this.nextDue = Array.from({ length: fleet.users }, () => start + Math.random() * this.interval);
    this.sentCount = new Array<number>(fleet.users).fill(0);
    this.timer = setInterval(() => this.tick(), 2);
  }

  /** Changes the rate from now on (saturation steps). */
  setRate(rate: number): void {
    const now = performance.now();
    this.interval = 1000 / rate;
    for (let i = 0; i < this.nextDue.length; i++) this.nextDue[i] = Math.min(this.nextDue[i], now + Math.random() * this.interval);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = performance.now();
    const { fleet } = this;
    for (let i = 0; i < fleet.users; i++) {
      if (this.silent.has(i)) continue;
      while (this.nextDue[i] <= now) {
        this.nextDue[i] += this.interval;
        const group = fleet.groupOf(i);
        const n = this.sentCount[i]++;
        const frame: ClientFrame = {
          event: 'send',
          data: { group, text: `${performance.now().toFixed(3)} u${i} #${n}${this.padding}`, clientMsgId: `u${i}-${n}` },
        };
        fleet.sockets[i].send(JSON.stringify(frame));
        this.sent++;
        this.sentPerGroup.set(group, (this.sentPerGroup.get(group) ?? 0) + 1);
        this.expectedDeliveries += fleet.membersOf(fleet.groupIndexOf(i));
      }
    }
  }
}
