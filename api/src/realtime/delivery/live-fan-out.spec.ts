import { WsCloseCode } from '@chat/protocol';
import { LocalLiveEvents } from '../../events/local-live-events';
import type { Group, Message, User } from '@chat/protocol';
import { MAX_BUFFERED_BYTES } from '../transport/connection';
import { ConnectionRegistry } from './connection-registry';
import { fakeConnection, fakeUser } from '../transport/fake-socket.spec-helpers';
import type { MessageHistory } from '../../messages/message-history';
import { LiveFanOut } from './live-fan-out';
import { MessageDelivery } from './message-delivery';
import { MessageSequencer } from './message-sequencer';
import { MetricsService } from '../../metrics/metrics.service';

describe(LiveFanOut.name, () => {
  const [ana, ben, cleo] = ['ana', 'ben', 'cleo'].map(fakeUser);
  const publicOf = (user: typeof ana): User => ({ id: user.id, displayName: user.displayName });
  let events: LocalLiveEvents;
  let registry: ConnectionRegistry;

  beforeEach(() => {
    events = new LocalLiveEvents();
    registry = new ConnectionRegistry();
    // Gap filling reads storage; these specs deliver in order, so it is never asked.
    const noStorage: MessageHistory = { changesSince: async () => null };
    const sequencer = new MessageSequencer(noStorage, new MessageDelivery(registry, new MetricsService()));
    new LiveFanOut(events, registry, sequencer).onModuleInit();
  });

  function connect(user: typeof ana, groupKeys: string[] = [], tokenId?: string) {
    const connection = fakeConnection(user, tokenId);
    registry.add(connection);
    for (const key of groupKeys) registry.subscribe(user.id, key);
    return connection;
  }

  const message = (seq: number): Message => ({
    id: `m${seq}`, group: 'General', seq, rev: seq, sender: publicOf(ana), text: 'hi', createdAt: new Date(0).toISOString(), clientMsgId: `c${seq}`,
    editedAt: null, deleted: false, replyTo: null, mentions: [], reactions: [],
  });
  const newMessage = (seq: number) => ({ type: 'change', groupKey: 'general', change: { event: 'message', data: message(seq) } }) as const;

  it('delivers a message to every connection of every member, the sender included, as one shared buffer', () => {
    const anaPhone = connect(ana, ['general']);
    const anaLaptop = connect(ana, ['general']);
    const benTab = connect(ben, ['general']);
    const outsider = connect(cleo, ['random']);
    events.publish(newMessage(1));

    expect(anaPhone.socket.frames()).toEqual([{ event: 'message', data: message(1) }]);
    const frame = anaPhone.socket.sent[0];
    expect(anaLaptop.socket.sent).toEqual([frame]);
    expect(benTab.socket.sent[0]).toBe(frame); // the same Buffer instance: encoded once
    expect(outsider.socket.sent).toEqual([]);
  });

  it('does not echo typing to any connection of the typist', () => {
    const anaTab = connect(ana, ['general']);
    const benTab = connect(ben, ['general']);
    events.publish({ type: 'typing', groupKey: 'general', group: 'General', user: publicOf(ana) });
    expect(anaTab.socket.sent).toEqual([]);
    expect(benTab.socket.frames()).toEqual([{ event: 'typing', data: { group: 'General', user: publicOf(ana) } }]);
  });

  it('sends a read marker to the user\'s other connections, not the one it came from nor other users', () => {
    const origin = connect(ana, ['general']);
    const otherTab = connect(ana, ['general']);
    const benTab = connect(ben, ['general']);
    events.publish({ type: 'read', userId: ana.id, group: 'General', seq: 4, originConnectionId: origin.id });
    expect(origin.socket.sent).toEqual([]);
    expect(otherTab.socket.frames()).toEqual([{ event: 'read', data: { group: 'General', seq: 4 } }]);
    expect(benTab.socket.sent).toEqual([]);
  });

  it('sends presence once to each co-member, not to the user nor to strangers', () => {
    const anaTab = connect(ana, ['general', 'random']);
    const benTab = connect(ben, ['general', 'random']);
    const cleoTab = connect(cleo, ['other']);
    events.publish({ type: 'presence', user: publicOf(ana), online: true, groupKeys: ['general', 'random'] });
    expect(benTab.socket.frames()).toEqual([{ event: 'presence', data: { user: publicOf(ana), online: true } }]);
    expect(anaTab.socket.sent).toEqual([]);
    expect(cleoTab.socket.sent).toEqual([]);
  });

  describe('member', () => {
    const joined = (user: typeof ana, isJoin: boolean) =>
      ({ type: 'member', groupKey: 'general', group: 'General', user: publicOf(user), joined: isJoin, lastSeq: 0, lastRev: 0 }) as const;

    it('subscribes the joiner before delivering, so every tab of theirs hears the join and what follows', () => {
      const anaTab = connect(ana, ['general']);
      const benTabs = [connect(ben), connect(ben)];
      events.publish(joined(ben, true));
      events.publish(newMessage(1));
      const expected = [
        { event: 'member', data: { group: 'General', user: publicOf(ben), joined: true } },
        { event: 'message', data: message(1) },
      ];
      for (const tab of [anaTab, ...benTabs]) expect(tab.socket.frames()).toEqual(expected);
    });

    it('tells the leaver too, then stops their group events', () => {
      const anaTab = connect(ana, ['general']);
      const benTab = connect(ben, ['general']);
      events.publish(joined(ben, false));
      events.publish(newMessage(1));
      const leave = { event: 'member', data: { group: 'General', user: publicOf(ben), joined: false } };
      expect(benTab.socket.frames()).toEqual([leave]);
      expect(anaTab.socket.frames()).toEqual([leave, { event: 'message', data: message(1) }]);
    });
  });

  it('announces a new group to everybody, the creator with its own view, and subscribes the creator', () => {
    const creatorView = { name: 'General', joined: true, readSeq: 0, unread: 0 } as unknown as Group;
    const othersView = { name: 'General', joined: false } as unknown as Group;
    const anaTabs = [connect(ana), connect(ana)];
    const benTab = connect(ben);
    events.publish({ type: 'group', groupKey: 'general', group: othersView, creatorView, creatorId: ana.id });
    for (const tab of anaTabs) expect(tab.socket.frames()).toEqual([{ event: 'group', data: creatorView }]);
    expect(benTab.socket.frames()).toEqual([{ event: 'group', data: othersView }]);
    expect([...registry.membersOf('general')]).toEqual([ana.id]);
  });

  it('closes with 4401 exactly the connections of a revoked token', () => {
    const revoked = [connect(ana, [], 't1'), connect(ana, [], 't1')];
    const otherToken = connect(ana, [], 't2');
    events.publish({ type: 'session-revoked', tokenId: 't1' });
    for (const connection of revoked) expect(connection.socket.closedWith?.code).toBe(WsCloseCode.Unauthorized);
    expect(otherToken.socket.closedWith).toBeUndefined();
  });

  it('drops a slow consumer instead of queueing more, and still delivers to the others', () => {
    const slow = connect(ana, ['general']);
    const fast = connect(ben, ['general']);
    slow.socket.bufferedAmount = MAX_BUFFERED_BYTES + 1;
    events.publish(newMessage(1));
    expect(slow.socket.terminated).toBe(true);
    expect(slow.socket.sent).toEqual([]);
    expect(fast.socket.sent).toHaveLength(1);
  });
});
