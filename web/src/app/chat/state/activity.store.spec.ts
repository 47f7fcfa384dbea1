import { TestBed } from '@angular/core/testing';
import { bob, carol, meInPublic, msg, range, useChatHarness } from '../../testing/chat-harness';
import { ActivityStore } from './activity.store';

describe(ActivityStore.name, () => {
  const t = useChatHarness();
  const activity = () => TestBed.inject(ActivityStore);
  const typists = (name = 'general') => activity().of(name).typing.map((typist) => typist.user.id);

  describe('typing', () => {
    it('shows a typist for about 5 s', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('typing', { group: 'general', user: bob });
      expect(typists()).toEqual(['u-bob']);
      jest.advanceTimersByTime(4_900);
      expect(typists()).toHaveLength(1);
      jest.advanceTimersByTime(200);
      expect(typists()).toEqual([]);
    });

    it('keeps showing a typist who types again, until 5 s after the last event', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('typing', { group: 'general', user: bob });
      jest.advanceTimersByTime(3_000);
      t.socket().emit('typing', { group: 'general', user: bob });
      expect(typists()).toHaveLength(1); // one entry, not two
      jest.advanceTimersByTime(2_500); // 5.5 s after the first
      expect(typists()).toHaveLength(1);
      jest.advanceTimersByTime(2_600); // 5.1 s after the second
      expect(typists()).toEqual([]);
    });

    it('clears the typing line of the sender of a message', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('typing', { group: 'general', user: bob });
      t.socket().emit('typing', { group: 'general', user: carol });
      t.socket().emit('message', msg(4, bob));
      expect(typists()).toEqual(['u-carol']);
    });

    it('sends typing at most every 3 s, and again right after a message', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      activity().typing('general');
      activity().typing('general');
      expect(t.sentFrames('typing')).toHaveLength(1);
      jest.advanceTimersByTime(3_000);
      activity().typing('general');
      expect(t.sentFrames('typing')).toHaveLength(2);
      t.chat.send('done');
      activity().typing('general');
      expect(t.sentFrames('typing')).toHaveLength(3);
    });
  });

  describe('members', () => {
    it('follow presence, and joins and leaves of others with a notice each', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      const online = () => activity().of('general').members?.map((member) => [member.id, member.online]);
      expect(online()).toEqual([['u-me', true], ['u-bob', false]]);
      t.socket().emit('presence', { user: bob, online: true });
      expect(online()).toEqual([['u-me', true], ['u-bob', true]]);
      t.socket().emit('member', { group: 'general', user: carol, joined: true });
      t.socket().emit('member', { group: 'general', user: bob, joined: false });
      expect(online()).toEqual([['u-me', true], ['u-carol', true]]);
      expect(activity().of('general').notices.map((notice) => [notice.user.id, notice.joined])).toEqual([['u-carol', true], ['u-bob', false]]);
    });

    it('leave my own joins and leaves to the group list', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('member', { group: 'general', user: meInPublic, joined: false });
      t.expectGroupsList().flush(t.groupsOnServer);
      expect(activity().of('general').notices).toEqual([]);
    });
  });
});
