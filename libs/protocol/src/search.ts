import type { Message } from './rest';

/** `GET /api/search` (CONTRACT.md, "Search"): `q` is 1 to this many code points after trimming. */
export const SEARCH_QUERY_MAX_LENGTH = 200;
export const SEARCH_PAGE_DEFAULT = 20;
export const SEARCH_PAGE_MAX = 50;

export interface SearchQuery {
  q: string;
  /** Only this group or dm. */
  group?: string;
  /** The `next` of the previous page. */
  before?: string;
  limit?: number;
}

export interface SearchPage {
  /** Newest first: by `createdAt`, then `seq`. */
  results: Message[];
  /**
   * Pass as `before` for older results; `null` when there is nothing older.
   * A page may hold fewer than `limit` results (even none) and still have a
   * `next`: keep asking while it is not null.
   */
  next: string | null;
}

/** A `"` opens a phrase up to the next `"` (or the end); elsewhere, runs of anything but white space and quotes. */
const TERM = /"([^"]*)(?:"|$)|[^\s"]+/gu;

/**
 * The terms of a query, each of which a message's text must contain (the
 * contract's rule, shared by the API and the web client's highlighting):
 * its words, split on white space, and its `"quoted phrases"`, kept with
 * their inner spaces; blank phrases are dropped, repeats kept once. A query
 * that leaves no term at all (`""`) is taken literally, as one term.
 * Case is not folded here: each side lower-cases both texts its own way.
 */
export function searchTerms(query: string): string[] {
  const trimmed = query.trim();
  const terms = new Set<string>();
  for (const [whole, phrase] of trimmed.matchAll(TERM)) {
    const term = phrase ?? whole;
    if (term.trim() !== '') terms.add(term);
  }
  return terms.size > 0 ? [...terms] : trimmed === '' ? [] : [trimmed];
}

/** Whether `text` contains every term, ignoring case (both lower-cased, as the contract says). */
export function matchesSearch(text: string, foldedTerms: readonly string[]): boolean {
  const folded = text.toLowerCase();
  return foldedTerms.every((term) => folded.includes(term));
}
