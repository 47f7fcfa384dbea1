import { Test } from '@nestjs/testing';
import type { DomainError } from '../common/errors/domain-error';
import { loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DmsService } from '../dms/dms.service';
import { EventsModule } from '../events/events.module';
import { GroupsService } from '../groups/groups.service';
import { MemberAccess } from '../groups/member-access';
import { UserDirectory } from '../groups/user-directory';
import { MessagesService } from '../messages/messages.service';
import { MetricsService } from '../metrics/metrics.service';
import type { UserRecord } from '../storage/records';
import { StorageModule } from '../storage/storage.module';
import { UsersRepository } from '../storage/users.repository';
import { SearchService } from './search.service';

/** The rule on the in-memory store; the e2e suite runs it on both stores over HTTP. */
describe(SearchService.name, () => {
  let search: SearchService;
  let groups: GroupsService;
  let messages: MessagesService;
  let dms: DmsService;
  let ana: UserRecord;
  let ben: UserRecord;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({})), StorageModule, EventsModule],
      providers: [SearchService, GroupsService, MessagesService, DmsService, UserDirectory, MemberAccess, MetricsService],
    }).compile();
    search = moduleRef.get(SearchService);
    groups = moduleRef.get(GroupsService);
    messages = moduleRef.get(MessagesService);
    dms = moduleRef.get(DmsService);
    const users = moduleRef.get(UsersRepository);
    ana = (await users.create({ email: 'ana@example.com', displayName: 'Ana', passwordHash: 'x' })) as UserRecord;
    ben = (await users.create({ email: 'ben@example.com', displayName: 'Ben', passwordHash: 'x' })) as UserRecord;
    await groups.create(ana, 'General');
    await groups.join(ben, 'General');
  });

  const texts = async (userId: string, q: string, extra: { group?: string; before?: string; limit?: number } = {}) =>
    (await search.find(userId, { q, ...extra })).results.map((message) => message.text);
  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as DomainError);

  it('finds every word and phrase as a case-insensitive substring, newest first', async () => {
    await messages.send(ana, 'General', 'The Conference is in Ärhus', 'c1');
    await messages.send(ben, 'General', 'conference call at noon', 'c2');
    await messages.send(ana, 'General', 'noon conference? no', 'c3');
    expect(await texts(ben.id, 'CONF')).toEqual(['noon conference? no', 'conference call at noon', 'The Conference is in Ärhus']);
    expect(await texts(ben.id, 'ärhus conf')).toEqual(['The Conference is in Ärhus']);
    expect(await texts(ben.id, '"at noon"')).toEqual(['conference call at noon']);
    expect(await texts(ben.id, '"noon conference"')).toEqual(['noon conference? no']);
  });

  it('finds the current text only, never a deleted message', async () => {
    const { message } = await messages.send(ana, 'General', 'draft wording', 'c1');
    await messages.send(ana, 'General', 'to be deleted wording', 'c2');
    await messages.edit(ana, 'General', message.seq, 'final text');
    await messages.remove(ana, 'General', 2);
    expect(await texts(ana.id, 'wording')).toEqual([]);
    expect(await texts(ana.id, 'final')).toEqual(['final text']);
  });

  it('pages with a cursor, without repeats or gaps while messages arrive', async () => {
    for (let i = 1; i <= 5; i++) await messages.send(ana, 'General', `item ${i}`, `c${i}`);
    const first = await search.find(ana.id, { q: 'item', limit: 2 });
    await messages.send(ana, 'General', 'item 6', 'c6');
    const second = await search.find(ana.id, { q: 'item', limit: 2, before: first.next as string });
    const third = await search.find(ana.id, { q: 'item', limit: 2, before: second.next as string });
    expect([first, second, third].map((page) => page.results.map((m) => m.text))).toEqual([['item 5', 'item 4'], ['item 3', 'item 2'], ['item 1']]);
    expect(third.next).toBeNull();
    expect(await refusal(search.find(ana.id, { q: 'item', before: 'not-a-cursor' }))).toMatchObject({ code: 'invalid' });
  });

  it('searches the groups and dms of the caller now, or one of them', async () => {
    await messages.send(ana, 'General', 'secret plan in general', 'c1');
    const { dm } = await dms.open(ana, ben.id);
    await new Promise((resolve) => setTimeout(resolve, 2)); // newer by the clock: the same millisecond would order by seq, then name
    await messages.send(ana, dm.name, 'secret plan in our dm', 'c2');
    expect(await texts(ben.id, 'secret')).toEqual(['secret plan in our dm', 'secret plan in general']);
    expect(await texts(ben.id, 'secret', { group: dm.name })).toEqual(['secret plan in our dm']);
    await groups.leave(ben, 'General');
    expect(await texts(ben.id, 'secret')).toEqual(['secret plan in our dm']);
    expect(await refusal(search.find(ben.id, { q: 'secret', group: 'General' }))).toMatchObject({ code: 'forbidden' });
    expect(await refusal(search.find(ben.id, { q: 'secret', group: 'Nowhere' }))).toMatchObject({ code: 'not_found' });
  });

  it('shows each result in its group with reactions for the caller', async () => {
    const { message } = await messages.send(ana, 'General', 'find me', 'c1');
    const [result] = (await search.find(ben.id, { q: 'find' })).results;
    expect(result).toEqual({ ...message, reactions: [] });
    expect(result.group).toBe('General');
  });
});
