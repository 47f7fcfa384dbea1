import { WS_ERROR_CODES, WsErrorCode } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the connection gauges read at scrape time (this instance's ConnectionRegistry). */
export interface ConnectionCounts {
  /** Open, authenticated WebSocket connections. */
  connections: number;
  /** Distinct users with at least one of them. */
  users: number;
}

/** `route` label of a request that matched no route (404s, static files, bodies refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Owns the app's Prometheus registry (its own, not prom-client's global
 * one, so tests and several apps in one process never share counters) and
 * the only ways to record into it. The recording methods sit on the chat
 * hot path: each is a counter increment on a child bound once, at start.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private connectionCounts: () => ConnectionCounts = () => ({ connections: 0, users: 0 });

  private readonly messagesStored = new Counter({
    name: 'chat_messages_stored_total',
    help: 'Messages stored by this instance (a repeated clientMsgId stores nothing and is not counted).',
    registers: [this.registry],
  });

  private readonly messagesDelivered = new Counter({
    name: 'chat_messages_delivered_total',
    help: 'Frames of `message` events written to WebSockets by this instance.',
    registers: [this.registry],
  });

  private readonly fanOutLatency = new Histogram({
    name: 'chat_fanout_latency_seconds',
    help: "Time from a message reaching this instance's fan-out to its frame being written to every local recipient socket.",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly wsErrors = new Counter({
    name: 'chat_ws_errors_total',
    help: 'WebSocket `error` events sent, by code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  /** One child per code, bound once; each starts at 0 so every code is listed before its first error. */
  private readonly wsErrorsByCode = Object.fromEntries(
    WS_ERROR_CODES.map((code) => {
      const child = this.wsErrors.labels(code);
      child.inc(0);
      return [code, child];
    }),
  ) as Record<WsErrorCode, Counter.Internal>;

  private readonly httpRequests = new Histogram({
    name: 'chat_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route pattern (never the raw URL) and status; `_count` counts them.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    // process_*, nodejs_* (heap, GC, handles, nodejs_eventloop_lag_seconds, ...).
    collectDefaultMetrics({ register: this.registry });
    const read = () => this.connectionCounts();
    new Gauge({
      name: 'chat_ws_connections_open',
      help: 'Open, authenticated WebSocket connections on this instance.',
      registers: [this.registry],
      // Read at scrape time, so connecting and disconnecting pay nothing.
      collect() {
        this.set(read().connections);
      },
    });
    new Gauge({
      name: 'chat_users_online',
      help: 'Distinct users with at least one WebSocket connection on this instance.',
      registers: [this.registry],
      collect() {
        this.set(read().users);
      },
    });
  }

  /** Where the connection gauges read from; the chat module calls this once. */
  readConnectionsFrom(counts: () => ConnectionCounts): void {
    this.connectionCounts = counts;
  }

  messageStored(): void {
    this.messagesStored.inc();
  }

  /**
   * One message fanned out: `frames` written (the recipient count, added
   * once per message), `receivedAt` when the fan-out got it
   * (`performance.now()`), or undefined when that is unknown.
   */
  messageFannedOut(frames: number, receivedAt: number | undefined): void {
    if (frames > 0) this.messagesDelivered.inc(frames);
    if (receivedAt !== undefined) this.fanOutLatency.observe((performance.now() - receivedAt) / 1000);
  }

  /** A `message` frame written outside fan-out (the echo of a repeated clientMsgId). */
  messageEchoed(): void {
    this.messagesDelivered.inc();
  }

  wsErrorSent(code: WsErrorCode): void {
    this.wsErrorsByCode[code].inc();
  }

  httpRequestAnswered(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.observe({ method, route, status: String(status) }, seconds);
  }

  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
