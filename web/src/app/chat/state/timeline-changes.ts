import type { DeleteEvent, EditEvent, Message, ReactionEvent } from '@chat/protocol';
import { applyDelete, applyEdit, applyMyReaction, applyReaction, Quote, quoteOf, requote } from '../../core/message-changes';
import { indexOfSeq, mergeMessages } from '../../core/messages';

/** The messages of one opened group, oldest first. */
export interface Timeline {
  messages: Message[];
  /** Whether history older than the first loaded message exists. */
  hasOlder: boolean;
  /** An older page is on its way. */
  loadingOlder: boolean;
  /**
   * Messages not loaded between two loaded runs: a message far back was
   * opened (a search result, a quote's original) with the newest ones still
   * below it. `null`: loaded without a hole from the first to the newest.
   */
  gap: Gap | null;
  /** A page from the gap is on its way. */
  loadingNewer: boolean;
  /**
   * Every change of the group up to this revision is applied, with none
   * missing: the catch-up asks for the changes after it.
   */
  rev: number;
}

/** The messages after seq `after` and before seq `before` are not loaded (both ends are). */
export interface Gap {
  after: number;
  before: number;
}

export const EMPTY_TIMELINE: Timeline = { messages: [], hasOlder: false, loadingOlder: false, gap: null, loadingNewer: false, rev: 0 };

/** Whether message `seq` belongs where the timeline holds messages: not older than the first loaded, not in the gap. */
export function isInWindow(timeline: Timeline, seq: number): boolean {
  const start = timeline.hasOlder ? (timeline.messages[0]?.seq ?? 0) : 0;
  const gap = timeline.gap;
  return seq >= start && !(gap && seq > gap.after && seq < gap.before);
}

/**
 * Copies of messages from the server (live, catch-up, an edit's answer)
 * taken into the timeline: each replaces the held copy when its rev is
 * higher (`mergeMessages`), and replies quoting it follow. One older than
 * the loaded window, or in its gap, is not added (what is loaded stays
 * without holes but the one the gap says); only the replies quoting it follow.
 */
export function absorb(timeline: Timeline, incoming: readonly Message[]): Timeline {
  let messages = mergeMessages(
    timeline.messages,
    incoming.filter((message) => isInWindow(timeline, message.seq)),
  );
  for (const message of incoming) {
    const shown = isInWindow(timeline, message.seq) ? messages[indexOfSeq(messages, message.seq)] : message;
    if (shown === message) messages = requote(messages, message.seq, quoteOf(message));
  }
  return messages === timeline.messages ? timeline : { ...timeline, messages };
}

/** A live `edit`: applied to the held copy when newer; replies quoting it follow either way. */
export function edit(timeline: Timeline, event: EditEvent): Timeline {
  return change(timeline, event.seq, event.rev, (held) => applyEdit(held, event), quoteOf({ text: event.text, deleted: false }));
}

/** A live `delete` (or my own, answered 204): the tombstone, and replies say the original is gone. */
export function remove(timeline: Timeline, event: Pick<DeleteEvent, 'seq' | 'rev'>): Timeline {
  return change(timeline, event.seq, event.rev, (held) => applyDelete(held, event.rev), quoteOf({ text: '', deleted: true }));
}

/** A live `reaction`: the emoji's count on the held copy when newer (`mine`: I am the one who reacted). */
export function react(timeline: Timeline, event: ReactionEvent, mine: boolean): Timeline {
  return change(timeline, event.seq, event.rev, (held) => applyReaction(held, event, mine));
}

/** My reaction, accepted (204): shown at once at the held rev, so the event that follows still applies. */
export function reactHere(timeline: Timeline, seq: number, emoji: string, added: boolean): Timeline {
  const held = timeline.messages[indexOfSeq(timeline.messages, seq)];
  return held && !held.deleted ? change(timeline, seq, held.rev, (message) => applyMyReaction(message, emoji, added)) : timeline;
}

function change(timeline: Timeline, seq: number, rev: number, apply: (held: Message) => Message, quote?: Quote): Timeline {
  let messages = timeline.messages;
  const index = indexOfSeq(messages, seq);
  if (index >= 0) {
    // A copy at least as new as the event already shows this (or a later) state.
    if (messages[index].rev > rev) return timeline;
    const applied = apply(messages[index]);
    if (applied !== messages[index]) {
      messages = [...messages];
      messages[index] = applied;
    }
  }
  if (quote) messages = requote(messages, seq, quote);
  return messages === timeline.messages ? timeline : { ...timeline, messages };
}
