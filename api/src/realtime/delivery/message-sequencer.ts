import type { Message } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { MessageHistory } from '../../messages/message-history';
import { InOrderMessages } from './message-delivery';

/** How long a later message waits for a missing earlier one before the gap is filled from storage. */
export const GAP_WAIT_MS = 500;
/** A catch-up stops after this many pages (of 100): a client that missed more catches up over REST. */
const MAX_CATCH_UP_PAGES = 50;

/** A message, and when it reached this instance (performance.now(); unknown for one read from storage). */
interface Arrival {
  message: Message;
  receivedAt?: number;
}

interface GroupOrder {
  /** The seq this instance delivers next. */
  expected: number;
  /** Messages that arrived ahead of `expected`, by seq. */
  held: Map<number, Arrival>;
  timer?: NodeJS.Timeout;
  filling?: boolean;
}

/**
 * Keeps each group's messages in seq order on this instance's sockets even
 * when they arrive out of order (two instances publishing at once, or two
 * database commits resolving in the other order). A message ahead of the
 * next expected seq is held; if the missing one does not arrive within
 * GAP_WAIT_MS it is read from storage (MessageHistory). A seq below the
 * expected one was delivered already (or predates every local member) and
 * is dropped. What comes out, in order, goes to InOrderMessages.
 * Where else per-group order is kept: docs/decisions/ordering-and-acknowledgement.md
 */
@Injectable()
export class MessageSequencer {
  private readonly groups = new Map<string, GroupOrder>();

  constructor(
    private readonly history: MessageHistory,
    private readonly output: InOrderMessages,
  ) {}

  /** Starts (or restarts) ordering a group from the message after `lastSeq`. */
  reset(groupKey: string, lastSeq: number): void {
    const previous = this.groups.get(groupKey);
    if (previous?.timer) clearTimeout(previous.timer);
    this.groups.set(groupKey, { expected: lastSeq + 1, held: new Map() });
  }

  isTracking(groupKey: string): boolean {
    return this.groups.has(groupKey);
  }

  /** `receivedAt`: when the message reached this instance (performance.now()), handed back on delivery. */
  accept(groupKey: string, message: Message, receivedAt?: number): void {
    let order = this.groups.get(groupKey);
    if (!order) {
      // Nobody here asked for this group's order yet: start from this message.
      order = { expected: message.seq, held: new Map() };
      this.groups.set(groupKey, order);
    }
    if (message.seq < order.expected) return;
    if (message.seq > order.expected) {
      order.held.set(message.seq, { message, receivedAt });
      this.armGapTimer(groupKey, order);
      return;
    }
    this.output.deliver(groupKey, message, receivedAt);
    order.expected += 1;
    this.drain(groupKey, order);
  }

  /**
   * Delivers, from storage, everything after the last seq delivered here:
   * after the bus was interrupted, no later message may arrive to reveal
   * the gap. Page after page until storage has nothing more.
   */
  async catchUp(groupKey: string): Promise<void> {
    for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
      const order = this.groups.get(groupKey);
      if (!order) return;
      const from = order.expected;
      const missing = await this.history.since(groupKey, from - 1);
      if (this.groups.get(groupKey) !== order) return; // reset meanwhile: its new start is what counts
      for (const message of missing) this.accept(groupKey, message);
      if (order.expected === from) return;
    }
  }

  private drain(groupKey: string, order: GroupOrder): void {
    for (let next = order.held.get(order.expected); next; next = order.held.get(order.expected)) {
      order.held.delete(order.expected);
      this.output.deliver(groupKey, next.message, next.receivedAt);
      order.expected += 1;
    }
    if (order.held.size === 0 && order.timer) {
      clearTimeout(order.timer);
      order.timer = undefined;
    }
  }

  private armGapTimer(groupKey: string, order: GroupOrder): void {
    if (order.timer || order.filling) return;
    order.timer = setTimeout(() => void this.fillGap(groupKey, order), GAP_WAIT_MS);
    order.timer.unref?.();
  }

  /** The predecessor is late: it is committed (a later seq exists), so storage has it. */
  private async fillGap(groupKey: string, order: GroupOrder): Promise<void> {
    order.timer = undefined;
    if (order.held.size === 0 || this.groups.get(groupKey) !== order) return;
    order.filling = true;
    try {
      const missing = await this.history.since(groupKey, order.expected - 1);
      for (const message of missing) if (message.seq >= order.expected && !order.held.has(message.seq)) order.held.set(message.seq, { message });
    } catch {
      // Storage unavailable: skip to what we hold rather than stall the group forever.
    } finally {
      order.filling = false;
    }
    if (!order.held.has(order.expected) && order.held.size > 0) order.expected = Math.min(...order.held.keys());
    this.drain(groupKey, order);
    if (order.held.size > 0) this.armGapTimer(groupKey, order);
  }
}
