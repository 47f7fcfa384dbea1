import type { MessageRecord } from './records';

/**
 * A place in the order search results come in: newest first by creation
 * time, then seq, then group key (so two groups' messages never tie).
 * Microseconds: PostgreSQL keeps them, and a cursor must not round.
 */
export interface SearchPosition {
  atMicros: number;
  seq: number;
  groupKey: string;
}

export interface SearchRequest {
  /** The groups (and dms) to search: the caller's, or the one asked for. */
  groupKeys: readonly string[];
  /** Each must occur in the current text, ignoring case (as typed: each store lower-cases both sides). */
  terms: readonly string[];
  /** Only results after this one in the order (older). */
  after?: SearchPosition;
  limit: number;
}

export interface SearchResult {
  /** Newest first; never deleted. */
  messages: MessageRecord[];
  /**
   * Where the next page starts, `null` when nothing older can match. It may
   * come with fewer than `limit` messages: a store that bounds its work
   * per request (PostgreSQL, for terms a trigram index cannot serve) stops
   * at the last message it looked at.
   */
  next: SearchPosition | null;
}

/** Port: messages by the words of their current text (CONTRACT.md, "Search"). */
export abstract class SearchRepository {
  abstract search(request: SearchRequest): Promise<SearchResult>;
}

/** A message's place in the order. */
export function positionOf(message: MessageRecord): SearchPosition {
  return { atMicros: message.createdAt.getTime() * 1000, seq: message.seq, groupKey: message.groupKey };
}

/** Newest first: negative when `a` comes before `b`. */
export function compareNewestFirst(a: SearchPosition, b: SearchPosition): number {
  return b.atMicros - a.atMicros || b.seq - a.seq || (a.groupKey < b.groupKey ? 1 : a.groupKey > b.groupKey ? -1 : 0);
}
