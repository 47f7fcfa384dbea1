import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { ClientEventName, ClientEvents, ServerEventName, ServerEvents, ServerFrame, WsCloseCode } from '@chat/protocol';
import { defer, EMPTY, filter, fromEvent, map, merge, mergeMap, Observable, race, retry, Subject, Subscription, take, throwError, timer } from 'rxjs';
import { concatWith } from 'rxjs/operators';
import { webSocket, WebSocketSubject } from 'rxjs/webSocket';
import { WS_URL } from './endpoints';

export type ConnectionStatus = 'offline' | 'connecting' | 'online' | 'reconnecting';

/** A close of the socket, clean or not; carries the close code when there was one. */
export class SocketClosed extends Error {
  constructor(readonly code: number | undefined) {
    super(`socket closed (${code ?? 'no code'})`);
  }
}

/** Reconnect delays: 0.5 s, 1 s, 2 s, ... capped at 10 s, with jitter so clients don't stampede. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * The one WebSocket of the app: a single RxJS WebSocketSubject, reconnected
 * with backoff (and at once when the browser comes back online), with its
 * state as a signal for the UI. Events fan out from one shared stream
 * through `on(event)`. A close with 4401 means the session is over: no
 * reconnect, `unauthorized` fires instead.
 */
@Injectable({ providedIn: 'root' })
export class ChatSocketService {
  private readonly url = inject(WS_URL);
  private readonly incoming = new Subject<ServerFrame>();
  private socket: WebSocketSubject<unknown> | null = null;
  private connection: Subscription | null = null;
  private lastCloseCode: number | undefined;

  readonly status = signal<ConnectionStatus>('offline');
  /** The server refused the token (expired, revoked): sign in again. */
  readonly unauthorized = new Subject<void>();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  connect(token: string): void {
    this.disconnect();
    this.status.set('connecting');
    const url = `${this.url}?token=${encodeURIComponent(token)}`;
    this.connection = defer(() => this.open(url))
      .pipe(
        retry({
          resetOnSuccess: true,
          delay: (error: unknown, attempt: number) => {
            if (error instanceof SocketClosed && error.code === WsCloseCode.Unauthorized) {
              this.status.set('offline');
              this.unauthorized.next();
              return EMPTY; // ends the retries: the connection stays down
            }
            this.status.set('reconnecting');
            return race(timer(backoffDelay(attempt)), browserCameOnline());
          },
        }),
      )
      .subscribe({ next: (frame) => this.incoming.next(frame as ServerFrame) });
  }

  disconnect(): void {
    this.connection?.unsubscribe();
    this.connection = null;
    this.socket = null;
    this.status.set('offline');
  }

  /** Sends a frame if the socket is open; `false` when it is not (the caller keeps it for later). */
  send<E extends ClientEventName>(event: E, data: ClientEvents[E]): boolean {
    if (this.status() !== 'online' || !this.socket) return false;
    this.socket.next({ event, data });
    return true;
  }

  on<E extends ServerEventName>(event: E): Observable<ServerEvents[E]> {
    return this.incoming.pipe(
      filter((frame) => frame.event === event),
      map((frame) => frame.data as ServerEvents[E]),
    );
  }

  private open(url: string): Observable<unknown> {
    this.lastCloseCode = undefined;
    const socket = webSocket<unknown>({
      url,
      openObserver: { next: () => this.status.set('online') },
      closeObserver: {
        next: (event: CloseEvent) => {
          this.lastCloseCode = event.code;
          if (this.socket === socket) this.socket = null;
        },
      },
    });
    this.socket = socket;
    // The browser going offline may leave a dead socket open for a long time: drop it now.
    const wentOffline = fromEvent(window, 'offline').pipe(
      take(1),
      mergeMap(() => throwError(() => new SocketClosed(undefined))),
    );
    // A clean close (a server restart sends 1001, a logout 4401) completes the subject
    // instead of failing it: turn every close into an error so `retry` sees it.
    const untilClosed = socket.pipe(concatWith(defer(() => throwError(() => new SocketClosed(this.lastCloseCode)))));
    return merge(untilClosed, wentOffline);
  }
}

function browserCameOnline(): Observable<unknown> {
  return fromEvent(window, 'online').pipe(take(1));
}
