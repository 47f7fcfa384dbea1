import { inject, Injectable } from '@angular/core';
import type { ErrorEvent as ChatErrorEvent, Message } from '@chat/protocol';
import { ChatSocketService } from '../../core/chat-socket.service';
import { SessionStore } from '../../core/session.store';
import { OutboxStore, OutgoingMessage } from './outbox.store';
import { sameGroup } from './per-group';

/** A message refused as `rate_limited` is not refused for what it is: sent again after 1 s. */
const RATE_LIMITED_RETRY_MS = 1_000;
/** Waits before resending a message the server could not store (`unavailable`): 2 s, 4 s, 8 s, … 30 s. */
const UNAVAILABLE_RETRY_FIRST_MS = 2_000;
const UNAVAILABLE_RETRY_MAX_MS = 30_000;

/** Said in place of a reply whose original was deleted (the server answers `not_found`). */
export const REPLY_GONE = 'The message you replied to was deleted. Retry sends yours without the quote.';

/**
 * My messages on their way: the only place a `send` is written, resent,
 * retried, acknowledged or failed. Each waits in the outbox (stored per
 * user) until its echo, live or in a catch-up page, acknowledges it; all
 * that wait are sent again, same clientMsgId, on every (re)connect. The
 * server's answers: `rate_limited` sends it again after 1 s, `unavailable`
 * keeps it "Sending…" and sends it again after 2, 4, 8 … 30 s, anything
 * else marks it failed ("Not sent", with Retry and Discard); a reply
 * refused `not_found` lost its original, and is kept without the quote.
 */
@Injectable({ providedIn: 'root' })
export class SendQueue {
  private readonly socket = inject(ChatSocketService);
  private readonly session = inject(SessionStore);
  private readonly outbox = inject(OutboxStore);
  /** clientMsgId → how many times the server answered `unavailable` in a row (for the back-off). */
  private readonly unavailableAttempts = new Map<string, number>();
  /** clientMsgId → its resend waiting on a timer. */
  private readonly resends = new Map<string, ReturnType<typeof setTimeout>>();

  /** Waiting for their echo, or failed; oldest first. */
  readonly items = this.outbox.items;

  /** Those of one group. */
  forGroup(name: string): OutgoingMessage[] {
    return this.items().filter((item) => sameGroup(item.group, name));
  }

  /** Queues the message (a reply to `replyTo`, if given) and sends it now if the socket is open (else on the next `ready`). */
  send(group: string, text: string, replyTo?: number): OutgoingMessage {
    const item = this.outbox.add(group, text, replyTo);
    this.transmit(item);
    return item;
  }

  /** Sends a message again (after it failed, or after a wait). */
  retry(clientMsgId: string): void {
    this.cancelResend(clientMsgId);
    const item = this.outbox.retry(clientMsgId);
    if (item) this.transmit(item);
  }

  discard(clientMsgId: string): void {
    this.forget(clientMsgId);
    this.outbox.discard(clientMsgId);
  }

  /** The socket is (again) ready: everything still waiting goes out, without waiting for the catch-up. */
  resendPending(): void {
    for (const item of this.outbox.pending()) this.transmit(item);
  }

  /** Messages the server stored (live echoes, history pages): mine among them are delivered. */
  acknowledge(messages: readonly Message[]): void {
    const me = this.session.user()?.id;
    for (const message of messages) {
      if (message.sender.id !== me) continue;
      this.forget(message.clientMsgId);
      this.outbox.acknowledge(message.clientMsgId);
    }
  }

  /** An `error` event: handled when it names one of my messages; `false` when it is about something else. */
  refused(error: ChatErrorEvent): boolean {
    const id = error.clientMsgId;
    const item = this.items().find((candidate) => candidate.clientMsgId === id);
    if (!id || !item) return false;
    if (error.code === 'rate_limited') {
      this.resendLater(id, RATE_LIMITED_RETRY_MS);
    } else if (error.code === 'unavailable') {
      // The server could not store it now (its database is away): it stays "Sending…" and is
      // sent again, same clientMsgId, after a wait that doubles up to 30 s.
      const attempt = (this.unavailableAttempts.get(id) ?? 0) + 1;
      this.unavailableAttempts.set(id, attempt);
      this.resendLater(id, Math.min(UNAVAILABLE_RETRY_MAX_MS, UNAVAILABLE_RETRY_FIRST_MS * 2 ** (attempt - 1)));
    } else if (error.code === 'not_found' && item.replyTo !== undefined) {
      this.forget(id);
      this.outbox.fail(id, REPLY_GONE, true);
    } else {
      this.forget(id);
      this.outbox.fail(id, error.message);
    }
    return true;
  }

  private transmit(item: OutgoingMessage): void {
    const { group, text, clientMsgId, replyTo } = item;
    this.socket.send('send', replyTo === undefined ? { group, text, clientMsgId } : { group, text, clientMsgId, replyTo });
  }

  private resendLater(clientMsgId: string, ms: number): void {
    this.cancelResend(clientMsgId);
    this.resends.set(
      clientMsgId,
      setTimeout(() => {
        this.resends.delete(clientMsgId);
        this.retry(clientMsgId);
      }, ms),
    );
  }

  private cancelResend(clientMsgId: string): void {
    clearTimeout(this.resends.get(clientMsgId));
    this.resends.delete(clientMsgId);
  }

  private forget(clientMsgId: string): void {
    this.cancelResend(clientMsgId);
    this.unavailableAttempts.delete(clientMsgId);
  }
}
