import { TestBed } from '@angular/core/testing';
import { bob, changes, me, meInPublic, msg, range, settle, useChatHarness } from '../../testing/chat-harness';
import { NoticesStore } from './notices.store';
import { OutboxStore } from './outbox.store';
import { MessageActions } from './message-actions.store';
import { REPLY_GONE, SendQueue } from './send-queue.store';
import { TimelineStore } from './timeline.store';

describe(SendQueue.name, () => {
  const t = useChatHarness();
  const queue = () => TestBed.inject(SendQueue);
  const outgoing = () => queue().forGroup('general');
  const seqs = () => TestBed.inject(TimelineStore).of('general')?.messages.map((m) => m.seq) ?? null;

  async function openGeneral(): Promise<void> {
    await t.start();
    await t.ready();
    await t.open('general', range(1, 3));
  }

  describe('sending', () => {
    it('sends the message with its clientMsgId and keeps it until its echo', async () => {
      await openGeneral();
      t.chat.send('hello');
      const [frame] = t.sentFrames('send');
      expect(frame.data).toMatchObject({ group: 'general', text: 'hello' });
      const clientMsgId = t.sentId();
      expect(outgoing().map((item) => item.clientMsgId)).toEqual([clientMsgId]);

      t.socket().emit('message', { ...msg(4, meInPublic), text: 'hello', clientMsgId });
      expect(outgoing()).toEqual([]);
      expect(TestBed.inject(OutboxStore).items()).toEqual([]);
      expect(seqs()).toEqual([1, 2, 3, 4]);
    });

    it('keeps each group its own messages, matching the name regardless of case', async () => {
      await openGeneral();
      queue().send('General', 'one');
      queue().send('random', 'two');
      expect(queue().forGroup('general').map((item) => item.text)).toEqual(['one']);
      expect(queue().forGroup('RANDOM').map((item) => item.text)).toEqual(['two']);
    });

    it('does not take the echo of someone else as mine', async () => {
      await openGeneral();
      t.chat.send('hello');
      t.socket().emit('message', { ...msg(4, bob), clientMsgId: t.sentId() });
      expect(outgoing()).toHaveLength(1);
    });

    it('takes my message in a catch-up page as its echo', async () => {
      await openGeneral();
      t.socket().drop();
      t.chat.send('while away');
      const clientMsgId = outgoing()[0].clientMsgId;
      jest.advanceTimersByTime(500);
      await t.ready();
      t.expectChanges('general', 3).flush(changes([{ ...msg(4, meInPublic), clientMsgId }]));
      await settle();
      expect(outgoing()).toEqual([]);
    });

    it('keeps a message written while reconnecting and sends it as soon as ready arrives', async () => {
      await openGeneral();
      t.socket().drop();
      t.chat.send('while away');
      expect(t.sentFrames('send')).toEqual([]);
      jest.advanceTimersByTime(500);
      await t.ready();
      // At once, without waiting for the catch-up: the server dedupes by clientMsgId.
      expect(t.sentFrames('send').map((frame) => frame.data['text'])).toEqual(['while away']);
      t.expectChanges('general', 3).flush(changes([], 3));
      await settle();
      expect(t.socket().sent.map((frame) => frame.event)).toEqual(['send']);
    });

    it('resends, with the same clientMsgId, what a reload left in the outbox', async () => {
      const left = TestBed.inject(OutboxStore).add('random', 'from before the reload');
      await t.start();
      await t.ready();
      expect(t.sentFrames('send')).toEqual([{ event: 'send', data: { group: 'random', text: 'from before the reload', clientMsgId: left.clientMsgId } }]);
    });

    it('still sends the outbox after ready when the groups refresh fails (a server just restarted)', async () => {
      await t.start();
      await t.ready();
      t.socket().drop();
      TestBed.inject(OutboxStore).add('general', 'while away');
      jest.advanceTimersByTime(500);
      t.socket().accept();
      t.socket().emit('ready', { user: me, groups: ['general', 'random'] });
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        t.expectGroupsList().flush({ statusCode: 503, message: 'Service Unavailable' }, { status: 503, statusText: 'Service Unavailable' });
        await settle();
        jest.useRealTimers();
        await new Promise((resolve) => setTimeout(resolve, 10));
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(t.sentFrames('send').map((frame) => frame.data['text'])).toEqual(['while away']);
      expect(unhandled).toEqual([]);
    });

    it('resends on every reconnect until the echo arrives', async () => {
      await openGeneral();
      t.chat.send('hello');
      const clientMsgId = t.sentId();
      t.reconnect();
      await t.ready();
      t.expectChanges('general', 3).flush(changes([], 3));
      await settle();
      expect(t.sentFrames('send').map((frame) => frame.data['clientMsgId'])).toEqual([clientMsgId, clientMsgId]);
      t.socket().emit('message', { ...msg(4, meInPublic), clientMsgId });
      t.reconnect();
      await t.ready();
      t.expectChanges('general', 4).flush(changes([], 4));
      await settle();
      expect(t.sentFrames('send')).toHaveLength(2);
    });
  });

  describe('error events', () => {
    it('marks the message named by clientMsgId as failed and does not resend it', async () => {
      await openGeneral();
      t.chat.send('x'.repeat(10));
      const clientMsgId = t.sentId();
      t.socket().emit('error', { code: 'forbidden', message: 'You are not a member of this group.', clientMsgId });
      expect(outgoing()).toEqual([expect.objectContaining({ clientMsgId, error: 'You are not a member of this group.' })]);
      expect(TestBed.inject(NoticesStore).all()).toEqual([]);
      t.reconnect();
      await t.ready();
      t.expectChanges('general', 3).flush(changes([], 3));
      await settle();
      expect(t.sentFrames('send')).toHaveLength(1);
    });

    it('sends a failed message again on retry, and forgets it on discard', async () => {
      await openGeneral();
      t.chat.send('one');
      t.chat.send('two');
      const [one, two] = [t.sentId(0), t.sentId(1)];
      t.socket().emit('error', { code: 'bad_request', message: 'Invalid.', clientMsgId: one });
      t.socket().emit('error', { code: 'bad_request', message: 'Invalid.', clientMsgId: two });
      queue().retry(one);
      expect(t.sentFrames('send').map((frame) => frame.data['clientMsgId'])).toEqual([one, two, one]);
      queue().discard(two);
      expect(outgoing().map((item) => [item.clientMsgId, item.error])).toEqual([[one, undefined]]);
    });

    it('sends a rate-limited message again a second later', async () => {
      await openGeneral();
      t.chat.send('hi');
      t.socket().emit('error', { code: 'rate_limited', message: 'Slow down.', clientMsgId: t.sentId() });
      expect(outgoing()[0].error).toBeUndefined();
      jest.advanceTimersByTime(999);
      expect(t.sentFrames('send')).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(t.sentFrames('send')).toHaveLength(2);
    });

    it('keeps an unavailable message as "Sending…" and sends it again, same clientMsgId, waiting longer each time', async () => {
      await openGeneral();
      t.chat.send('hi');
      const clientMsgId = t.sentId();
      t.socket().emit('error', { code: 'unavailable', message: 'Try again shortly.', clientMsgId });
      expect(outgoing()[0].error).toBeUndefined();
      expect(TestBed.inject(NoticesStore).all()).toEqual([]);
      jest.advanceTimersByTime(1999);
      expect(t.sentFrames('send')).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(t.sentFrames('send').map((frame) => frame.data['clientMsgId'])).toEqual([clientMsgId, clientMsgId]);
      t.socket().emit('error', { code: 'unavailable', message: 'Try again shortly.', clientMsgId });
      jest.advanceTimersByTime(3999);
      expect(t.sentFrames('send')).toHaveLength(2);
      jest.advanceTimersByTime(1);
      expect(t.sentFrames('send')).toHaveLength(3);
      expect(outgoing()[0].error).toBeUndefined();
    });

    it('waits at most 30 s between resends of an unavailable message, and stops once it is echoed', async () => {
      await openGeneral();
      t.chat.send('hi');
      const clientMsgId = t.sentId();
      for (const wait of [2_000, 4_000, 8_000, 16_000, 30_000, 30_000]) {
        t.socket().emit('error', { code: 'unavailable', message: 'Try again shortly.', clientMsgId });
        const before = t.sentFrames('send').length;
        jest.advanceTimersByTime(wait - 1);
        expect(t.sentFrames('send')).toHaveLength(before);
        jest.advanceTimersByTime(1);
        expect(t.sentFrames('send')).toHaveLength(before + 1);
      }
      t.socket().emit('error', { code: 'unavailable', message: 'Try again shortly.', clientMsgId });
      t.socket().emit('message', { ...msg(4, meInPublic), clientMsgId });
      const sent = t.sentFrames('send').length;
      jest.advanceTimersByTime(60_000);
      expect(t.sentFrames('send')).toHaveLength(sent);
      expect(outgoing()).toEqual([]);
    });
  });

  describe('replies', () => {
    it('send replyTo with the message, and again on a resend', async () => {
      await openGeneral();
      TestBed.inject(MessageActions).replyTo('general', 2);
      t.chat.send('an answer');
      expect(t.sentFrames('send')[0].data).toEqual({ group: 'general', text: 'an answer', clientMsgId: t.sentId(), replyTo: 2 });
      // The composer is done with it: the next message is no reply.
      t.chat.send('plain');
      expect(t.sentFrames('send')[1].data['replyTo']).toBeUndefined();
      t.reconnect();
      await t.ready();
      t.expectChanges('general', 3).flush(changes([], 3));
      await settle();
      expect(t.sentFrames('send').slice(2).map((frame) => frame.data['replyTo'])).toEqual([2, undefined]);
    });

    it('keep the text when the original is gone (not_found), and a retry sends it without the quote', async () => {
      await openGeneral();
      TestBed.inject(MessageActions).replyTo('general', 2);
      t.chat.send('an answer');
      const clientMsgId = t.sentId();
      t.socket().emit('error', { code: 'not_found', message: 'No such message.', clientMsgId });
      expect(outgoing()).toEqual([expect.objectContaining({ clientMsgId, text: 'an answer', error: REPLY_GONE })]);
      expect(outgoing()[0].replyTo).toBeUndefined();
      queue().retry(clientMsgId);
      expect(t.sentFrames('send')[1].data).toEqual({ group: 'general', text: 'an answer', clientMsgId });
    });
  });
});
