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
import { DmsService } from './dms.service';

/** The in-memory store behind the service; the e2e suite runs the same rules on PostgreSQL. */
describe(DmsService.name, () => {
  let dms: DmsService;
  let groups: GroupsService;
  let messages: MessagesService;
  let access: MemberAccess;
  let events: LiveEvent[];
  let ana: UserRecord;
  let ben: UserRecord;
  let cid: UserRecord;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({})), StorageModule, EventsModule],
      providers: [DmsService, GroupsService, MessagesService, UserDirectory, MemberAccess, MetricsService],
    }).compile();
    dms = moduleRef.get(DmsService);
    groups = moduleRef.get(GroupsService);
    messages = moduleRef.get(MessagesService);
    access = moduleRef.get(MemberAccess);
    const users = moduleRef.get(UsersRepository);
    const user = async (name: string) => (await users.create({ email: `${name}@example.com`, displayName: name, passwordHash: 'x' })) as UserRecord;
    [ana, ben, cid] = [await user('Ana'), await user('Ben'), await user('Cid')];
    await groups.create(ana, 'General');
    await groups.join(ben, 'General');
    await groups.join(cid, 'General');
    events = [];
    moduleRef.get(LiveEvents).subscribe((event) => events.push(event));
  });

  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as DomainError);
  const publicUser = (user: UserRecord) => ({ id: user.id, displayName: user.displayName });

  describe('open', () => {
    it('creates one dm per pair: the opener first, both members, announced once to the two', async () => {
      const first = await dms.open(ana, ben.id);
      expect(first).toEqual({
        created: true,
        dm: {
          name: expect.stringMatching(/^@[a-z2-7]{26}$/),
          kind: 'dm',
          createdAt: expect.any(String),
          createdBy: publicUser(ana),
          memberCount: 2,
          joined: true,
          lastSeq: 0,
          lastRev: 0,
          readSeq: 0,
          unread: 0,
          mentionUnread: 0,
          members: [publicUser(ana), publicUser(ben)],
        },
      });
      const again = await dms.open(ben, ana.id);
      expect(again).toEqual({ created: false, dm: first.dm });
      expect(events).toEqual([{ type: 'dm', groupKey: first.dm.name, dm: first.dm, memberIds: [ana.id, ben.id] }]);
    });

    it('refuses yourself (invalid), an unknown user (not_found) and a stranger (forbidden)', async () => {
      expect(await refusal(dms.open(ana, ana.id))).toMatchObject({ code: 'invalid' });
      expect(await refusal(dms.open(ana, 'no-such-user'))).toMatchObject({ code: 'not_found' });
      await groups.leave(cid, 'General');
      expect(await refusal(dms.open(ana, cid.id))).toMatchObject({ code: 'forbidden' });
      expect(events.filter((event) => event.type === 'dm')).toEqual([]);
    });

    it('does not count a dm as a shared group, but keeps a dm that exists when the two stop sharing one', async () => {
      const { dm } = await dms.open(ana, ben.id);
      await groups.leave(ben, 'General');
      expect(await dms.open(ben, ana.id)).toEqual({ created: false, dm: expect.objectContaining({ name: dm.name }) });
      await groups.leave(cid, 'General');
      expect(await refusal(dms.open(ben, cid.id))).toMatchObject({ code: 'forbidden' });
    });
  });

  describe('list', () => {
    it("lists the caller's dms, newest activity first, with the caller's unread count", async () => {
      const withBen = (await dms.open(ana, ben.id)).dm;
      const withCid = (await dms.open(cid, ana.id)).dm;
      expect((await dms.list(ana.id)).map((dm) => dm.name)).toEqual([withCid.name, withBen.name]);
      await messages.send(ben, withBen.name, 'hi Ana', 'c1');
      const [first, second] = await dms.list(ana.id);
      expect(first).toMatchObject({ name: withBen.name, lastSeq: 1, unread: 1, members: [publicUser(ana), publicUser(ben)] });
      expect(second).toMatchObject({ name: withCid.name, createdBy: publicUser(cid), members: [publicUser(cid), publicUser(ana)] });
      expect((await dms.list(ben.id)).map((dm) => dm.name)).toEqual([withBen.name]);
    });
  });

  describe('a dm seen from outside and inside', () => {
    it('is never in GET /api/groups, and does not exist for a third user', async () => {
      const { dm } = await dms.open(ana, ben.id);
      expect((await groups.list(ana.id)).map((group) => [group.name, group.kind])).toEqual([['General', 'group']]);
      for (const attempt of [
        groups.detail(cid.id, dm.name),
        groups.join(cid, dm.name),
        groups.leave(cid, dm.name),
        access.memberGroup(cid.id, dm.name),
        messages.send(cid, dm.name, 'hello?', 'c1'),
      ]) {
        expect(await refusal(attempt)).toMatchObject({ code: 'not_found', message: `Group "${dm.name}" does not exist` });
      }
      expect(await access.nonMemberRefusal(dm.name)).toMatchObject({ code: 'not_found' });
      expect(await access.nonMemberRefusal('General')).toMatchObject({ code: 'forbidden' });
    });

    it('cannot be joined or left by its members, and shows them with presence', async () => {
      const { dm } = await dms.open(ana, ben.id);
      expect(await refusal(groups.join(ben, dm.name))).toMatchObject({ code: 'forbidden' });
      expect(await refusal(groups.leave(ana, dm.name))).toMatchObject({ code: 'forbidden' });
      expect(await groups.detail(ben.id, dm.name)).toMatchObject({
        kind: 'dm',
        memberCount: 2,
        members: [{ ...publicUser(ana), online: false }, { ...publicUser(ben), online: false }],
      });
      expect(events.filter((event) => event.type === 'member')).toEqual([]);
    });
  });
});
