import { inject, Injectable, signal } from '@angular/core';
import { type DeleteEvent, type EditEvent, groupKey, type Message, SEARCH_PAGE_DEFAULT } from '@chat/protocol';
import { firstValueFrom } from 'rxjs';
import { applyEdit } from '../../core/message-changes';
import { SearchApi } from '../../core/search.api';
import { sameGroup } from './per-group';

/** A search and what it found so far. */
export interface Search {
  /** What was searched, trimmed; `''` before any search. */
  query: string;
  /** Only in this group or dm; `null`: in every one I am in. */
  group: string | null;
  /** Newest first, page after page, as the server found them (kept current by live edits and deletes). */
  results: Message[];
  /** Where older results go on from (the server's cursor); `null` when there are none. */
  next: string | null;
  /** A page is on its way. */
  loading: boolean;
  /** The server answered this search at least once: no results now means none found (so far). */
  answered: boolean;
}

export const NO_SEARCH: Search = { query: '', group: null, results: [], next: null, loading: false, answered: false };

/**
 * How many pages in a row may come back empty (with a `next`) before it
 * stops and waits for "More": the server may look through a bounded
 * number of messages per request (very short terms on PostgreSQL), so an
 * empty page does not mean the end, but asking on and on should be the
 * person's choice.
 */
const EMPTY_PAGES_IN_A_ROW = 3;

/**
 * Message search (`GET /api/search`): the query, where it looks, and the
 * results page after page ("More" while the server gives a `next`). An
 * answer to a search replaced meanwhile (a new query, another scope,
 * cleared) is dropped. Live edits and deletes keep the results current: a
 * deleted message leaves them, an edited one shows its new text (it was
 * found by the old one; the next search decides).
 */
@Injectable({ providedIn: 'root' })
export class SearchStore {
  private readonly api = inject(SearchApi);
  private readonly current = signal<Search>(NO_SEARCH);
  /** Counts searches: an answer belongs to the latest or is dropped. */
  private generation = 0;

  readonly state = this.current.asReadonly();

  /**
   * Searches from the newest message, in `group` (by default where the last
   * search looked). An empty query clears the results. Rejects with the
   * HTTP error, unless another search replaced this one meanwhile.
   */
  async search(query: string, group: string | null = this.current().group): Promise<void> {
    const q = query.trim();
    const generation = ++this.generation;
    this.current.set({ ...NO_SEARCH, query: q, group, loading: q !== '' });
    if (q !== '') await this.fetch(generation);
  }

  /** Looks only in this group or dm (`null`: everywhere), searching again when something was searched. */
  async within(group: string | null): Promise<void> {
    await this.search(this.current().query, group);
  }

  /** The next page of older results; nothing when there is none or one is on its way. Rejects with the HTTP error. */
  async more(): Promise<void> {
    const state = this.current();
    if (state.loading || state.next === null || state.query === '') return;
    this.current.update((current) => ({ ...current, loading: true }));
    await this.fetch(this.generation);
  }

  /** A live edit: a result shows the new text. */
  edited(event: EditEvent): void {
    this.changeResults((results) =>
      results.map((message) => (isThe(message, event.group, event.seq) && event.rev > message.rev ? applyEdit(message, event) : message)),
    );
  }

  /** A live delete: deleted messages are never found. */
  deleted(event: DeleteEvent): void {
    this.changeResults((results) => results.filter((message) => !isThe(message, event.group, event.seq)));
  }

  /** I left a group: what it holds is no longer mine to read. */
  forget(name: string): void {
    this.changeResults((results) => results.filter((message) => !sameGroup(message.group, name)));
  }

  /** Back to no search (closing it, signing out); an answer on its way is dropped. */
  clear(): void {
    this.generation += 1;
    this.current.set(NO_SEARCH);
  }

  private async fetch(generation: number): Promise<void> {
    try {
      for (let empty = 0; ; ) {
        const { query, group, next } = this.current();
        const page = await firstValueFrom(
          this.api.search({ q: query, group: group ?? undefined, before: next ?? undefined, limit: SEARCH_PAGE_DEFAULT }),
        );
        if (generation !== this.generation) return;
        this.current.update((current) => ({ ...current, results: appendNew(current.results, page.results), next: page.next, answered: true }));
        if (page.results.length > 0 || page.next === null || ++empty >= EMPTY_PAGES_IN_A_ROW) return;
      }
    } catch (error) {
      if (generation === this.generation) throw error;
    } finally {
      if (generation === this.generation) this.current.update((current) => ({ ...current, loading: false }));
    }
  }

  private changeResults(change: (results: Message[]) => Message[]): void {
    this.current.update((current) => {
      const results = change(current.results);
      const same = results.length === current.results.length && results.every((message, i) => message === current.results[i]);
      return same ? current : { ...current, results };
    });
  }
}

function isThe(message: Message, group: string, seq: number): boolean {
  return message.seq === seq && sameGroup(message.group, group);
}

/** Older results after the ones held; one already held (should a page repeat it) shows once. */
function appendNew(held: readonly Message[], page: readonly Message[]): Message[] {
  const seen = new Set(held.map(key));
  return [...held, ...page.filter((message) => !seen.has(key(message)))];
}

function key(message: Message): string {
  return `${groupKey(message.group)} ${message.seq}`;
}
