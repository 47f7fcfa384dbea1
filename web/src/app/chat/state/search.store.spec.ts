import { TestBed } from '@angular/core/testing';
import type { Message } from '@chat/protocol';
import { bob, group, msg, settle, useChatHarness } from '../../testing/chat-harness';
import { SearchStore } from './search.store';

describe(SearchStore.name, () => {
  const t = useChatHarness();
  const search = () => TestBed.inject(SearchStore);
  const found = () => search().state().results.map((m) => `${m.group} ${m.seq}`);
  const hit = (seq: number, group = 'general', text = `lunch ${seq}`): Message => ({ ...msg(seq, bob, group), text });

  describe('search', () => {
    it('asks for the query from the newest, and keeps the results and where to go on', async () => {
      const searching = search().search('  lunch "next friday" ');
      expect(search().state()).toMatchObject({ query: 'lunch "next friday"', loading: true, answered: false, results: [] });
      t.expectSearch({ q: 'lunch "next friday"', limit: '20' }).flush({ results: [hit(9), hit(4, 'random')], next: 'cursor-1' });
      await searching;
      expect(found()).toEqual(['general 9', 'random 4']);
      expect(search().state()).toMatchObject({ next: 'cursor-1', loading: false, answered: true });
    });

    it('"More" asks for the page after the cursor and adds it below; nothing more once next is null', async () => {
      const searching = search().search('lunch');
      t.expectSearch({ q: 'lunch', limit: '20' }).flush({ results: [hit(9)], next: 'c1' });
      await searching;
      const more = search().more();
      expect(search().state().loading).toBe(true);
      await search().more(); // one page at a time
      t.expectSearch({ q: 'lunch', before: 'c1', limit: '20' }).flush({ results: [hit(9), hit(3)], next: null });
      await more;
      expect(found()).toEqual(['general 9', 'general 3']); // a repeat shows once
      expect(search().state().next).toBeNull();
      await search().more();
      t.http.expectNone('/api/search');
    });

    it('goes on by itself past a few empty pages that still have a next, then waits for "More"', async () => {
      const searching = search().search('ab');
      t.expectSearch({ q: 'ab', limit: '20' }).flush({ results: [], next: 'c1' });
      await settle();
      t.expectSearch({ q: 'ab', before: 'c1', limit: '20' }).flush({ results: [], next: 'c2' });
      await settle();
      t.expectSearch({ q: 'ab', before: 'c2', limit: '20' }).flush({ results: [], next: 'c3' });
      await searching;
      expect(search().state()).toMatchObject({ results: [], next: 'c3', answered: true, loading: false });
      const more = search().more();
      t.expectSearch({ q: 'ab', before: 'c3', limit: '20' }).flush({ results: [hit(2, 'general', 'ab')], next: 'c4' });
      await more;
      expect(found()).toEqual(['general 2']);
      expect(search().state().next).toBe('c4');
    });

    it('stops at a short page with a next: "More" stays', async () => {
      const searching = search().search('lunch');
      t.expectSearch({ q: 'lunch', limit: '20' }).flush({ results: [hit(9)], next: 'c1' });
      await searching;
      t.http.expectNone('/api/search');
      expect(search().state().next).toBe('c1');
    });

    it('looks in one group or dm when limited to it, and searches again when the limit changes', async () => {
      const first = search().search('lunch', 'General');
      t.expectSearch({ q: 'lunch', group: 'General', limit: '20' }).flush({ results: [hit(9)], next: null });
      await first;
      const everywhere = search().within(null);
      expect(search().state()).toMatchObject({ group: null, results: [] });
      t.expectSearch({ q: 'lunch', limit: '20' }).flush({ results: [hit(9), hit(4, 'random')], next: null });
      await everywhere;
      expect(found()).toEqual(['general 9', 'random 4']);
      // A new query keeps the limit it had.
      const inRandom = search().within('random');
      t.expectSearch({ q: 'lunch', group: 'random', limit: '20' }).flush({ results: [], next: null });
      await inRandom;
      const again = search().search('tea');
      t.expectSearch({ q: 'tea', group: 'random', limit: '20' }).flush({ results: [], next: null });
      await again;
    });

    it('drops the answer to a search replaced meanwhile', async () => {
      const old = search().search('lun');
      const oldRequest = t.expectSearch({ q: 'lun', limit: '20' });
      const latest = search().search('lunch');
      const latestRequest = t.expectSearch({ q: 'lunch', limit: '20' });
      latestRequest.flush({ results: [hit(9)], next: null });
      await latest;
      oldRequest.flush({ results: [hit(1), hit(2)], next: 'c' });
      await old;
      expect(search().state()).toMatchObject({ query: 'lunch', next: null, loading: false });
      expect(found()).toEqual(['general 9']);
    });

    it('rejects with the HTTP error, keeping what was found; a failure of a replaced search is not said', async () => {
      const searching = search().search('lunch', 'gone');
      t.expectSearch({ q: 'lunch', group: 'gone', limit: '20' }).flush({ message: 'No such group' }, { status: 404, statusText: 'Not Found' });
      await expect(searching).rejects.toMatchObject({ status: 404 });
      expect(search().state()).toMatchObject({ loading: false, answered: false });

      const replaced = search().search('tea', null);
      const request = t.expectSearch({ q: 'tea', limit: '20' });
      search().clear();
      request.flush(null, { status: 503, statusText: 'Service Unavailable' });
      await expect(replaced).resolves.toBeUndefined();
      expect(search().state()).toMatchObject({ query: '', results: [], loading: false });
    });

    it('an empty query asks nothing and clears the results', async () => {
      await search().search('   ');
      t.http.expectNone('/api/search');
      expect(search().state()).toMatchObject({ query: '', loading: false, answered: false });
    });
  });

  describe('live changes (through the chat session)', () => {
    beforeEach(() => (t.groupsOnServer = [group('general', 9), group('random', 4)]));

    async function searched(): Promise<void> {
      await t.start();
      await t.ready();
      const searching = search().search('lunch');
      t.expectSearch({ q: 'lunch', limit: '20' }).flush({ results: [hit(9), hit(7), hit(4, 'random')], next: null });
      await searching;
    }

    it('an edit shows in the result; a delete takes it out', async () => {
      await searched();
      t.socket().emit('edit', { group: 'general', seq: 7, rev: 12, text: 'lunch moved', editedAt: '2024-02-01T00:00:00.000Z', mentions: [] });
      expect(search().state().results[1]).toMatchObject({ text: 'lunch moved', rev: 12, editedAt: '2024-02-01T00:00:00.000Z' });
      t.socket().emit('delete', { group: 'GENERAL', seq: 9, rev: 13 });
      t.socket().emit('delete', { group: 'general', seq: 4, rev: 14 }); // seq 4 of general was not found: random 4 stays
      expect(found()).toEqual(['general 7', 'random 4']);
    });

    it('leaving a group takes its results out; signing out forgets the search', async () => {
      await searched();
      const leaving = t.chat.leave('general');
      t.http.expectOne({ method: 'DELETE', url: '/api/groups/general/members/me' }).flush(null, { status: 204, statusText: 'No Content' });
      await leaving;
      expect(found()).toEqual(['random 4']);
      t.chat.stop();
      expect(search().state()).toMatchObject({ query: '', results: [] });
    });
  });
});
