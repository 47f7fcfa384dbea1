/**
 * A fleet of simulated users, all through the public contract: registered
 * over REST, put in groups (the first member creates, the others join), one
 * WebSocket each. Every connection checks the seqs of the messages it
 * receives and the revs of the messages, edits and reactions (each gapless,
 * in order, no repeats, per group) and measures delivery latency from the
 * timestamp the sender (or editor) put at the start of the text, or from
 * the time a reaction was asked for.
 *
 * Message and edit frames are read without JSON.parse (a few indexOf on the bytes):
 * the generator has one core and must not top out before the server does.
 * Reaction frames, a tenth of the deliveries at most, are parsed.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { AuthResponse, ClientFrame, ReactionEvent, ServerFrame } from '@chat/protocol';
import { reactionKey } from './reactor';

export interface FleetOptions {
  users: number;
  groupSize: number;
}

export interface Violation {
  user: number;
  group: string;
  /** Which number broke: a message's seq, or the rev of a message, an edit or a reaction. */
  of: 'seq' | 'rev';
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
const EDIT_PREFIX = Buffer.from('{"event":"edit"');
const SEQ_KEY = Buffer.from('"seq":');
const REV_KEY = Buffer.from('"rev":');
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

interface ChangeFields {
  /** A new message, or an edit of one. */
  edit: boolean;
  group: string;
  seq: number;
  /** NaN when the frame has none. */
  rev: number;
  /** performance.now() of the sender when it sent the message or the edit. */
  sentAt: number;
  /** The sending user's index (the text reads "<sentAt> u<index> ..."). */
  sender: number;
}

const startsWith = (bytes: Buffer, prefix: Buffer) => bytes.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

/** A `message` or an `edit` frame: every key but `text` and `group` is a number, and ours come first in the text. */
function readChange(bytes: Buffer): ChangeFields | null {
  const edit = startsWith(bytes, EDIT_PREFIX);
  if (!edit && !startsWith(bytes, MESSAGE_PREFIX)) return null;
  const seqAt = bytes.indexOf(SEQ_KEY) + SEQ_KEY.length;
  const revAt = bytes.indexOf(REV_KEY);
  const groupAt = bytes.indexOf(GROUP_KEY) + GROUP_KEY.length;
  const textAt = bytes.indexOf(TEXT_KEY) + TEXT_KEY.length;
  const space = bytes.indexOf(SPACE, textAt);
  return {
    edit,
    seq: numberAt(bytes, seqAt),
    rev: revAt < 0 ? NaN : numberAt(bytes, revAt + REV_KEY.length),
    group: bytes.toString('latin1', groupAt, bytes.indexOf(QUOTE, groupAt)),
    sentAt: numberAt(bytes, textAt),
    sender: numberAt(bytes, space + 2),
  };
}

/**
 * A change to history other than a new message, made over REST in some of a
 * user's turns (edits, reactions); each one takes one rev and reaches every
 * member of the group.
 */
export interface Changer {
  readonly kind: 'edit' | 'reaction';
  /** One operation of a user in `every` is a change (when one can be made then). */
  readonly every: number;
  /** Requests sent and not yet answered. */
  readonly pending: number;
  /** Makes user's change `n` in `group`; false when it cannot now (the user sends a message instead). */
  change(user: number, group: string, n: number): boolean;
  close(): void;
}

/** What every connection saw, and the samples of the current measuring window. */
export class Tracker {
  /** Messages, edits and reactions. */
  received = 0;
  editsReceived = 0;
  reactionsReceived = 0;
  /** `message` events for a seq already held, with a higher rev (an instance filling a gap). */
  restatedReceived = 0;
  seqViolations = 0;
  revViolations = 0;
  errors = 0;
  unexpectedCloses = 0;
  readonly violationSamples: Violation[] = [];
  readonly errorSamples: string[] = [];
  /** Message delivery latencies (ms) of the current window, every recipient. */
  latencies: number[] = [];
  /** Latencies (ms) of the sender's own echo: the acknowledgement. */
  acks: number[] = [];
  /** Edit latencies (ms): PATCH issued → `edit` received, every member but the editor. */
  editLatencies: number[] = [];
  /** Reaction latencies (ms): PUT or DELETE issued → `reaction` received, every member but the reactor. */
  reactionLatencies: number[] = [];
  /** REST round trips (ms) of the current window (edits, reactions), pushed by the RestClient. */
  requestTimes: number[] = [];
  /** When each reaction change was asked for, and by which user, by reactionKey (filled by the Reactor). */
  readonly reactionIssuedAt = new Map<string, { at: number; user: number }>();
  measuring = false;
  closing = false;
  /** Per connection: group → last seq seen. */
  readonly lastSeqs: Map<string, number>[];
  /** Per connection: group → last rev seen (messages, edits, reactions). */
  readonly lastRevs: Map<string, number>[];
  /** Per connection: the seq of the newest message of its own it has seen echoed (0: none yet). */
  readonly ownSeqs: number[];

