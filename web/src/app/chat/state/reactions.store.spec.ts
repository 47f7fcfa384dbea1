import { TestBed } from '@angular/core/testing';
import type { Message, ReactionEvent } from '@chat/protocol';
import { bob, carol, meInPublic, msg, range, settle, useChatHarness } from '../../testing/chat-harness';
import { GroupsStore } from './groups.store';
import { ReactionsStore } from './reactions.store';
import { TimelineStore } from './timeline.store';

describe(ReactionsStore.name, () => {
  const t = useChatHarness();
  const reactions = () => TestBed.inject(ReactionsStore);
  const held = (seq: number) => TestBed.inject(TimelineStore).of('general')?.messages.find((m) => m.seq === seq) as Message;
  const reactionUrl = (seq: number, emoji: string) => `/api/groups/general/messages/${seq}/reactions/${encodeURIComponent(emoji)}`;
  const event = (seq: number, rev: number, emoji: string, user = bob, added = true, count = 1): ReactionEvent => ({
    group: 'general',
    seq,
    rev,
    emoji,
    user,
    added,
    count,
  });

  async function openGeneral(): Promise<void> {
    await t.start();
    await t.ready();
    await t.open('general', range(1, 3));
  }

  describe('toggle', () => {
    it('puts my reaction (the emoji URL-encoded) and shows it at once; its event changes nothing more', async () => {
      await openGeneral();
      const adding = reactions().toggle('general', 2, '👨‍👩‍👧', true);
      t.http.expectOne((req) => req.method === 'PUT' && req.url === reactionUrl(2, '👨‍👩‍👧')).flush(null, { status: 204, statusText: 'No Content' });
      await adding;
      expect(held(2).reactions).toEqual([{ emoji: '👨‍👩‍👧', count: 1, me: true }]);
      t.socket().emit('reaction', event(2, 4, '👨‍👩‍👧', meInPublic));
      expect(held(2)).toMatchObject({ rev: 4, reactions: [{ emoji: '👨‍👩‍👧', count: 1, me: true }] });
    });

    it('counts once when the event comes before the answer', async () => {
      await openGeneral();
      const adding = reactions().toggle('general', 2, '👍', true);
      t.socket().emit('reaction', event(2, 4, '👍', meInPublic));
      t.http.expectOne(reactionUrl(2, '👍')).flush(null, { status: 204, statusText: 'No Content' });
      await adding;
      expect(held(2).reactions).toEqual([{ emoji: '👍', count: 1, me: true }]);
    });

    it('takes mine back with DELETE, leaving the others', async () => {
      await openGeneral();
      t.socket().emit('reaction', event(2, 4, '👍', bob));
      t.socket().emit('reaction', event(2, 5, '👍', meInPublic, true, 2));
      const removing = reactions().toggle('general', 2, '👍', false);
      t.http.expectOne((req) => req.method === 'DELETE' && req.url === reactionUrl(2, '👍')).flush(null, { status: 204, statusText: 'No Content' });
      await removing;
      expect(held(2).reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
    });

    it('rejects with the HTTP error and changes nothing (a 21st emoji)', async () => {
      await openGeneral();
      const adding = reactions().toggle('general', 2, '🦄', true);
      t.http.expectOne(reactionUrl(2, '🦄')).flush({ message: 'too many' }, { status: 409, statusText: 'Conflict' });
      await expect(adding).rejects.toMatchObject({ status: 409 });
      expect(held(2).reactions).toEqual([]);
    });

    it('refuses what is not one emoji without asking the server', async () => {
      await openGeneral();
      await expect(reactions().toggle('general', 2, 'ok', true)).rejects.toThrow('not a single emoji');
    });
  });

  describe('live reactions', () => {
    it('set the count, append new emoji, drop one at zero, and leave my part unless it was me', async () => {
      await openGeneral();
      t.socket().emit('reaction', event(2, 4, '👍', meInPublic));
      t.socket().emit('reaction', event(2, 5, '👍', carol, true, 2));
      t.socket().emit('reaction', event(2, 6, '🎉', carol));
      expect(held(2).reactions).toEqual([
        { emoji: '👍', count: 2, me: true },
        { emoji: '🎉', count: 1, me: false },
      ]);
      t.socket().emit('reaction', event(2, 7, '👍', carol, false, 1));
      t.socket().emit('reaction', event(2, 8, '🎉', carol, false, 0));
      expect(held(2)).toMatchObject({ rev: 8, reactions: [{ emoji: '👍', count: 1, me: true }] });
      expect(TestBed.inject(TimelineStore).of('general')?.rev).toBe(8);
    });

    it('never change the unread counts; the group’s last revision moves on', async () => {
      await openGeneral();
      const before = TestBed.inject(GroupsStore).get('general');
      t.socket().emit('reaction', event(2, 4, '👍'));
      expect(TestBed.inject(GroupsStore).get('general')).toEqual({ ...before, lastRev: 4 });
    });

    it('an older event than the copy held changes nothing', async () => {
      await openGeneral();
      t.socket().emit('message', { ...msg(2), rev: 9, reactions: [{ emoji: '👍', count: 3, me: false }] });
      // The gap (rev 3 to 9) is caught up first.
      t.expectChanges('general', 3).flush({ messages: [], lastRev: 9, more: false });
      await settle();
      t.socket().emit('reaction', event(2, 8, '👍', carol, true, 2));
      expect(held(2).reactions).toEqual([{ emoji: '👍', count: 3, me: false }]);
    });
  });

  describe('who reacted', () => {
    const whoUrl = '/api/groups/general/messages/2/reactions';

    it('is loaded when asked, once per revision of the message', async () => {
      await openGeneral();
      t.socket().emit('reaction', event(2, 4, '👍', carol));
      const loading = reactions().load('general', 2);
      void reactions().load('general', 2); // the same, while on its way: no second request
      t.http.expectOne(whoUrl).flush([{ emoji: '👍', count: 1, me: false, users: [carol] }]);
      await loading;
      expect(reactions().of('general').get(2)).toEqual({ rev: 4, reactions: [{ emoji: '👍', count: 1, me: false, users: [carol] }] });
      await reactions().load('general', 2);
      t.http.expectNone(whoUrl);

      t.socket().emit('reaction', event(2, 5, '👍', bob, true, 2));
      void reactions().load('general', 2);
      t.http.expectOne(whoUrl).flush([{ emoji: '👍', count: 2, me: false, users: [carol, bob] }]);
      await settle();
      expect(reactions().of('general').get(2)?.rev).toBe(5);
    });

    it('is loaded again when the message changes while the first answer is on its way', async () => {
      await openGeneral();
      t.socket().emit('reaction', event(2, 4, '👍', carol));
      const loading = reactions().load('general', 2);
      t.socket().emit('reaction', event(2, 5, '👍', bob, true, 2));
      t.http.expectOne(whoUrl).flush([{ emoji: '👍', count: 1, me: false, users: [carol] }]);
      await settle();
      t.http.expectOne(whoUrl).flush([{ emoji: '👍', count: 2, me: false, users: [carol, bob] }]);
      await loading;
      expect(reactions().of('general').get(2)?.reactions[0].users).toEqual([carol, bob]);
    });
  });
});
