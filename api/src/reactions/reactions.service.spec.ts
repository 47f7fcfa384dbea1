import { Test } from '@nestjs/testing';
import { DomainError } from '../common/errors/domain-error';
import { loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import type { LiveEvent } from '../events/live-event';
import { EventsModule } from '../events/events.module';
import { LiveEvents } from '../events/live-events';
import { GroupsService } from '../groups/groups.service';
import { MemberAccess } from '../groups/member-access';
import { UserDirectory } from '../groups/user-directory';
import { MessagesService } from '../messages/messages.service';
import { MetricsService } from '../metrics/metrics.service';
import type { UserRecord } from '../storage/records';
import { StorageModule } from '../storage/storage.module';
import { UsersRepository } from '../storage/users.repository';
import { ReactionsService } from './reactions.service';

/** Reactions and mentions on the in-memory store (the contract e2e runs the same rules on PostgreSQL). */
describe(ReactionsService.name, () => {
  let reactions: ReactionsService;
  let messages: MessagesService;
  let groups: GroupsService;
  let events: LiveEvent[];
  let ana: UserRecord;
  let ben: UserRecord;
  let cleo: UserRecord;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({})), StorageModule, EventsModule],
      providers: [GroupsService, MessagesService, ReactionsService, UserDirectory, MemberAccess, MetricsService],
    }).compile();
    reactions = moduleRef.get(ReactionsService);
    messages = moduleRef.get(MessagesService);
    groups = moduleRef.get(GroupsService);
    const users = moduleRef.get(UsersRepository);
    const create = async (name: string) => (await users.create({ email: `${name}@example.com`, displayName: name, passwordHash: 'x' })) as UserRecord;
    [ana, ben, cleo] = [await create('ana'), await create('ben'), await create('cleo')];
    await groups.create(ana, 'General');
    await groups.join(ben, 'General');
    await messages.send(ana, 'General', 'hello', 'c1');
    events = [];
    moduleRef.get(LiveEvents).subscribe((event) => events.push(event));
  });

  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => (error as DomainError).code);
  const shownTo = async (user: UserRecord) => (await messages.history(user.id, 'General', {}))[0];
  const published = () => events.flatMap((event) => (event.type === 'change' ? [event.change] : []));

  it('takes a rev per change and publishes the reaction with the count after it; repeats change nothing', async () => {
    await reactions.add(ana, 'General', 1, '👍');
    await reactions.add(ana, 'General', 1, '👍');
    await reactions.add(ben, 'General', 1, '👍');
    await reactions.remove(cleo, 'general', 1, '👍').catch(() => undefined);
    await reactions.remove(ben, 'General', 1, '👍');
    await reactions.remove(ben, 'General', 1, '👍');
    expect(published().map(({ data }) => data)).toEqual([
      { group: 'General', seq: 1, rev: 2, emoji: '👍', user: { id: ana.id, displayName: 'ana' }, added: true, count: 1 },
      { group: 'General', seq: 1, rev: 3, emoji: '👍', user: { id: ben.id, displayName: 'ben' }, added: true, count: 2 },
      { group: 'General', seq: 1, rev: 4, emoji: '👍', user: { id: ben.id, displayName: 'ben' }, added: false, count: 1 },
    ]);
    expect(await shownTo(ana)).toMatchObject({ rev: 4, reactions: [{ emoji: '👍', count: 1, me: true }] });
    expect(await shownTo(ben)).toMatchObject({ rev: 4, reactions: [{ emoji: '👍', count: 1, me: false }] });
  });

  it('orders emoji by when each last went from none to one; one still held keeps its place', async () => {
    await reactions.add(ana, 'General', 1, '👍');
    await reactions.add(ben, 'General', 1, '❤️');
    await reactions.add(ben, 'General', 1, '👍');
    await reactions.remove(ana, 'General', 1, '👍');
    expect((await shownTo(ana)).reactions.map((r) => r.emoji)).toEqual(['👍', '❤️']);
    await reactions.remove(ben, 'General', 1, '👍');
    await reactions.add(ana, 'General', 1, '👍');
    expect((await shownTo(ana)).reactions.map((r) => r.emoji)).toEqual(['❤️', '👍']);
  });

  it('refuses a 21st emoji with conflict, while one of the 20 still works', async () => {
    const twenty = ['😀', '😁', '😂', '😃', '😄', '😅', '😆', '😇', '😈', '😉', '😊', '😋', '😌', '😍', '😎', '😏', '😐', '😑', '😒', '😓'];
    for (const emoji of twenty) await reactions.add(ana, 'General', 1, emoji);
    expect(await refusal(reactions.add(ana, 'General', 1, '👍'))).toBe('conflict');
    await reactions.add(ben, 'General', 1, '😀');
    expect((await shownTo(ben)).reactions[0]).toEqual({ emoji: '😀', count: 2, me: true });
  });

  it('refuses in the contract order: 404 group, 403 member, 404 message or deleted', async () => {
    expect(await refusal(reactions.add(ana, 'Nowhere', 1, '👍'))).toBe('not_found');
    expect(await refusal(reactions.add(cleo, 'General', 1, '👍'))).toBe('forbidden');
    expect(await refusal(reactions.add(ana, 'General', 2, '👍'))).toBe('not_found');
    await reactions.add(ben, 'General', 1, '👍');
    await messages.remove(ana, 'General', 1);
    expect(await refusal(reactions.remove(ben, 'General', 1, '👍'))).toBe('not_found');
    expect(await shownTo(ben)).toMatchObject({ deleted: true, reactions: [] });
  });

  it('lists who reacted, oldest first, with me for the caller', async () => {
    await reactions.add(ben, 'General', 1, '🎉');
    await reactions.add(ana, 'General', 1, '🎉');
    expect(await reactions.list(ana.id, 'General', 1)).toEqual([
      { emoji: '🎉', count: 2, me: true, users: [{ id: ben.id, displayName: 'ben' }, { id: ana.id, displayName: 'ana' }] },
    ]);
    expect(await refusal(reactions.list(cleo.id, 'General', 1))).toBe('forbidden');
  });

  describe('mentions', () => {
    const mentionUnread = async (user: UserRecord) => (await groups.detail(user.id, 'General')).mentionUnread;

    it('keeps members but the sender, in order, and counts them for mentionUnread until read', async () => {
      const { message } = await messages.send(ana, 'General', `<@${cleo.id}> <@${ben.id}> <@${ana.id}> <@${ben.id}>`, 'c2');
      expect(message.mentions).toEqual([ben.id]);
      expect(await mentionUnread(ben)).toBe(1);
      await messages.markRead(ben, 'General', 2);
      expect(await mentionUnread(ben)).toBe(0);
    });

    it('follows edits and deletes of an unread message; a reply mentions the replied-to sender first', async () => {
      await messages.send(ana, 'General', 'no one', 'c2');
      expect(await mentionUnread(ben)).toBe(0);
      await messages.edit(ana, 'General', 2, `now <@${ben.id}>`);
      expect(await mentionUnread(ben)).toBe(1);
      await messages.remove(ana, 'General', 2);
      expect(await mentionUnread(ben)).toBe(0);
      await groups.join(cleo, 'General');
      const { message } = await messages.send(ben, 'General', `<@${cleo.id}> agreed`, 'c3', 1);
      expect(message.mentions).toEqual([ana.id, cleo.id]);
      expect(await mentionUnread(ana)).toBe(1);
    });
  });
});
