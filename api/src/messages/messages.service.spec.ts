import { Test } from '@nestjs/testing';
import { loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DomainError } from '../common/errors/domain-error';
import type { LiveEvent } from '../events/live-event';
import { EventsModule } from '../events/events.module';
import { LiveEvents } from '../events/live-events';
import type { UserRecord } from '../storage/records';
import { StorageModule } from '../storage/storage.module';
import { UsersRepository } from '../storage/users.repository';
import { GroupsService } from '../groups/groups.service';
import { MessagesService } from './messages.service';
import { MemberAccess } from '../groups/member-access';
import { UserDirectory } from '../groups/user-directory';
import { MetricsService } from '../metrics/metrics.service';

describe(MessagesService.name, () => {
  let messages: MessagesService;
  let groups: GroupsService;
  let events: LiveEvent[];
  let ana: UserRecord;
  let ben: UserRecord;
  let cleo: UserRecord;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({})), StorageModule, EventsModule],
      providers: [GroupsService, MessagesService, UserDirectory, MemberAccess, MetricsService],
    }).compile();
    messages = moduleRef.get(MessagesService);
    groups = moduleRef.get(GroupsService);
    const users = moduleRef.get(UsersRepository);
    const create = async (name: string) => (await users.create({ email: `${name}@example.com`, displayName: name, passwordHash: 'x' })) as UserRecord;
    [ana, ben, cleo] = [await create('ana'), await create('ben'), await create('cleo')];
    await groups.create(ana, 'General');
    await groups.join(ben, 'General');
    events = [];
    moduleRef.get(LiveEvents).subscribe((event) => events.push(event));
  });

  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as DomainError);
  const sendMany = async (count: number) => {
    for (let i = 1; i <= count; i++) await messages.send(i % 2 ? ana : ben, 'General', `m${i}`, `c${i}`);
  };
  const seqs = (page: Array<{ seq: number }>) => page.map((message) => message.seq);
  const readSeq = async (user: UserRecord) => (await groups.detail(user.id, 'General')).readSeq;

  describe('send', () => {
    it('numbers messages 1..N and delivers each once', async () => {
      const first = await messages.send(ana, 'general', 'hello', 'c1');
      const second = await messages.send(ben, 'General', 'hi', 'c2');
      expect(first).toEqual({
        created: true,
        message: {
          id: expect.any(String),
          group: 'General',
          seq: 1,
          rev: 1,
          sender: { id: ana.id, displayName: 'ana' },
          text: 'hello',
          createdAt: expect.any(String),
          clientMsgId: 'c1',
          editedAt: null,
          deleted: false,
          replyTo: null,
          mentions: [],
          reactions: [],
        },
      });
      expect(second.message.seq).toBe(2);
      expect(events).toEqual([
        { type: 'change', groupKey: 'general', change: { event: 'message', data: first.message } },
        { type: 'change', groupKey: 'general', change: { event: 'message', data: second.message } },
      ]);
    });

    it('stores a repeated clientMsgId once: the same message, created false, no second event', async () => {
      const first = await messages.send(ana, 'General', 'hello', 'c1');
      const repeat = await messages.send(ana, 'General', 'hello again', 'c1');
      expect(repeat).toEqual({ created: false, message: first.message });
      expect(events).toHaveLength(1);
      expect(seqs(await messages.history(ana.id, 'General', {}))).toEqual([1]);
    });

    it('treats the same clientMsgId from another user as a new message', async () => {
      await messages.send(ana, 'General', 'hello', 'c1');
      const other = await messages.send(ben, 'General', 'hello', 'c1');
      expect(other).toMatchObject({ created: true, message: { seq: 2 } });
      expect(events).toHaveLength(2);
    });

    it('refuses a non-member with forbidden and an unknown group with not_found', async () => {
      expect(await refusal(messages.send(cleo, 'General', 'hi', 'c1'))).toMatchObject({ code: 'forbidden' });
      expect(await refusal(messages.send(cleo, 'nowhere', 'hi', 'c1'))).toMatchObject({ code: 'not_found' });
      expect(await refusal(messages.typing(cleo, 'General'))).toMatchObject({ code: 'forbidden' });
      expect(await refusal(messages.markRead(cleo, 'General', 1))).toMatchObject({ code: 'forbidden' });
      expect(events).toEqual([]);
    });
  });

  it('publishes typing for members', async () => {
    await messages.typing(ben, 'general');
    expect(events).toEqual([{ type: 'typing', groupKey: 'general', group: 'General', user: { id: ben.id, displayName: 'ben' } }]);
  });

  it('publishes one typing of a burst, per user and group; a non-member is still refused every time', async () => {
    await Promise.all([1, 2, 3].map(() => messages.typing(ben, 'General')));
    await messages.typing(ana, 'General');
    for (let i = 0; i < 3; i++) expect(await refusal(messages.typing(cleo, 'General'))).toMatchObject({ code: 'forbidden' });
    expect(events.map((event) => event.type === 'typing' && event.user.id)).toEqual([ben.id, ana.id]);
  });

  describe('history', () => {
    beforeEach(() => sendMany(7));

    it('with neither bound gives the newest limit, ascending', async () => {
      expect(seqs(await messages.history(ana.id, 'General', {}))).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(seqs(await messages.history(ana.id, 'General', { limit: 3 }))).toEqual([5, 6, 7]);
    });

    it('pages backwards with before', async () => {
      expect(seqs(await messages.history(ana.id, 'General', { before: 5, limit: 2 }))).toEqual([3, 4]);
      expect(seqs(await messages.history(ana.id, 'General', { before: 2, limit: 50 }))).toEqual([1]);
      expect(seqs(await messages.history(ana.id, 'General', { before: 1 }))).toEqual([]);
    });

    it('catches up with after, starting right after it', async () => {
      expect(seqs(await messages.history(ana.id, 'General', { after: 2, limit: 3 }))).toEqual([3, 4, 5]);
      expect(seqs(await messages.history(ana.id, 'General', { after: 5 }))).toEqual([6, 7]);
      expect(seqs(await messages.history(ana.id, 'General', { after: 7 }))).toEqual([]);
      expect(seqs(await messages.history(ana.id, 'General', { after: 0, limit: 1 }))).toEqual([1]);
    });

    it('takes both bounds together', async () => {
      expect(seqs(await messages.history(ana.id, 'General', { after: 2, before: 6 }))).toEqual([3, 4, 5]);
      expect(seqs(await messages.history(ana.id, 'General', { after: 4, before: 5 }))).toEqual([]);
    });

    it('names each message\'s sender', async () => {
      const [first, second] = await messages.history(ben.id, 'General', { limit: 100, after: 0 });
      expect(first.sender.id).toBe(ana.id);
      expect(second.sender.id).toBe(ben.id);
    });

    it('is for members only, and not_found comes before forbidden', async () => {
      expect(await refusal(messages.history(cleo.id, 'General', {}))).toMatchObject({ code: 'forbidden' });
      expect(await refusal(messages.history(cleo.id, 'nowhere', {}))).toMatchObject({ code: 'not_found' });
    });
  });

  describe('read markers', () => {
    it('moves to the seq of each message the user sends', async () => {
      await sendMany(3); // ana sends 1 and 3, ben sends 2
      expect(await readSeq(ana)).toBe(3);
      expect(await readSeq(ben)).toBe(2);
    });

    it('advances, capped at lastSeq, telling the user\'s other connections', async () => {
      await sendMany(3);
      events.length = 0;
      await messages.markRead(ben, 'general', 99, 'tab-1');
      expect(await readSeq(ben)).toBe(3);
      expect(events).toEqual([{ type: 'read', userId: ben.id, group: 'General', seq: 3, originConnectionId: 'tab-1' }]);
    });

    it('does not move back and announces nothing when it did not move', async () => {
      await sendMany(3);
      await messages.markRead(ben, 'General', 3);
      events.length = 0;
      await messages.markRead(ben, 'General', 1);
      await messages.markRead(ben, 'General', 3);
      expect(await readSeq(ben)).toBe(3);
      expect(events).toEqual([]);
    });
  });
  describe('edit, delete and reply (in memory)', () => {
    const changes = async (after = 0) => (await messages.changes(ben.id, 'General', { after })).messages.map((m) => [m.seq, m.rev]);

    it('gives every change the next rev, and changes lists each message once at its latest', async () => {
      await sendMany(3);
      await messages.edit(ana, 'General', 1, 'm1 edited');
      await messages.remove(ana, 'General', 3);
      expect(await changes()).toEqual([[2, 2], [1, 4], [3, 5]]);
      expect(await changes(4)).toEqual([[3, 5]]);
      expect(events.slice(-2).map((event) => event.type === 'change' && event.change.event)).toEqual(['edit', 'delete']);
    });

    it('takes no rev and publishes nothing for the same text or a second delete', async () => {
      await sendMany(1);
      await messages.edit(ana, 'General', 1, 'm1');
      await messages.remove(ana, 'General', 1);
      await messages.remove(ana, 'General', 1);
      expect(await changes()).toEqual([[1, 2]]);
      expect(events).toHaveLength(2);
    });

    it('refuses in the order the contract lists: 404 group, 403 member, 404 message, 403 sender, 409 deleted', async () => {
      await sendMany(1);
      expect((await refusal(messages.edit(ana, 'Nowhere', 1, 'x')))?.code).toBe('not_found');
      expect((await refusal(messages.edit(cleo, 'General', 99, 'x')))?.code).toBe('forbidden');
      expect((await refusal(messages.edit(ana, 'General', 99, 'x')))?.code).toBe('not_found');
      expect((await refusal(messages.remove(ben, 'General', 1)))?.code).toBe('forbidden');
      await messages.remove(ana, 'General', 1);
      expect((await refusal(messages.edit(ana, 'General', 1, 'x')))?.code).toBe('conflict');
    });

    it('reads a reply\'s excerpt when the reply is read: it follows edits and deletes of the original', async () => {
      await messages.send(ana, 'General', 'original', 'o');
      const { message: reply } = await messages.send(ben, 'General', 'answer', 'r', 1);
      expect(reply.replyTo).toEqual({ seq: 1, sender: { id: ana.id, displayName: 'ana' }, excerpt: 'original', deleted: false });
      await messages.edit(ana, 'General', 1, 'changed');
      expect((await messages.history(ben.id, 'General', {}))[1].replyTo?.excerpt).toBe('changed');
      await messages.remove(ana, 'General', 1);
      expect((await messages.history(ben.id, 'General', {}))[1].replyTo).toMatchObject({ excerpt: '', deleted: true });
      expect((await refusal(messages.send(ben, 'General', 'to a tombstone', 'r2', 1)))?.code).toBe('not_found');
      expect((await refusal(messages.send(ben, 'General', 'to nothing', 'r3', 0)))?.code).toBe('not_found');
    });

    it('does not count a deleted unread message as unread', async () => {
      await sendMany(1);
      await messages.send(ana, 'General', 'two', 'c2');
      expect((await groups.detail(ben.id, 'General')).unread).toBe(2);
      await messages.remove(ana, 'General', 2);
      expect(await groups.detail(ben.id, 'General')).toMatchObject({ unread: 1, lastSeq: 2, readSeq: 0 });
    });
  });
});
