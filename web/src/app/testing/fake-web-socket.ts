import type { ServerEventName, ServerEvents } from '@chat/protocol';

/**
 * A test double of the browser's WebSocket: records what the client does
 * and lets the test play the server (accept, send frames, close).
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];
  static get last(): FakeWebSocket {
    return FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
  }

  readyState = FakeWebSocket.CONNECTING;
  readonly sent: { event: string; data: Record<string, unknown> }[] = [];
  closedByClient = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error('InvalidStateError: not open');
    this.sent.push(JSON.parse(data));
  }

  close(): void {
    if (this.readyState >= FakeWebSocket.CLOSING) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.closedByClient = true;
  }

  // The server's side.
  accept(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.(new Event('open'));
  }

  emit<E extends ServerEventName>(event: E, data: ServerEvents[E]): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify({ event, data }) }));
  }

  serverClose(code: number, wasClean = true): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.(new CloseEvent('close', { code, wasClean, reason: '' }));
  }

  /** The connection drops without a close handshake. */
  drop(): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.(new CloseEvent('close', { code: 1006, wasClean: false, reason: '' }));
  }

  /** What a browser does when the connection fails: `error`, then an unclean `close`. */
  fail(): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onerror?.(new Event('error'));
    this.onclose?.(new CloseEvent('close', { code: 1006, wasClean: false, reason: '' }));
  }
}
