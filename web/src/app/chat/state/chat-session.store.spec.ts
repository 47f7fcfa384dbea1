import { TestBed } from '@angular/core/testing';
import { SessionStore } from '../../core/session.store';
import { bob, changes, dm, group, me, meInPublic, msg, range, settle, useChatHarness } from '../../testing/chat-harness';
import { FakeWebSocket } from '../../testing/fake-web-socket';
import { ActivityStore } from './activity.store';
import { ChatSession } from './chat-session.store';
import { GroupsStore } from './groups.store';
import { NoticesStore } from './notices.store';
import { TimelineStore } from './timeline.store';

describe(ChatSession.name, () => {
  const t = useChatHarness();
  const chat = () => TestBed.inject(ChatSession);
  const groups = () => TestBed.inject(GroupsStore);
  const seqs = (name = 'general') => TestBed.inject(TimelineStore).of(name)?.messages.map((m) => m.seq) ?? null;
  const notices = () => TestBed.inject(NoticesStore).all();

  describe('start', () => {
    it('loads the groups and opens the socket with the token', async () => {
      expect(chat().loaded()).toBe(false);
      chat().start();
      expect(FakeWebSocket.instances.map((ws) => ws.url)).toEqual(['ws://chat.test/ws?token=my%20token']);
      expect(chat().status()).toBe('connecting');
      t.expectGroupsList().flush(t.groupsOnServer);
      await settle();
      expect(chat().loaded()).toBe(true);
      expect(groups().all().map((g) => g.name)).toEqual(['elsewhere', 'general', 'random']);
      expect(groups().joined().map((g) => g.name)).toEqual(['general', 'random']);
      expect(TestBed.inject(TimelineStore).of('general')).toBeUndefined();
      expect(TestBed.inject(ActivityStore).of('general')).toMatchObject({ members: null, typing: [] });
      t.socket().accept();
      expect(chat().status()).toBe('online');
    });

    it('does it once however often it is called', async () => {
      chat().start();
      chat().start();
      t.expectGroupsList().flush(t.groupsOnServer);
      await settle();
      expect(FakeWebSocket.instances).toHaveLength(1);
    });

    it('does nothing when nobody is signed in', () => {
      TestBed.inject(SessionStore).end();
      chat().start();
      t.http.expectNone('/api/groups');
      expect(FakeWebSocket.instances).toHaveLength(0);
    });

    it('says so when the groups cannot be loaded, and still counts as loaded', async () => {
      chat().start();
      t.expectGroupsList().flush(null, { status: 503, statusText: 'Service Unavailable' });
      await settle();
      expect(chat().loaded()).toBe(true);
      expect(notices()).toEqual(['Could not load the groups; retrying when the connection is back.']);
    });
  });

  describe('open', () => {
    it('loads the newest page, what arrived meanwhile, and the members', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3), [msg(4)]);
      expect(chat().active()?.name).toBe('general');
      expect(seqs()).toEqual([1, 2, 3, 4]);
      expect(TestBed.inject(TimelineStore).of('general')?.hasOlder).toBe(false);
      expect(TestBed.inject(ActivityStore).of('general').members?.map((member) => member.id)).toEqual(['u-me', 'u-bob']);
    });

    it('loads nothing again when the group is opened a second time', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      await t.open('random', []);
      await chat().open('general');
      t.http.expectNone(() => true);
      expect(chat().active()?.name).toBe('general');
    });

    it('comes back to the group that was open after a reload', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      expect(t.storage.getItem('chat.lastGroup.u-me')).toBe('general');
      chat().stop();
      chat().start();
      t.expectGroupsList().flush(t.groupsOnServer);
      await settle();
      expect(chat().active()?.name).toBe('general');
      t.expectHistory('general', { limit: '50' }).flush(range(1, 3));
      await settle();
      t.expectChanges('general', 3).flush(changes([], 3));
      await settle();
      t.http.expectOne('/api/groups/general').flush({ ...group('general', 3), members: [] });
      await settle();
      expect(seqs()).toEqual([1, 2, 3]);
    });
  });

  describe('openAt (a search result)', () => {
    it('opens the group at a message far back: its newest page and members first, then the pages around it', async () => {
      t.groupsOnServer = [group('general', 200), group('random', 0)];
      await t.start();
      await t.ready();
      const opening = chat().openAt('general', 30);
      expect(chat().active()?.name).toBe('general');
      expect(chat().reveal()).toEqual({ group: 'general', seq: 30 });
      t.expectHistory('general', { limit: '50' }).flush(range(151, 200));
      await settle();
      t.expectChanges('general', 200).flush(changes([], 200));
      await settle();
      t.http.expectOne('/api/groups/general').flush({ ...group('general', 200), members: [] });
      t.expectHistory('general', { before: '31', limit: '25' }).flush(range(6, 30));
      t.expectHistory('general', { after: '30', limit: '25' }).flush(range(31, 55));
      expect(await opening).toBe(true);
      expect(seqs()?.slice(0, 3)).toEqual([6, 7, 8]);
      expect(TestBed.inject(TimelineStore).of('general')?.gap).toEqual({ after: 55, before: 151 });
    });

    it('asks nothing more for a message already loaded; a new request is a new reveal, and opening as usual ends it', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      expect(await chat().openAt('general', 2)).toBe(true);
      const first = chat().reveal();
      expect(await chat().openAt('general', 2)).toBe(true);
      expect(chat().reveal()).toEqual(first);
      expect(chat().reveal()).not.toBe(first);
      t.http.expectNone(() => true);
      await chat().open('general');
      expect(chat().reveal()).toBeNull();
    });
  });

  describe('leave', () => {
    it('leaves on the server, closes the group and forgets its messages and members', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      const leaving = chat().leave('General');
      t.http.expectOne((req) => req.method === 'DELETE' && req.url === '/api/groups/General/members/me').flush(null);
      await leaving;
      expect(chat().active()).toBeNull();
      expect(groups().get('general')).toMatchObject({ joined: false, memberCount: 1 });
      expect(groups().get('general')?.unread).toBeUndefined();
      expect(seqs()).toBeNull();
      expect(TestBed.inject(ActivityStore).of('general').members).toBeNull();
    });

    it('rejects with the HTTP error when the server refuses, changing nothing', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      const leaving = chat().leave('general');
      t.http.expectOne('/api/groups/general/members/me').flush(null, { status: 503, statusText: 'Service Unavailable' });
      await expect(leaving).rejects.toMatchObject({ status: 503 });
      expect(chat().active()?.name).toBe('general');
      expect(seqs()).toEqual([1, 2, 3]);
    });
  });

  describe('catch-up on ready', () => {
    it('fetches the changes of each opened group after its last rev and merges them', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.reconnect();
      t.groupsOnServer = [group('general', 5, 3), group('random', 0), group('elsewhere', 7, 0, false)];
      await t.ready();
      // Only the opened group: `random` was never opened. An edit of 2 came with the new ones.
      t.expectChanges('general', 3).flush(changes([{ ...msg(2), text: 'edited', rev: 4 }, { ...msg(4), rev: 5 }, { ...msg(5), rev: 6 }]));
      await settle();
      expect(seqs()).toEqual([1, 2, 3, 4, 5]);
      expect(TestBed.inject(TimelineStore).of('general')?.messages[1].text).toBe('edited');
      expect(TestBed.inject(TimelineStore).of('general')?.rev).toBe(6);
      expect(groups().get('general')).toMatchObject({ lastSeq: 5, readSeq: 3, unread: 2 });
      expect(seqs('random')).toBeNull();
    });

    it('shows nothing twice when live messages overlap the catch-up page', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.reconnect();
      await t.ready();
      const catchUp = t.expectChanges('general', 3);
      // While the page is on its way, 4 and 5 arrive live (no gap: revs 4 and 5 follow 3).
      t.socket().emit('message', msg(4));
      t.socket().emit('message', msg(5));
      catchUp.flush(changes([msg(4), msg(5)]));
      await settle();
      t.socket().emit('message', msg(5));
      t.socket().emit('message', msg(6));
      expect(seqs()).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('keeps fetching while the server says there is more', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.reconnect();
      await t.ready();
      t.expectChanges('general', 3).flush(changes(range(4, 103), 110, true));
      await settle();
      t.expectChanges('general', 103).flush(changes(range(104, 110)));
      await settle();
      expect(seqs()).toEqual(range(1, 110).map((m) => m.seq));
    });

    it('starts from the last rev applied without a gap, whatever arrives live while the groups are refreshed', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.reconnect();
      t.socket().accept();
      t.socket().emit('ready', { user: me, groups: ['general', 'random'] });
      const refresh = t.expectGroupsList();
      const catchUp = t.expectChanges('general', 3);
      t.socket().emit('message', msg(5)); // 4 was sent while we were away: a gap
      t.groupsOnServer = [group('general', 5, 3), group('random', 0), group('elsewhere', 7, 0, false)];
      refresh.flush(t.groupsOnServer);
      catchUp.flush(changes([msg(4), msg(5)]));
      await settle();
      // The gap seen during the catch-up asks once more, from where the first answer ended.
      t.expectChanges('general', 5).flush(changes([], 5));
      await settle();
      expect(seqs()).toEqual([1, 2, 3, 4, 5]);
      expect(groups().get('general')).toMatchObject({ lastSeq: 5, unread: 2 });
    });

    it('does not skip messages when a live one arrives between two catch-up pages', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.reconnect();
      await t.ready();
      const firstPage = t.expectChanges('general', 3);
      t.socket().emit('message', msg(160)); // sent live while the first page is on its way
      firstPage.flush(changes(range(4, 103), 159, true));
      await settle();
      t.expectChanges('general', 103).flush(changes(range(104, 160)));
      await settle();
      t.expectChanges('general', 160).flush(changes([], 160));
      await settle();
      expect(seqs()).toEqual(range(1, 160).map((m) => m.seq));
    });

    it('says so when the catch-up fails', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.reconnect();
      t.socket().accept();
      t.socket().emit('ready', { user: me, groups: ['general', 'random'] });
      t.expectGroupsList().flush(t.groupsOnServer);
      t.expectChanges('general', 3).flush(null, { status: 503, statusText: 'Service Unavailable' });
      await settle();
      expect(notices()).toEqual(['Could not catch up on missed messages; retrying when the connection is back.']);
    });
  });

  describe('edits and deletes', () => {
    it('reach the timeline and the counts live', async () => {
      t.groupsOnServer = [group('general', 3, 1), group('random', 0)];
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('edit', { group: 'general', seq: 2, rev: 4, text: 'edited', editedAt: '2024-02-01T00:00:00.000Z', mentions: [] });
      t.socket().emit('delete', { group: 'general', seq: 3, rev: 5 });
      const messages = TestBed.inject(TimelineStore).of('general')?.messages;
      expect(messages?.map((m) => [m.seq, m.text, m.deleted])).toEqual([
        [1, 'text 1', false],
        [2, 'edited', false],
        [3, '', true],
      ]);
      expect(groups().get('general')).toMatchObject({ lastRev: 5, unread: 1 });
    });
  });

  describe('error events', () => {
    it('shows an error without a known clientMsgId as a notice, keeping the last five', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('error', { code: 'not_found', message: 'No such group.' });
      t.socket().emit('error', { code: 'bad_request', message: 'Bad.', clientMsgId: 'not-mine' });
      expect(notices()).toEqual(['No such group.', 'Bad.']);
      for (let i = 1; i <= 6; i++) t.socket().emit('error', { code: 'bad_request', message: `n${i}` });
      expect(notices()).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
      TestBed.inject(NoticesStore).dismiss(0);
      expect(notices()).toEqual(['n3', 'n4', 'n5', 'n6']);
    });
  });

  describe('stop and start again (sign out, sign in)', () => {
    it('handles each event once after a restart', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('typing', { group: 'general', user: bob });
      chat().stop();
      expect(groups().all()).toEqual([]);
      expect(TestBed.inject(ActivityStore).of('general').typing).toEqual([]);
      expect(chat().status()).toBe('offline');
      await t.start();
      t.socket().accept();
      t.socket().emit('error', { code: 'not_found', message: 'No such group.' });
      expect(notices()).toEqual(['No such group.']);
      t.socket().emit('ready', { user: me, groups: ['general', 'random'] });
      // One refresh per ready, not one per start() ever made.
      const refreshes = t.http.match((req) => req.url === '/api/groups');
      expect(refreshes).toHaveLength(1);
      refreshes.forEach((req) => req.flush(t.groupsOnServer));
      t.expectDmsList().flush([]);
      await settle();
    });
  });
  describe('dms', () => {
    const withBob = dm(bob, 1);
    const dmUrl = `/api/groups/${encodeURIComponent(withBob.name)}`;

    it('opens the dm with a person: asks the server for it, then loads it under its URL-encoded name', async () => {
      await t.start();
      await t.ready();
      const opening = chat().openDmWith(bob.id);
      t.http.expectOne((req) => req.method === 'POST' && req.url === '/api/dms').flush(withBob, { status: 201, statusText: 'Created' });
      await settle();
      expect(chat().active()?.name).toBe(withBob.name);
      expect(dmUrl).toMatch(/^\/api\/groups\/%40/);
      t.expectHistory(withBob.name, { limit: '50' }).flush([msg(1, bob, withBob.name)]);
      await settle();
      t.expectChanges(withBob.name, 1).flush(changes([], 1));
      await opening;
      t.http.expectOne(dmUrl).flush({ ...withBob, members: [{ ...bob, online: true }, { ...meInPublic, online: true }] });
      await settle();
      expect(seqs(withBob.name)).toEqual([1]);
      expect(TestBed.inject(ActivityStore).of(withBob.name).members?.find((m) => m.id === bob.id)?.online).toBe(true);
      expect(t.storage.getItem('chat.lastGroup.u-me')).toBe(withBob.name);
    });

    it('rejects with the HTTP error when the server refuses, opening nothing', async () => {
      await t.start();
      await t.ready();
      const opening = chat().openDmWith('u-stranger');
      t.http.expectOne('/api/dms').flush({ message: 'no group in common' }, { status: 403, statusText: 'Forbidden' });
      await expect(opening).rejects.toMatchObject({ status: 403 });
      expect(chat().active()).toBeNull();
    });

    it('comes back to the dm that was open after a reload', async () => {
      t.dmsOnServer = [withBob];
      await t.start();
      await t.ready();
      await t.open(withBob.name, [msg(1, bob, withBob.name)]);
      chat().stop();
      chat().start();
      t.expectGroupsList().flush(t.groupsOnServer);
      await settle();
      expect(chat().active()?.name).toBe(withBob.name);
      t.expectHistory(withBob.name, { limit: '50' }).flush([msg(1, bob, withBob.name)]);
      await settle();
      t.expectChanges(withBob.name, 1).flush(changes([], 1));
      await settle();
      t.http.expectOne(dmUrl).flush({ ...withBob, members: [] });
      await settle();
      expect(seqs(withBob.name)).toEqual([1]);
    });

    it('catches up an opened dm after a reconnect, as a group', async () => {
      t.dmsOnServer = [withBob];
      await t.start();
      await t.ready();
      await t.open(withBob.name, [msg(1, bob, withBob.name)]);
      t.reconnect();
      t.dmsOnServer = [dm(bob, 2, 1)];
      await t.ready();
      t.expectChanges(withBob.name, 1).flush(changes([msg(2, bob, withBob.name)]));
      await settle();
      expect(seqs(withBob.name)).toEqual([1, 2]);
      expect(groups().get(withBob.name)).toMatchObject({ lastSeq: 2, unread: 1 });
    });

    it('shows a dm someone opens with me at once, and counts its messages', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('dm', withBob);
      t.socket().emit('message', msg(2, bob, withBob.name));
      expect(groups().dms().map((g) => g.name)).toEqual([withBob.name]);
      expect(groups().get(withBob.name)).toMatchObject({ lastSeq: 2, unread: 1 });
      expect(chat().active()).toBeNull();
    });
  });
});
