import type { Message } from '@chat/protocol';
import { mergeMessages } from '../../core/messages';
import type { Timeline } from './timeline-changes';

/**
 * Opening a message far back (a search result, a quote's original) loads
 * a page around it instead of every page in between: the timeline then
 * holds two runs, that window and the newest messages below it, with a
 * gap between them that fills a page at a time as it is scrolled to.
 * The newest run is never dropped, so live messages, edits and the
 * catch-up go on as before; `absorb` keeps what falls in the gap out.
 */

/**
 * The timeline with the window around a message far back: `before` ends
 * with the message, `after` follows it, and `reachedNewest` says the
 * server had nothing newer than `after` when it answered. A window opened
 * before is kept when the new one touches it, and dropped otherwise (one
 * gap at most). When the window meets the newest run, no gap is left.
 */
export function withWindow(timeline: Timeline, before: readonly Message[], after: readonly Message[], reachedNewest: boolean): Timeline {
  let window = mergeMessages(before, after);
  if (window.length === 0) return timeline;
  const gap = timeline.gap;
  const newest = gap ? timeline.messages.filter((message) => message.seq >= gap.before) : timeline.messages;
  const earlier = gap ? timeline.messages.filter((message) => message.seq <= gap.after) : [];
  if (earlier.length > 0 && touches(earlier, window)) window = mergeMessages(earlier, window);
  const last = window[window.length - 1].seq;
  const newestStart = newest[0]?.seq;
  const joined = reachedNewest || newestStart === undefined || last + 1 >= newestStart;
  const messages = mergeMessages(window, newest);
  return {
    ...timeline,
    messages,
    hasOlder: messages[0].seq > 1,
    gap: joined ? null : { after: last, before: newestStart },
  };
}

/**
 * The timeline with a page from its gap (the messages after seq `after`, at
 * most `limit`). The gap closes when the page reaches the newest run, or
 * when it is shorter than asked (nothing newer was left). A page asked for
 * before the window moved (another one opened) is not where the gap is now:
 * it changes nothing.
 */
export function withNewer(timeline: Timeline, after: number, page: readonly Message[], limit: number): Timeline {
  const gap = timeline.gap;
  if (!gap || gap.after !== after) return timeline;
  const last = page[page.length - 1]?.seq ?? after;
  const closed = page.length < limit || last + 1 >= gap.before;
  return { ...timeline, messages: mergeMessages(timeline.messages, page), gap: closed ? null : { after: last, before: gap.before } };
}

/** Whether two runs of seqs overlap or follow each other without a hole. */
function touches(a: readonly Message[], b: readonly Message[]): boolean {
  return a[0].seq <= b[b.length - 1].seq + 1 && b[0].seq <= a[a.length - 1].seq + 1;
}
