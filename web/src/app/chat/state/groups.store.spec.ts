import { TestBed } from '@angular/core/testing';
import type { Group } from '@chat/protocol';
import { bob, carol, dm, group, meInPublic, msg, range, settle, useChatHarness } from '../../testing/chat-harness';
import { GroupsStore } from './groups.store';
import { TimelineStore } from './timeline.store';

describe(GroupsStore.name, () => {
  const t = useChatHarness();
  const groups = () => TestBed.inject(GroupsStore);
  /** Signed in, socket ready, with these groups on the server. */
  async function signedInWith(...listed: Group[]): Promise<void> {
    t.groupsOnServer = listed;
    await t.start();
    await t.ready();
  }

  describe('live messages', () => {
    it('count unread', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('message', msg(4));
      t.socket().emit('message', msg(5, carol));
      expect(groups().get('general')).toMatchObject({ lastSeq: 5, readSeq: 3, unread: 2 });
    });

    it('count unread in groups that were never opened without keeping their messages', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('message', msg(1, bob, 'random'));
      t.socket().emit('message', msg(2, bob, 'random'));
      expect(TestBed.inject(TimelineStore).of('random')).toBeUndefined();
      expect(groups().get('random')).toMatchObject({ lastSeq: 2, readSeq: 0, unread: 2 });
    });

    it('do not count a repeated seq', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('message', msg(3));
      expect(groups().get('general')?.unread).toBe(0);
    });

    it('move my read marker to a message I sent (from any tab)', async () => {
      t.groupsOnServer = [group('general', 3, 1)];
      await t.start();
      await t.ready();
      t.socket().emit('message', msg(4, meInPublic));
      expect(groups().get('general')).toMatchObject({ lastSeq: 4, readSeq: 4, unread: 0 });
    });
  });

  describe('read from another tab', () => {
    it('moves the read marker forward and recounts unread, never back', async () => {
      t.groupsOnServer = [group('general', 10, 2)];
      await t.start();
      await t.ready();
      t.socket().emit('read', { group: 'general', seq: 7 });
      expect(groups().get('general')).toMatchObject({ readSeq: 7, unread: 3 });
      t.socket().emit('read', { group: 'general', seq: 5 });
      expect(groups().get('general')).toMatchObject({ readSeq: 7, unread: 3 });
    });

    it('matches the group name regardless of case', async () => {
      t.groupsOnServer = [group('General', 10, 2)];
      await t.start();
      await t.ready();
      t.socket().emit('read', { group: 'general', seq: 10 });
      expect(groups().get('General')).toMatchObject({ readSeq: 10, unread: 0 });
    });
  });

  describe('deletes', () => {
    it('of an unread message lower the unread count live, once', async () => {
      await signedInWith(group('general', 5, 2));
      t.socket().emit('delete', { group: 'general', seq: 4, rev: 6 });
      expect(groups().get('general')).toMatchObject({ lastSeq: 5, readSeq: 2, unread: 2, lastRev: 6 });
      t.socket().emit('delete', { group: 'general', seq: 4, rev: 6 }); // the same event again
      expect(groups().get('general')?.unread).toBe(2);
    });

    it('of a read message, or one the server had already counted, change nothing', async () => {
      await signedInWith({ ...group('general', 5, 2), lastRev: 8, unread: 2 });
      t.socket().emit('delete', { group: 'general', seq: 1, rev: 9 });
      expect(groups().get('general')?.unread).toBe(2);
      t.socket().emit('delete', { group: 'general', seq: 4, rev: 7 }); // rev 7 is in the server's count
      expect(groups().get('general')?.unread).toBe(2);
    });

    it('are not counted when a page brings an unread message already deleted', async () => {
      await signedInWith(group('general', 3, 3));
      await t.open('general', range(1, 3), [{ ...msg(4), rev: 5, text: '', deleted: true }, { ...msg(5), rev: 6 }]);
      expect(groups().get('general')).toMatchObject({ lastSeq: 5, unread: 1 });
    });

    it('that arrive while the list is being refreshed count on top of its answer', async () => {
      await signedInWith(group('general', 5, 2));
      const refreshing = groups().refresh();
      t.socket().emit('message', msg(6));
      t.socket().emit('delete', { group: 'general', seq: 3, rev: 7 });
      t.socket().emit('delete', { group: 'general', seq: 4, rev: 8 });
      // The answer was read after the message and the first delete, before the second.
      t.expectGroupsList().flush([{ ...group('general', 6, 2), lastRev: 7, unread: 3 }]);
      await refreshing;
      expect(groups().get('general')).toMatchObject({ lastSeq: 6, lastRev: 8, unread: 2 });
    });
  });

  describe('edits', () => {
    it('move the last rev, never the counts', async () => {
      await signedInWith(group('general', 5, 2));
      t.socket().emit('edit', { group: 'general', seq: 4, rev: 6, text: 'x', editedAt: '2024-02-01T00:00:00.000Z', mentions: [] });
      expect(groups().get('general')).toMatchObject({ lastSeq: 5, lastRev: 6, unread: 3 });
    });
  });

  describe('mentions of me', () => {
    const mentioning = (seq: number, ...ids: string[]) => ({ ...msg(seq), mentions: ids });
    const edit = (seq: number, rev: number, mentions: string[]) => ({ group: 'general', seq, rev, text: 'x', editedAt: '2024-02-01T00:00:00.000Z', mentions });
    const counts = () => {
      const g = groups().get('general');
      return { unread: g?.unread, mentionUnread: g?.mentionUnread };
    };

    it('count a new unread message that mentions me, not one that mentions others or one I sent', async () => {
      await signedInWith({ ...group('general', 3, 3), mentionUnread: 0 });
      t.socket().emit('message', mentioning(4, meInPublic.id));
      t.socket().emit('message', mentioning(5, carol.id));
      expect(counts()).toEqual({ unread: 2, mentionUnread: 1 });
      t.socket().emit('message', { ...msg(6, meInPublic), mentions: [bob.id] });
      expect(counts()).toEqual({ unread: 0, mentionUnread: 0 });
    });

    it('go to zero when I read to the end, and are exact when I read into the middle of what was seen here', async () => {
      await signedInWith({ ...group('general', 3, 3), mentionUnread: 0 });
      t.socket().emit('message', mentioning(4, meInPublic.id));
      t.socket().emit('message', mentioning(5));
      t.socket().emit('message', mentioning(6, meInPublic.id));
      expect(counts()).toEqual({ unread: 3, mentionUnread: 2 });
      t.socket().emit('read', { group: 'general', seq: 4 });
      expect(counts()).toEqual({ unread: 2, mentionUnread: 1 });
      t.socket().emit('read', { group: 'general', seq: 6 });
      expect(counts()).toEqual({ unread: 0, mentionUnread: 0 });
    });

    it('follow an edit that adds or takes away the mention of an unread message, once', async () => {
      await signedInWith({ ...group('general', 3, 3), mentionUnread: 0 });
      t.socket().emit('message', mentioning(4));
      t.socket().emit('edit', edit(4, 5, [meInPublic.id]));
      expect(counts()).toEqual({ unread: 1, mentionUnread: 1 });
      t.socket().emit('edit', edit(4, 5, [meInPublic.id])); // the same event again
      expect(counts().mentionUnread).toBe(1);
      t.socket().emit('edit', edit(4, 6, [carol.id]));
      expect(counts().mentionUnread).toBe(0);
    });

    it('go down when an unread message that mentions me is deleted', async () => {
      await signedInWith({ ...group('general', 3, 3), mentionUnread: 0 });
      t.socket().emit('message', mentioning(4, meInPublic.id));
      t.socket().emit('message', mentioning(5));
      t.socket().emit('delete', { group: 'general', seq: 5, rev: 6 });
      expect(counts()).toEqual({ unread: 1, mentionUnread: 1 });
      t.socket().emit('delete', { group: 'general', seq: 4, rev: 7 });
      expect(counts()).toEqual({ unread: 0, mentionUnread: 0 });
    });

    it('follow the current state of a message the server sends again (a filled gap)', async () => {
      await signedInWith({ ...group('general', 3, 3), mentionUnread: 0 });
      t.socket().emit('message', mentioning(4));
      t.socket().emit('message', { ...mentioning(4, meInPublic.id), rev: 7 });
      expect(groups().get('general')).toMatchObject({ lastSeq: 4, lastRev: 7, unread: 1, mentionUnread: 1 });
    });

    it('are asked of the server when an unread message never seen here changes', async () => {
      await signedInWith({ ...group('general', 5, 2), mentionUnread: 1 });
      t.socket().emit('delete', { group: 'general', seq: 4, rev: 6 });
      // Which of 3..5 mentions me is not known here: the server counts.
      expect(counts()).toEqual({ unread: 2, mentionUnread: 1 });
      t.expectGroupsList().flush([{ ...group('general', 5, 2), lastRev: 6, unread: 2, mentionUnread: 0 }]);
      await settle();
      expect(counts()).toEqual({ unread: 2, mentionUnread: 0 });
    });

    it('need not ask when nothing unread mentioned me and the change mentions nobody', async () => {
      await signedInWith({ ...group('general', 5, 2), mentionUnread: 0 });
      t.socket().emit('edit', edit(4, 6, [carol.id]));
      t.socket().emit('delete', { group: 'general', seq: 3, rev: 7 });
      t.http.expectNone('/api/groups');
      expect(counts()).toEqual({ unread: 2, mentionUnread: 0 });
    });
  });

  describe('markRead', () => {
    it('sends read for the newest message of the group when online', async () => {
      t.groupsOnServer = [group('general', 3, 1)];
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      groups().markRead('general');
      expect(t.sentFrames('read').map((frame) => frame.data)).toEqual([{ group: 'general', seq: 3 }]);
      expect(groups().get('general')).toMatchObject({ readSeq: 3, unread: 0 });
      groups().markRead('general');
      expect(t.sentFrames('read')).toHaveLength(1);
    });
  });

  describe('members joining and leaving', () => {
    it('counts others live, and reloads the list when I joined or left in another tab', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('member', { group: 'general', user: carol, joined: true });
      expect(groups().get('general')?.memberCount).toBe(3);
      t.socket().emit('member', { group: 'general', user: carol, joined: false });
      expect(groups().get('general')?.memberCount).toBe(2);
      t.socket().emit('member', { group: 'elsewhere', user: meInPublic, joined: true });
      t.expectGroupsList().flush([group('general', 3), group('random', 0), { ...group('elsewhere', 7, 7), memberCount: 3 }]);
      await Promise.resolve();
      await Promise.resolve();
      expect(groups().joined().map((g) => g.name)).toEqual(['elsewhere', 'general', 'random']);
    });
  });

  describe('create and join', () => {
    it('add the group as the server answers and resolve with it', async () => {
      await t.start();
      const creating = groups().create('new one');
      t.http.expectOne((req) => req.method === 'POST' && req.url === '/api/groups').flush(group('new one', 0));
      await expect(creating).resolves.toMatchObject({ name: 'new one', joined: true });
      const joining = groups().join('elsewhere');
      t.http.expectOne((req) => req.method === 'POST' && req.url === '/api/groups/elsewhere/members').flush(group('elsewhere', 7, 7));
      await joining;
      expect(groups().joined().map((g) => g.name)).toEqual(['elsewhere', 'general', 'new one', 'random']);
    });

    it('reject with the HTTP error, for the form to show', async () => {
      await t.start();
      const creating = groups().create('general');
      t.http.expectOne('/api/groups').flush({ message: 'taken' }, { status: 409, statusText: 'Conflict' });
      await expect(creating).rejects.toMatchObject({ status: 409 });
    });
  });
  describe('dms', () => {
    const withBob = dm(bob, 2, 2, '2024-01-02T00:00:00.000Z');
    const withCarol = dm(carol, 0, 0, '2024-01-03T00:00:00.000Z');
    const names = () => groups().dms().map((g) => g.name);

    it('are loaded with the groups, kept apart from them, newest activity first as the server lists them', async () => {
      t.dmsOnServer = [withCarol, withBob];
      await t.start();
      await t.ready();
      expect(groups().all().map((g) => g.name)).toEqual(['elsewhere', 'general', 'random']);
      expect(groups().joined().map((g) => g.name)).toEqual(['general', 'random']);
      expect(names()).toEqual([withCarol.name, withBob.name]);
      expect(groups().mine().map((g) => g.name)).toEqual(['general', 'random', withCarol.name, withBob.name]);
      expect(groups().get(withBob.name)).toMatchObject({ kind: 'dm', members: [bob, meInPublic] });
    });

    it('count unread and mentions as a group does, and a new message moves its dm to the top', async () => {
      t.dmsOnServer = [withCarol, withBob];
      await t.start();
      await t.ready();
      t.socket().emit('message', { ...msg(3, bob, withBob.name), mentions: [meInPublic.id] });
      expect(groups().get(withBob.name)).toMatchObject({ lastSeq: 3, unread: 1, mentionUnread: 1 });
      expect(names()).toEqual([withBob.name, withCarol.name]);
      t.socket().emit('message', msg(1, carol, withCarol.name));
      expect(names()).toEqual([withCarol.name, withBob.name]);
      // A copy of a message already counted, or a message in a group, moves nothing.
      t.socket().emit('message', { ...msg(3, bob, withBob.name), rev: 9 });
      t.socket().emit('message', msg(4, bob, 'general'));
      expect(names()).toEqual([withCarol.name, withBob.name]);
      // My own message is activity too.
      t.socket().emit('message', msg(4, meInPublic, withBob.name));
      expect(names()).toEqual([withBob.name, withCarol.name]);
      expect(groups().get(withBob.name)).toMatchObject({ lastSeq: 4, readSeq: 4, unread: 0, mentionUnread: 0 });
    });

    it('move my read marker with read, like a group', async () => {
      t.dmsOnServer = [withBob];
      await t.start();
      await t.ready();
      t.socket().emit('message', msg(3, bob, withBob.name));
      t.socket().emit('read', { group: withBob.name, seq: 3 });
      expect(groups().get(withBob.name)).toMatchObject({ readSeq: 3, unread: 0 });
    });

    it('appear live at the top when someone opens one with me; one already listed keeps its counts', async () => {
      t.dmsOnServer = [withBob];
      await t.start();
      await t.ready();
      t.socket().emit('message', msg(3, bob, withBob.name));
      const fresh = dm(carol, 0, 0, '2024-03-01T00:00:00.000Z');
      t.socket().emit('dm', fresh);
      expect(names()).toEqual([fresh.name, withBob.name]);
      expect(groups().get(fresh.name)).toMatchObject({ joined: true, unread: 0, members: [carol, meInPublic] });
      // Its creation again (another tab opened it too): nothing counted since is lost, nothing moves.
      t.socket().emit('dm', withBob);
      expect(groups().get(withBob.name)).toMatchObject({ lastSeq: 3, unread: 1 });
      expect(names()).toEqual([fresh.name, withBob.name]);
      t.socket().emit('message', msg(1, carol, fresh.name));
      expect(groups().get(fresh.name)).toMatchObject({ lastSeq: 1, unread: 1 });
    });

    it('that arrive while the list is refreshed stay, in front and with what was counted, when the answer predates them', async () => {
      t.dmsOnServer = [withCarol, withBob];
      await t.start();
      await t.ready();
      const refreshing = groups().refresh();
      const fresh = dm({ id: 'u-dan', displayName: 'dan' }, 0, 0, '2024-03-01T00:00:00.000Z');
      t.socket().emit('dm', fresh);
      t.socket().emit('message', msg(1, bob, fresh.name));
      t.socket().emit('message', msg(3, bob, withBob.name));
      t.expectGroupsList([withCarol, withBob]).flush(t.groupsOnServer);
      await refreshing;
      expect(names()).toEqual([withBob.name, fresh.name, withCarol.name]);
      expect(groups().get(fresh.name)).toMatchObject({ lastSeq: 1, unread: 1 });
      expect(groups().get(withBob.name)).toMatchObject({ lastSeq: 3, unread: 1 });
    });

    it('are opened with a person over REST: a new one is added at the top, an existing one keeps its counts', async () => {
      t.dmsOnServer = [withCarol];
      await t.start();
      await t.ready();
      const opening = groups().openDm(bob.id);
      const created = t.http.expectOne((req) => req.method === 'POST' && req.url === '/api/dms');
      expect(created.request.body).toEqual({ userId: bob.id });
      created.flush(withBob, { status: 201, statusText: 'Created' });
      await expect(opening).resolves.toMatchObject({ name: withBob.name, kind: 'dm' });
      expect(names()).toEqual([withBob.name, withCarol.name]);
      t.socket().emit('message', msg(3, bob, withBob.name));
      // Asked again (200): the same dm; what was counted here stays.
      const again = groups().openDm(bob.id);
      t.http.expectOne('/api/dms').flush(withBob);
      await expect(again).resolves.toMatchObject({ name: withBob.name, lastSeq: 3, unread: 1 });
      expect(names()).toEqual([withBob.name, withCarol.name]);
    });

    it('reject opening with the HTTP error (403: no group in common), adding nothing', async () => {
      await t.start();
      const opening = groups().openDm('u-stranger');
      t.http.expectOne('/api/dms').flush({ statusCode: 403, message: 'You share no group with this user.' }, { status: 403, statusText: 'Forbidden' });
      await expect(opening).rejects.toMatchObject({ status: 403 });
      expect(groups().dms()).toEqual([]);
    });

    it('are gone after a sign-out', async () => {
      t.dmsOnServer = [withBob];
      await t.start();
      groups().reset();
      expect(groups().dms()).toEqual([]);
      expect(groups().get(withBob.name)).toBeUndefined();
    });
  });
});
