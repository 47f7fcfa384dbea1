import { TestBed } from '@angular/core/testing';
import type { Message } from '@chat/protocol';
import { bob, carol, changes, group, msg, range, settle, useChatHarness } from '../../testing/chat-harness';
import { NoticesStore } from './notices.store';
import { TimelineStore } from './timeline.store';

describe(TimelineStore.name, () => {
  const t = useChatHarness();
  const timeline = () => TestBed.inject(TimelineStore);
  const seqs = (name = 'general') => timeline().of(name)?.messages.map((m) => m.seq) ?? [];
  const message = (seq: number) => timeline().of('general')?.messages.find((m) => m.seq === seq) as Message;
  const text = (seq: number) => message(seq)?.text;
  const EDITED_AT = '2024-02-01T00:00:00.000Z';
  const reply = (seq: number, to: number): Message => ({ ...msg(seq), replyTo: { seq: to, sender: bob, excerpt: `text ${to}`, deleted: false } });

  describe('older pages', () => {
    it('knows when older history exists, and loads it', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(51, 100));
      expect(timeline().of('general')?.hasOlder).toBe(true);
      const loading = timeline().loadOlder('general');
      expect(timeline().of('general')?.loadingOlder).toBe(true);
      expect(await timeline().loadOlder('general')).toBe(0); // one page at a time
      t.expectHistory('general', { before: '51', limit: '50' }).flush(range(1, 50));
      expect(await loading).toBe(50);
      expect(seqs()).toEqual(range(1, 100).map((m) => m.seq));
      expect(timeline().of('general')).toMatchObject({ hasOlder: false, loadingOlder: false });
    });

    it('rejects with the HTTP error and may be asked again', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(51, 100));
      const loading = timeline().loadOlder('general');
      t.expectHistory('general', { before: '51', limit: '50' }).flush(null, { status: 503, statusText: 'Service Unavailable' });
      await expect(loading).rejects.toMatchObject({ status: 503 });
      expect(timeline().of('general')).toMatchObject({ hasOlder: true, loadingOlder: false });
    });
  });

  describe('live messages', () => {
    it('append in seq order', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('message', msg(4));
      t.socket().emit('message', msg(5, carol));
      expect(seqs()).toEqual([1, 2, 3, 4, 5]);
      expect(timeline().of('general')?.rev).toBe(5);
    });

    it('ignore a repeated seq', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('message', msg(3));
      expect(seqs()).toEqual([1, 2, 3]);
    });

    it('are not kept for a group never opened', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('message', msg(1, carol, 'random'));
      expect(timeline().of('random')).toBeUndefined();
    });

    it('replace the held copy when their rev is higher (a repeat echo of an edited message)', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('edit', { group: 'general', seq: 2, rev: 4, text: 'edited', editedAt: EDITED_AT, mentions: [] });
      t.socket().emit('message', msg(2)); // rev 2: older than what is shown
      expect(text(2)).toBe('edited');
      t.socket().emit('message', { ...msg(2), text: 'newest', rev: 4 });
      expect(text(2)).toBe('edited'); // same rev: the held copy stays
    });
  });

  describe('edits and deletes', () => {
    it('apply an edit to the held copy: text, editedAt, mentions, rev', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('edit', { group: 'general', seq: 2, rev: 4, text: 'edited', editedAt: EDITED_AT, mentions: ['u-me'] });
      expect(message(2)).toMatchObject({ text: 'edited', editedAt: EDITED_AT, mentions: ['u-me'], rev: 4, deleted: false });
      expect(timeline().of('general')?.rev).toBe(4);
    });

    it('turn a deleted message into a tombstone in place', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('delete', { group: 'general', seq: 2, rev: 4 });
      expect(seqs()).toEqual([1, 2, 3]);
      expect(message(2)).toMatchObject({ text: '', deleted: true, editedAt: null, replyTo: null, rev: 4 });
    });

    it('ignore an edit older than the held copy', async () => {
      await t.start();
      await t.ready();
      await t.open('general', [msg(1), { ...msg(2), text: 'newer', rev: 3 }], []);
      t.socket().emit('edit', { group: 'general', seq: 2, rev: 2, text: 'older', editedAt: EDITED_AT, mentions: [] });
      expect(text(2)).toBe('newer');
    });

    it('update the quotes of replies to the changed message: its new excerpt, then deleted', async () => {
      await t.start();
      await t.ready();
      await t.open('general', [msg(1), msg(2), reply(3, 2), reply(4, 1)]);
      t.socket().emit('edit', { group: 'general', seq: 2, rev: 5, text: 'é'.repeat(120), editedAt: EDITED_AT, mentions: [] });
      expect(message(3).replyTo).toMatchObject({ seq: 2, excerpt: 'é'.repeat(100), deleted: false });
      expect(message(4).replyTo).toMatchObject({ seq: 1, excerpt: 'text 1' });
      t.socket().emit('delete', { group: 'general', seq: 2, rev: 6 });
      expect(message(3).replyTo).toMatchObject({ seq: 2, excerpt: '', deleted: true });
    });

    it('update the quotes of replies to a message older than the loaded ones', async () => {
      t.groupsOnServer = [group('general', 100)];
      await t.start();
      await t.ready();
      await t.open('general', [...range(51, 99), reply(100, 7)]);
      t.socket().emit('edit', { group: 'general', seq: 7, rev: 101, text: 'edited long ago', editedAt: EDITED_AT, mentions: [] });
      expect(message(100).replyTo).toMatchObject({ seq: 7, excerpt: 'edited long ago' });
      expect(seqs()[0]).toBe(51);
    });
  });

  describe('revision gaps', () => {
    it('a live event more than one rev ahead is applied and starts a catch-up from the last rev without a gap', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('delete', { group: 'general', seq: 1, rev: 6 }); // 4 and 5 were missed
      expect(message(1).deleted).toBe(true);
      expect(timeline().of('general')?.rev).toBe(3);
      t.socket().emit('message', { ...msg(4), rev: 7 }); // still a gap: asks once more after this catch-up
      t.expectChanges('general', 3).flush(changes([{ ...msg(2), text: 'edited', rev: 5 }, { ...msg(1), text: '', deleted: true, rev: 6 }], 6));
      await settle();
      expect(text(2)).toBe('edited');
      t.expectChanges('general', 6).flush(changes([{ ...msg(4), rev: 7 }]));
      await settle();
      expect(seqs()).toEqual([1, 2, 3, 4]);
      expect(timeline().of('general')?.rev).toBe(7);
    });

    it('a catch-up takes messages older than the loaded window only as quotes', async () => {
      t.groupsOnServer = [group('general', 100)];
      await t.start();
      await t.ready();
      await t.open('general', [...range(51, 99), reply(100, 7)]);
      t.socket().emit('message', { ...msg(101), rev: 103 });
      t.expectChanges('general', 100).flush(changes([{ ...msg(7), text: '', deleted: true, rev: 101 }, { ...msg(101), rev: 103 }]));
      await settle();
      expect(seqs()).toEqual(range(51, 101).map((m) => m.seq));
      expect(message(100).replyTo).toMatchObject({ seq: 7, deleted: true, excerpt: '' });
    });

    it('a failed catch-up is said once, and the next gap tries again', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('message', { ...msg(4), rev: 5 });
      t.expectChanges('general', 3).flush(null, { status: 503, statusText: 'Service Unavailable' });
      await settle();
      expect(TestBed.inject(NoticesStore).all()).toEqual(['Could not catch up on changes in "general"; retrying when the connection is back.']);
      t.socket().emit('message', { ...msg(5), rev: 6 });
      t.expectChanges('general', 3).flush(changes([{ ...msg(4), rev: 5 }, { ...msg(5), rev: 6 }]));
      await settle();
      expect(timeline().of('general')?.rev).toBe(6);
    });
  });

  describe('my own edits and deletes (REST answers)', () => {
    it('show the edited message at once, and the later event changes nothing', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      timeline().replaced({ ...msg(2), text: 'mine, edited', rev: 4, editedAt: EDITED_AT });
      expect(text(2)).toBe('mine, edited');
      t.socket().emit('edit', { group: 'general', seq: 2, rev: 4, text: 'mine, edited', editedAt: EDITED_AT, mentions: [] });
      expect(timeline().of('general')?.rev).toBe(4);
    });

    it('show the tombstone at once, at the held rev, so the delete event still applies', async () => {
      await t.start();
      await t.ready();
      await t.open('general', [msg(1), msg(2), reply(3, 2)]);
      timeline().deletedHere('general', 2);
      expect(message(2)).toMatchObject({ deleted: true, rev: 2 });
      expect(message(3).replyTo?.deleted).toBe(true);
      t.socket().emit('delete', { group: 'general', seq: 2, rev: 4 });
      expect(message(2)).toMatchObject({ deleted: true, rev: 4 });
    });
  });

  describe('a message far back (a search result, a quote): loadAround and the gap', () => {
    const gap = () => timeline().of('general')?.gap;
    const span = (from: number, to: number) => range(from, to).map((m) => m.seq);

    /** general has 200 messages; its newest 50 are open, then the pages around message 30 come. */
    async function openFarBack(): Promise<void> {
      t.groupsOnServer = [group('general', 200)];
      await t.start();
      await t.ready();
      await t.open('general', range(151, 200));
      const loading = timeline().loadAround('general', 30);
      t.expectHistory('general', { before: '31', limit: '25' }).flush(range(6, 30));
      t.expectHistory('general', { after: '30', limit: '25' }).flush(range(31, 55));
      expect(await loading).toBe(true);
    }

    it('loads a page before and after it, keeping the newest below a gap', async () => {
      await openFarBack();
      expect(seqs()).toEqual([...span(6, 55), ...span(151, 200)]);
      expect(gap()).toEqual({ after: 55, before: 151 });
      expect(timeline().of('general')?.hasOlder).toBe(true);
    });

    it('asks nothing for a message already loaded', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      expect(await timeline().loadAround('general', 2)).toBe(true);
      expect(gap()).toBeNull();
    });

    it('leaves no gap when the pages reach the newest', async () => {
      t.groupsOnServer = [group('general', 200)];
      await t.start();
      await t.ready();
      await t.open('general', range(151, 200));
      const loading = timeline().loadAround('general', 140);
      t.expectHistory('general', { before: '141', limit: '25' }).flush(range(116, 140));
      t.expectHistory('general', { after: '140', limit: '25' }).flush(range(141, 165));
      expect(await loading).toBe(true);
      expect(seqs()).toEqual(span(116, 200));
      expect(gap()).toBeNull();
    });

    it('keeps live messages, edits and the catch-up going below the gap; a change in the gap adds nothing', async () => {
      await openFarBack();
      t.socket().emit('message', msg(201));
      t.socket().emit('edit', { group: 'general', seq: 30, rev: 202, text: 'edited far back', editedAt: EDITED_AT, mentions: [] });
      t.socket().emit('edit', { group: 'general', seq: 100, rev: 203, text: 'in the gap', editedAt: EDITED_AT, mentions: [] });
      expect(seqs()).toEqual([...span(6, 55), ...span(151, 201)]);
      expect(text(30)).toBe('edited far back');
      expect(timeline().of('general')?.rev).toBe(203);
      // A live event after a missed one: the catch-up brings a message of the gap (left out) and the missed one.
      t.socket().emit('message', { ...msg(203), rev: 206 });
      t.expectChanges('general', 203).flush(
        changes([{ ...msg(202), rev: 204 }, { ...msg(120), text: 'edited in the gap', rev: 205 }, { ...msg(203), rev: 206 }]),
      );
      await settle();
      expect(seqs()).toEqual([...span(6, 55), ...span(151, 203)]);
      expect(timeline().of('general')?.rev).toBe(206);
    });

    it('fills the gap a page at a time (loadNewer), closing it on meeting the newest', async () => {
      await openFarBack();
      const first = timeline().loadNewer('general');
      expect(timeline().of('general')?.loadingNewer).toBe(true);
      expect(await timeline().loadNewer('general')).toBe(0); // one page at a time
      t.expectHistory('general', { after: '55', limit: '50' }).flush(range(56, 105));
      expect(await first).toBe(50);
      expect(gap()).toEqual({ after: 105, before: 151 });
      const second = timeline().loadNewer('general');
      t.expectHistory('general', { after: '105', limit: '50' }).flush(range(106, 155));
      await second;
      expect(seqs()).toEqual(span(6, 200));
      expect(timeline().of('general')).toMatchObject({ gap: null, loadingNewer: false });
      expect(await timeline().loadNewer('general')).toBe(0);
    });

    it('loads older pages above the window; one asked for before another window opened is dropped', async () => {
      await openFarBack();
      const older = timeline().loadOlder('general');
      t.expectHistory('general', { before: '6', limit: '50' }).flush(range(1, 5));
      await older;
      expect(seqs().slice(0, 6)).toEqual(span(1, 6));
      expect(timeline().of('general')?.hasOlder).toBe(false);

      const stale = timeline().loadOlder('general'); // nothing older: no request
      expect(await stale).toBe(0);
    });

    it('drops an older page that was asked for above a window since replaced', async () => {
      await openFarBack();
      const older = timeline().loadOlder('general');
      const request = t.expectHistory('general', { before: '6', limit: '50' });
      // Another result, near the newest: its window joins them and the one far back goes.
      const around = timeline().loadAround('general', 140);
      t.expectHistory('general', { before: '141', limit: '25' }).flush(range(116, 140));
      t.expectHistory('general', { after: '140', limit: '25' }).flush(range(141, 165));
      await around;
      request.flush(range(1, 5));
      await older;
      expect(seqs()).toEqual(span(116, 200));
      expect(gap()).toBeNull();
    });

    it('keeps the window opened before when the new one touches it', async () => {
      await openFarBack();
      const around = timeline().loadAround('general', 60);
      t.expectHistory('general', { before: '61', limit: '25' }).flush(range(36, 60));
      t.expectHistory('general', { after: '60', limit: '25' }).flush(range(61, 85));
      expect(await around).toBe(true);
      expect(seqs()).toEqual([...span(6, 85), ...span(151, 200)]);
      expect(gap()).toEqual({ after: 85, before: 151 });
    });

    it('rejects with the HTTP error, changing nothing', async () => {
      t.groupsOnServer = [group('general', 200)];
      await t.start();
      await t.ready();
      await t.open('general', range(151, 200));
      const loading = timeline().loadAround('general', 30);
      t.expectHistory('general', { after: '30', limit: '25' }).flush(range(31, 55));
      t.expectHistory('general', { before: '31', limit: '25' }).flush(null, { status: 503, statusText: 'Service Unavailable' });
      await expect(loading).rejects.toMatchObject({ status: 503 });
      expect(seqs()).toEqual(span(151, 200));
    });

    it('does nothing for a group not opened', async () => {
      await t.start();
      await t.ready();
      expect(await timeline().loadAround('random', 1)).toBe(false);
    });

    it('an edit that arrives while the pages are on their way is not lost to their older copy', async () => {
      t.groupsOnServer = [group('general', 200)];
      await t.start();
      await t.ready();
      await t.open('general', range(151, 200));
      const loading = timeline().loadAround('general', 30);
      // Message 30 is edited (rev 201) while the pages are read: live, there is no copy of it to change yet.
      t.socket().emit('edit', { group: 'general', seq: 30, rev: 201, text: 'edited meanwhile', editedAt: EDITED_AT, mentions: [] });
      t.expectHistory('general', { before: '31', limit: '25' }).flush(range(6, 30));
      t.expectHistory('general', { after: '30', limit: '25' }).flush(range(31, 55));
      await settle();
      t.expectChanges('general', 200).flush(changes([{ ...msg(30), text: 'edited meanwhile', editedAt: EDITED_AT, rev: 201 }], 201));
      expect(await loading).toBe(true);
      expect(text(30)).toBe('edited meanwhile');
    });

    it('asks for no changes when none arrived during the pages', async () => {
      await openFarBack();
      t.http.verify();
      expect(text(30)).toBe('text 30');
    });
  });
});
