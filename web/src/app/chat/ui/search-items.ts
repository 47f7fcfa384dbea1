import { groupKey, type Message, splitMentions } from '@chat/protocol';
import { snippet, type TextPart } from '../text/search-highlight';
import { mentionName } from '../text/mention-names';
import { dayLabel } from './message-items';

/** One search result as shown: where, who, when, and its text with the terms marked. */
export interface SearchRow {
  key: string;
  group: string;
  seq: number;
  /** `# name` for a group, the other person's name for a dm. */
  where: string;
  sender: string;
  /** ISO-8601, for `<time datetime>`. */
  at: string;
  time: string;
  parts: TextPart[];
}

/** The results of one day, newest first. */
export interface SearchDay {
  key: string;
  label: string;
  rows: SearchRow[];
}

/** What rows need besides the messages. */
export interface SearchContext {
  /** The search's terms (`searchTerms`). */
  terms: readonly string[];
  /** How a group or dm is called (`# name`, or the other person). */
  where: (group: string) => string;
  /** id → display name, for mentions. */
  names: ReadonlyMap<string, string>;
  myId: string;
}

/**
 * Results, newest first as the server orders them, under a heading per
 * day. The text shows as typed (Markdown marks and all), mentions as
 * `@name`, cut around the first match when long.
 */
export function toSearchDays(results: readonly Message[], context: SearchContext, now = new Date()): SearchDay[] {
  const days: SearchDay[] = [];
  for (const message of results) {
    const created = new Date(message.createdAt);
    const day = created.toDateString();
    let current = days[days.length - 1];
    if (current?.key !== day) {
      current = { key: day, label: dayLabel(created, now), rows: [] };
      days.push(current);
    }
    current.rows.push({
      key: `${groupKey(message.group)} ${message.seq}`,
      group: message.group,
      seq: message.seq,
      where: context.where(message.group),
      sender: message.sender.id === context.myId ? 'You' : message.sender.displayName,
      at: message.createdAt,
      time: created.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
      parts: snippet(readable(message.text, context.names), context.terms),
    });
  }
  return days;
}

/** The text with each mention token as `@name`, the way the message shows it. */
export function readable(text: string, names: ReadonlyMap<string, string>): string {
  if (!text.includes('<@')) return text;
  return splitMentions(text)
    .map((part) => ('text' in part ? part.text : `@${mentionName(part.mention, names)}`))
    .join('');
}
