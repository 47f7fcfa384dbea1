import WebSocket from 'ws';
import type { ServerEventName, ServerEvents } from '@chat/protocol';

export interface Received<E extends ServerEventName = ServerEventName> {
  event: E;
  data: ServerEvents[E];
}

export interface Closed {
  code: number;
  reason: string;
}

/**
 * A real `ws` client that records every frame it receives, so a test can wait
 * for the next event of a kind (with a timeout on every wait) or assert that
 * none arrived.
 */
export class TestSocket {
  private readonly inbox: Received[] = [];
  /** Every frame received, in arrival order, including those already taken. */
  readonly history: Received[] = [];
  /** The same frames as the text that came over the wire. */
  readonly rawHistory: string[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<Closed>;
  closeInfo?: Closed;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw, isBinary) => {
      const text = isBinary ? '<binary>' : raw.toString();
      this.rawHistory.push(text);
      let frame: Received;
      try {
        frame = JSON.parse(text);
      } catch {
        // Not JSON: keep it visible (a test expecting JSON will fail on it) instead of crashing the worker.
        frame = { event: '<not json>', data: text } as unknown as Received;
      }
      this.inbox.push(frame);
      this.history.push(frame);
      this.wake();
    });
    this.closed = new Promise((done) =>
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        this.wake();
        done(this.closeInfo);
      }),
    );
  }

  /** Opens a socket; resolves once the connection is open (before `ready`). */
  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<TestSocket> {
    return new Promise((done, fail) => {
      const ws = new WebSocket(url, options);
      const socket = new TestSocket(ws);
      ws.once('open', () => done(socket));
      ws.once('error', fail);
      ws.once('unexpected-response', (_req, res) => {
        fail(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode }));
        res.resume();
        // Abort the handshake so no request or socket is left behind.
        ws.terminate();
      });
    });
  }

  /** Opens an authenticated socket and waits for its `ready` event. */
  static async connect(wsUrl: string, token: string): Promise<{ socket: TestSocket; ready: ServerEvents['ready'] }> {
    const socket = await TestSocket.open(`${wsUrl}?token=${encodeURIComponent(token)}`);
    const ready = await socket.next('ready');
    return { socket, ready };
  }

  send(event: string, data: unknown): void {
    this.ws.send(JSON.stringify({ event, data }));
  }

  sendRaw(payload: string | Buffer): void {
    this.ws.send(payload);
  }

  /**
   * Resolves with the next unread event named `event` that matches
   * `predicate`; events of other kinds stay in the inbox for later waits.
   */
  async next<E extends ServerEventName>(
    event: E,
    predicate: (data: ServerEvents[E]) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ServerEvents[E]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.inbox.findIndex((f) => f.event === event && predicate(f.data as ServerEvents[E]));
      if (index >= 0) return this.inbox.splice(index, 1)[0].data as ServerEvents[E];
      const left = deadline - Date.now();
      if (left <= 0 || this.closeInfo) {
        const seen = this.inbox.map((f) => f.event).join(', ') || 'nothing';
        const closed = this.closeInfo ? ` (closed ${this.closeInfo.code})` : '';
        throw new Error(`no '${event}' event within ${timeoutMs} ms${closed}; unread: ${seen}`);
      }
      await this.waitForActivity(left);
    }
  }

  /** Collects `count` events named `event`, in arrival order. */
  async take<E extends ServerEventName>(event: E, count: number, timeoutMs = 10000): Promise<ServerEvents[E][]> {
    const out: ServerEvents[E][] = [];
    const deadline = Date.now() + timeoutMs;
    while (out.length < count) out.push(await this.next(event, undefined, Math.max(1, deadline - Date.now())));
    return out;
  }

  /** Waits `ms` and returns the unread events named `event` (to assert that none came). */
  async drain<E extends ServerEventName>(event: E, ms = 300): Promise<ServerEvents[E][]> {
    await new Promise((r) => setTimeout(r, ms));
    const found = this.inbox.filter((f) => f.event === event);
    for (const f of found) this.inbox.splice(this.inbox.indexOf(f), 1);
    return found.map((f) => f.data as ServerEvents[E]);
  }

  /** Resolves with the close code, or fails after `timeoutMs`. */
  waitForClose(timeoutMs = 5000): Promise<Closed> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      this.closed,
      new Promise<Closed>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** Waits `ms` and returns every unread frame of any kind (to assert that nothing came). */
  async drainAll(ms = 300): Promise<Received[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.inbox.splice(0, this.inbox.length);
  }

  /** Closes the socket and waits (bounded) until the close completes. */
  async closeAndWait(timeoutMs = 3000): Promise<void> {
    if (this.closeInfo) return;
    this.close();
    try {
      await this.waitForClose(timeoutMs);
    } catch {
      this.ws.terminate();
    }
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }

  private waitForActivity(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        done();
      }
      this.waiters.push(finish);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
