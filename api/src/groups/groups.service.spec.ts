import { Test } from '@nestjs/testing';
import { loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DomainError } from '../common/errors/domain-error';
import type { LiveEvent } from '../events/live-event';
import { LiveEvents } from '../events/live-events';
import { EventsModule } from '../events/events.module';
import { PresenceRepository } from '../storage/presence.repository';
import type { UserRecord } from '../storage/records';
import { StorageModule } from '../storage/storage.module';
import { UsersRepository } from '../storage/users.repository';
import { GroupsService } from './groups.service';
import { MessagesService } from '../messages/messages.service';
import { MemberAccess } from './member-access';
import { UserDirectory } from './user-directory';
import { MetricsService } from '../metrics/metrics.service';

describe(GroupsService.name, () => {
  let groups: GroupsService;
  let messages: MessagesService;
  let presence: PresenceRepository;
  let events: LiveEvent[];
  let ana: UserRecord;
  let ben: UserRecord;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({})), StorageModule, EventsModule],
      providers: [GroupsService, MessagesService, UserDirectory, MemberAccess, MetricsService],
    }).compile();
    groups = moduleRef.get(GroupsService);
    messages = moduleRef.get(MessagesService);
    presence = moduleRef.get(PresenceRepository);
    const users = moduleRef.get(UsersRepository);
    ana = (await users.create({ email: 'ana@example.com', displayName: 'Ana', passwordHash: 'x' })) as UserRecord;
    ben = (await users.create({ email: 'ben@example.com', displayName: 'Ben', passwordHash: 'x' })) as UserRecord;
    events = [];
    moduleRef.get(LiveEvents).subscribe((event) => events.push(event));
  });

  /** How anyone but Ana sees her: no email. */
  const publicAna = () => ({ id: ana.id, displayName: ana.displayName });
  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as DomainError);

  describe('create', () => {
    it('returns the group with the creator as its first member and announces it', async () => {
      const group = await groups.create(ana, 'General');
      expect(group).toEqual({
        name: 'General',
        kind: 'group',
        createdAt: expect.any(String),
        createdBy: publicAna(),
        memberCount: 1,
        joined: true,
        lastSeq: 0,
        lastRev: 0,
        readSeq: 0,
        unread: 0,
        mentionUnread: 0,
      });
      expect(events).toEqual([
        {
          type: 'group',
          groupKey: 'general',
          creatorId: ana.id,
          creatorView: group,
          group: { ...group, joined: false, readSeq: undefined, unread: undefined, mentionUnread: undefined },
        },
      ]);
      const [{ group: othersView }] = events as Array<Extract<LiveEvent, { type: 'group' }>>;
      expect(othersView).not.toHaveProperty('readSeq');
    });

    it('refuses a name taken in any case with conflict, announcing nothing', async () => {
      await groups.create(ana, 'General');
      events.length = 0;
      expect(await refusal(groups.create(ben, 'gENERAL'))).toMatchObject({ code: 'conflict' });
      expect(events).toEqual([]);
    });
  });

  describe('list', () => {
    it('lists every group, with joined, readSeq and unread for the caller', async () => {
      await groups.create(ana, 'General');
      await groups.create(ben, 'Random');
      await messages.send(ana, 'General', 'one', 'c1');
      await messages.send(ana, 'General', 'two', 'c2');
      await groups.join(ben, 'general');
      await messages.send(ana, 'General', 'three', 'c3');

      const forBen = await groups.list(ben.id);
      expect(forBen.map(({ name, joined, lastSeq, readSeq, unread }) => ({ name, joined, lastSeq, readSeq, unread }))).toEqual([
        { name: 'General', joined: true, lastSeq: 3, readSeq: 2, unread: 1 },
        { name: 'Random', joined: true, lastSeq: 0, readSeq: 0, unread: 0 },
      ]);
      const forAna = await groups.list(ana.id);
      expect(forAna[1]).toMatchObject({ name: 'Random', joined: false, memberCount: 1 });
      expect(forAna[1]).not.toHaveProperty('readSeq');
      expect(forAna[1]).not.toHaveProperty('unread');
    });
  });

  describe('join and leave', () => {
    it('joins once: a second join is no error and no second member event', async () => {
      await groups.create(ana, 'General');
      events.length = 0;
      const first = await groups.join(ben, 'GENERAL');
      const second = await groups.join(ben, 'general');
      expect(first).toMatchObject({ name: 'General', joined: true, memberCount: 2 });
      expect(second).toEqual(first);
      expect(events).toEqual([
        { type: 'member', groupKey: 'general', group: 'General', user: { id: ben.id, displayName: 'Ben' }, joined: true, lastSeq: 0, lastRev: 0 },
      ]);
    });

    it('starts the read marker at lastSeq: history from before joining is not unread', async () => {
      await groups.create(ana, 'General');
      await messages.send(ana, 'General', 'before Ben', 'c1');
      expect(await groups.join(ben, 'General')).toMatchObject({ lastSeq: 1, readSeq: 1, unread: 0 });
    });

    it('leaves with one member event; leaving again changes nothing', async () => {
      await groups.create(ana, 'General');
      await groups.join(ben, 'General');
      events.length = 0;
      await groups.leave(ben, 'general');
      await groups.leave(ben, 'general');
      expect(events).toEqual([expect.objectContaining({ type: 'member', user: expect.objectContaining({ id: ben.id }), joined: false })]);
      expect(await groups.detail(ben.id, 'General')).toMatchObject({ joined: false, memberCount: 1 });
      expect(await refusal(messages.send(ben, 'General', 'hi', 'c1'))).toMatchObject({ code: 'forbidden' });
    });

    it('refuses an unknown group with not_found', async () => {
      expect(await refusal(groups.join(ben, 'nowhere'))).toMatchObject({ code: 'not_found' });
      expect(await refusal(groups.leave(ben, 'nowhere'))).toMatchObject({ code: 'not_found' });
    });
  });

  describe('detail', () => {
    it('lists the members in join order with whether they are online', async () => {
      await groups.create(ana, 'General');
      await groups.join(ben, 'General');
      await presence.connect(ben.id);
      const detail = await groups.detail(ana.id, 'general');
      expect(detail).toMatchObject({ name: 'General', createdBy: publicAna(), memberCount: 2, joined: true });
      expect(detail.members).toEqual([
        { ...publicAna(), online: false },
        { id: ben.id, displayName: 'Ben', online: true },
      ]);
    });

    it('shows a non-member the group without a read marker, members or presence, and reads no presence for it', async () => {
      await groups.create(ana, 'General');
      await presence.connect(ana.id);
      const online = jest.spyOn(presence, 'online');
      const detail = await groups.detail(ben.id, 'General');
      expect(detail).toEqual({ name: 'General', kind: 'group', createdAt: expect.any(String), createdBy: publicAna(), memberCount: 1, joined: false, lastSeq: 0, lastRev: 0 });
      expect(online).not.toHaveBeenCalled();
    });

    it('refuses an unknown group with not_found', async () => {
      expect(await refusal(groups.detail(ana.id, 'nowhere'))).toMatchObject({ code: 'not_found' });
    });
  });
});