  /** `initialSeqs`: messages stored before, each with rev = seq (seeded history). */
  constructor(connections: number, initialSeqs: ReadonlyMap<string, number>) {
    this.lastSeqs = Array.from({ length: connections }, () => new Map(initialSeqs));
    this.lastRevs = Array.from({ length: connections }, () => new Map(initialSeqs));
    this.ownSeqs = new Array<number>(connections).fill(0);
  }

  /** Starts a measuring window: empties the samples. */
  startWindow(): void {
    this.latencies = [];
    this.acks = [];
    this.editLatencies = [];
    this.reactionLatencies = [];
    this.requestTimes = [];
    this.measuring = true;
  }

  onFrame(connection: number, bytes: Buffer): ServerFrame | null {
    const change = readChange(bytes);
    if (!change) {
      const frame = JSON.parse(bytes.toString()) as ServerFrame;
      if (frame.event === 'reaction') this.onReaction(connection, frame.data);
      if (frame.event === 'error') {
        this.errors++;
        if (this.errorSamples.length < 10) this.errorSamples.push(JSON.stringify(frame.data));
      }
      return frame;
    }
    this.received++;
    const { group } = change;
    this.checkRev(connection, group, change.rev);
    if (change.edit) {
      this.editsReceived++;
      if (this.measuring && change.sender !== connection) this.editLatencies.push(performance.now() - change.sentAt);
      return null;
    }
    const seqs = this.lastSeqs[connection];
    const last = seqs.get(group) ?? 0;
    // A message this connection holds, restated at a higher rev (checked above): it replaces its copy.
    if (change.seq <= last && change.rev === (this.lastRevs[connection].get(group) ?? 0)) {
      this.restatedReceived++;
      return null;
    }
    if (change.seq !== last + 1) this.violation(connection, group, 'seq', last + 1, change.seq);
    if (change.seq > last) seqs.set(group, change.seq);
    if (change.sender === connection) this.ownSeqs[connection] = change.seq;
    if (this.measuring) {
      const latency = performance.now() - change.sentAt;
      this.latencies.push(latency);
      if (change.sender === connection) this.acks.push(latency);
    }
    return null;
  }

  private onReaction(connection: number, reaction: ReactionEvent): void {
    this.received++;
    this.reactionsReceived++;
    this.checkRev(connection, reaction.group, reaction.rev);
    if (!this.measuring) return;
    const issued = this.reactionIssuedAt.get(reactionKey(reaction.group, reaction.seq, reaction.emoji, reaction.user.id, reaction.added));
    if (issued && issued.user !== connection) this.reactionLatencies.push(performance.now() - issued.at);
  }

  /** Revs of a group go 1, 2, 3, ... on every connection, across messages, edits and reactions. */
  private checkRev(connection: number, group: string, rev: number): void {
    const revs = this.lastRevs[connection];
    const lastRev = revs.get(group) ?? 0;
    if (rev !== lastRev + 1) this.violation(connection, group, 'rev', lastRev + 1, rev);
    if (rev > lastRev) revs.set(group, rev);
  }

  private violation(user: number, group: string, of: 'seq' | 'rev', expected: number, got: number): void {
    if (of === 'seq') this.seqViolations++;
    else this.revViolations++;
    if (this.violationSamples.length < 20) this.violationSamples.push({ user, group, of, expected, got });
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

  /**
   * Deliveries every connection should have received by now: its group's
   * sends (seqs) and sends plus other changes (revs), whichever falls shorter.
   */
  missing(
    sentPerGroup: ReadonlyMap<string, number>,
    initialSeqs: ReadonlyMap<string, number> = new Map(),
    changesPerGroup: ReadonlyMap<string, number> = new Map(),
  ): number {
    let missing = 0;
    for (let i = 0; i < this.users; i++) {
      const group = this.groupOf(i);
      const lastSeq = (initialSeqs.get(group) ?? 0) + (sentPerGroup.get(group) ?? 0);
      const lastRev = lastSeq + (changesPerGroup.get(group) ?? 0);
      const seqsShort = lastSeq - (this.tracker.lastSeqs[i].get(group) ?? 0);
      const revsShort = lastRev - (this.tracker.lastRevs[i].get(group) ?? 0);
      missing += Math.max(0, seqsShort, revsShort);
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
 * With a changer (edits, reactions), one turn in `changer.every` makes a
 * change instead (when the changer can make one then).
 */
export class Sender {
  sent = 0;
  /** Edits or reactions asked for. */
  changes = 0;
  expectedDeliveries = 0;
  readonly sentPerGroup = new Map<string, number>();
  readonly changesPerGroup = new Map<string, number>();
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
    readonly changer: Changer | null = null,
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
        const { changer } = this;
        // Users take their change turns in different rounds, so changes spread evenly over time.
        if (changer && (n + i) % changer.every === changer.every - 1 && changer.change(i, group, n)) {
          this.changes++;
          this.changesPerGroup.set(group, (this.changesPerGroup.get(group) ?? 0) + 1);
          this.expectedDeliveries += fleet.membersOf(fleet.groupIndexOf(i));
          continue;
        }
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
