import type { Message } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import type { HistoryChange } from '../../events/live-event';
import { MessageHistory } from '../../messages/message-history';
import { InOrderChanges } from './message-delivery';

/** How long a later change waits for a missing earlier one before the gap is filled from storage. */
export const GAP_WAIT_MS = 500;
/** A read from storage stops after this many pages (of 100): a client that missed more catches up over REST. */
const MAX_CATCH_UP_PAGES = 50;

/** Where a group's order starts: its newest seq and rev as someone here last saw them. */
export interface HistoryPosition {
  lastSeq: number;
  lastRev: number;
}

/**
 * A change waiting for its turn: as it arrived live (with when it reached
 * this instance, performance.now()), or a message read from storage in its
 * current state, which becomes a frame only when its turn comes.
 */
type Held = { change: HistoryChange; receivedAt?: number } | { stored: Message };

interface GroupOrder {
  /** The rev this instance delivers next. */
  expected: number;
  /** The highest seq delivered as a `message`: a stored message above it is new to the sockets here. */
  lastSeq: number;
  /** Changes that arrived ahead of `expected`, by rev. */
  held: Map<number, Held>;
  timer?: NodeJS.Timeout;
  filling?: boolean;
}

/**
 * Keeps each group's history changes (message, edit, delete) in rev order
 * on this instance's sockets even when they arrive out of order (two
 * instances publishing at once, or two commits resolving in the other
 * order). A change ahead of the next expected rev is held; if the missing
 * one does not arrive within GAP_WAIT_MS the gap is filled from storage
 * (MessageHistory: the messages changed since, in their current state). A
 * rev that storage no longer has was superseded by a later change of the
 * same message, which carries the current state: it is skipped. A rev
 * below the expected one was delivered already (or predates every local
 * member) and is dropped. What comes out, in order, goes to InOrderChanges.
 * Where else per-group order is kept: docs/decisions/ordering-and-acknowledgement.md
 */
@Injectable()
export class MessageSequencer {
  private readonly groups = new Map<string, GroupOrder>();

  constructor(
    private readonly history: MessageHistory,
    private readonly output: InOrderChanges,
  ) {}

  /** Starts (or restarts) ordering a group from the change after `position.lastRev`. */
  reset(groupKey: string, position: HistoryPosition): void {
    const previous = this.groups.get(groupKey);
    if (previous?.timer) clearTimeout(previous.timer);
    this.groups.set(groupKey, { expected: position.lastRev + 1, lastSeq: position.lastSeq, held: new Map() });
  }

  isTracking(groupKey: string): boolean {
    return this.groups.has(groupKey);
  }

  /** `receivedAt`: when the change reached this instance (performance.now()), handed back on delivery. */
  accept(groupKey: string, change: HistoryChange, receivedAt?: number): void {
    const { rev, seq } = change.data;
    let order = this.groups.get(groupKey);
    if (!order) {
      // Nobody here asked for this group's order yet: start from this change.
      order = { expected: rev, lastSeq: change.event === 'message' ? seq - 1 : seq, held: new Map() };
      this.groups.set(groupKey, order);
    }
    if (rev < order.expected) return;
    if (rev > order.expected) {
      order.held.set(rev, { change, receivedAt });
      this.armGapTimer(groupKey, order);
      return;
    }
    this.emit(groupKey, order, change, receivedAt);
    this.drain(groupKey, order);
  }

  /**
   * Delivers, from storage, everything after the last rev delivered here:
   * after the bus was interrupted, no later change may arrive to reveal
   * the gap.
   */
  async catchUp(groupKey: string): Promise<void> {
    const order = this.groups.get(groupKey);
    if (order) await this.readStored(groupKey, order);
  }

  /** Page after page of the changes after `expected`, until storage has no more (or the group was reset meanwhile). */
  private async readStored(groupKey: string, order: GroupOrder): Promise<void> {
    for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
      const changes = await this.history.changesSince(groupKey, order.expected - 1);
      if (!changes || this.groups.get(groupKey) !== order) return; // reset meanwhile: its new start is what counts
      // The stored state wins over a held live change of the same rev: it is as current, and it is
      // a whole message where the sockets here may never have had the one a held edit changes.
      for (const message of changes.messages) if (message.rev >= order.expected) order.held.set(message.rev, { stored: message });
      const last = changes.messages.at(-1);
      // Every rev up to `covered` that storage did not return was superseded by a later one.
      const covered = changes.more && last ? last.rev : changes.lastRev;
      while (order.expected <= covered) {
        const next = order.held.get(order.expected);
        if (next) this.emitHeld(groupKey, order, next);
        else order.expected += 1;
      }
      this.drain(groupKey, order);
      if (!changes.more) return;
    }
  }

  private drain(groupKey: string, order: GroupOrder): void {
    for (let next = order.held.get(order.expected); next; next = order.held.get(order.expected)) this.emitHeld(groupKey, order, next);
    if (order.held.size === 0 && order.timer) {
      clearTimeout(order.timer);
      order.timer = undefined;
    }
  }

  private emitHeld(groupKey: string, order: GroupOrder, held: Held): void {
    order.held.delete(order.expected);
    if ('change' in held) this.emit(groupKey, order, held.change, held.receivedAt);
    else this.emit(groupKey, order, asChange(held.stored, order.lastSeq), undefined);
  }

  private emit(groupKey: string, order: GroupOrder, change: HistoryChange, receivedAt: number | undefined): void {
    this.output.deliver(groupKey, change, receivedAt);
    order.expected = change.data.rev + 1;
    if (change.event === 'message' && change.data.seq > order.lastSeq) order.lastSeq = change.data.seq;
  }

  private armGapTimer(groupKey: string, order: GroupOrder): void {
    if (order.timer || order.filling) return;
    order.timer = setTimeout(() => void this.fillGap(groupKey, order), GAP_WAIT_MS);
    order.timer.unref?.();
  }

  /** The predecessor is late: it is committed (a later rev exists), so storage has it or what superseded it. */
  private async fillGap(groupKey: string, order: GroupOrder): Promise<void> {
    order.timer = undefined;
    if (order.held.size === 0 || this.groups.get(groupKey) !== order) return;
    order.filling = true;
    try {
      await this.readStored(groupKey, order);
    } catch {
      // Storage unavailable: skip to what we hold rather than stall the group forever.
      if (!order.held.has(order.expected) && order.held.size > 0) order.expected = Math.min(...order.held.keys());
      this.drain(groupKey, order);
    } finally {
      order.filling = false;
    }
    if (order.held.size > 0) this.armGapTimer(groupKey, order);
  }
}

/**
 * A stored message as the frame that brings a socket here up to date: a
 * tombstone it already had as a `delete`; otherwise the whole `message` in
 * its current state, whether it never had it (a seq above the last
 * delivered, a tombstone included) or holds an older copy (clients keep
 * the copy with the higher rev). Storage does not say whether the last
 * change was an edit or a reaction, and a `reaction` event cannot be
 * rebuilt from a message (who reacted), so the whole message it is.
 */
function asChange(message: Message, lastSeq: number): HistoryChange {
  const { group, seq, rev } = message;
  if (seq <= lastSeq && message.deleted) return { event: 'delete', data: { group, seq, rev } };
  return { event: 'message', data: message };
}
