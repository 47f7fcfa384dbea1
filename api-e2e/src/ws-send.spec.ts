import type { Message } from '@chat/protocol';
import { createGroup, history, joinGroup, publicUser, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { clientMsgId, expectUsable, getGroup, sendMessage, SocketPool } from './support/chat';
import { expectMessageShape, expectWsError } from './support/expect';
import { useServer } from './support/setup';
import type { TestSocket } from './support/ws-client';

const EMOJI = '😀';

describe('WebSocket send: storing and delivering messages', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((n) => registerUser(server().baseUrl, n)));
  });

  /** A group of Alice's that Bob joined; Carol is not a member. */
  async function sharedGroup(): Promise<string> {
    const name = (await createGroup(alice, uniqueGroupName('send'))).name;
    await joinGroup(bob, name);
    return name;
  }

  const lastSeq = async (group: string) => (await getGroup(alice, group)).lastSeq;

  /** Sends a `send` expected to be refused with bad_request; checks that nothing was stored and the socket still works. */
  async function expectRefusedSend(socket: TestSocket, group: string, data: Record<string, unknown>, errorClientMsgId?: string) {
    const before = await lastSeq(group);
    socket.send('send', { group, ...data });
    expectWsError(await socket.next('error'), 'bad_request', errorClientMsgId);
    expect(await socket.drain('message', 200)).toEqual([]);
    expect(await lastSeq(group)).toBe(before);
    const next = await expectUsable(socket, group);
    expect(next.seq).toBe(before + 1);
  }

  it('delivers the message to every connection of every member, the sender’s included, and to no one else', async () => {
    const group = await sharedGroup();
    const [a1, a2, b1, b2, c1] = await Promise.all([
      sockets.connect(alice),
      sockets.connect(alice),
      sockets.connect(bob),
      sockets.connect(bob),
      sockets.connect(carol),
    ]);
    const id = clientMsgId();
    a1.send('send', { group, text: 'hello everyone', clientMsgId: id });

    const echo = await a1.next('message');
    expectMessageShape(echo);
    expect(echo).toEqual({
      id: expect.any(String),
      group,
      seq: 1,
      rev: 1,
      sender: publicUser(alice),
      text: 'hello everyone',
      createdAt: expect.any(String),
      clientMsgId: id,
      editedAt: null,
      deleted: false,
      replyTo: null,
      mentions: [],
      reactions: [],
    });
    for (const other of [a2, b1, b2]) expect(await other.next('message')).toEqual(echo);
    expect(await c1.drain('message', 300)).toEqual([]);
    // Exactly one copy per connection.
    for (const s of [a1, a2, b1, b2]) expect(await s.drain('message', 0)).toEqual([]);

    expect(await history(bob, group)).toEqual([echo]);
    expect(await getGroup(alice, group)).toMatchObject({ lastSeq: 1 });
  });

  it('numbers the messages of each group 1, 2, 3 independently', async () => {
    const [g1, g2] = [await sharedGroup(), await sharedGroup()];
    const a = await sockets.connect(alice);
    const b = await sockets.connect(bob);
    expect((await sendMessage(a, g1, 'one')).seq).toBe(1);
    expect((await sendMessage(b, g1, 'two')).seq).toBe(2);
    expect((await sendMessage(a, g2, 'other group')).seq).toBe(1);
    expect((await sendMessage(a, g1, 'three')).seq).toBe(3);
    expect((await history(alice, g1)).map((m) => [m.seq, m.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    expect((await history(alice, g2)).map((m) => m.seq)).toEqual([1]);
  });

  it('trims the text', async () => {
    const group = await sharedGroup();
    const a = await sockets.connect(alice);
    const message = await sendMessage(a, group, '  \n\t padded text \n ');
    expect(message.text).toBe('padded text');
    expect((await history(alice, group))[0].text).toBe('padded text');
  });

  it('keeps inner whitespace, newlines and any Unicode as they are', async () => {
    const group = await sharedGroup();
    const a = await sockets.connect(alice);
    const text = 'line one\n  line two\twith tab — ünïcødé 日本語 😀 <b>&amp;</b> "quotes"';
    expect((await sendMessage(a, group, text)).text).toBe(text);
  });

  it.each([
    ['4000 ASCII characters', () => 'a'.repeat(4000)],
    ['4000 astral code points (8000 UTF-16 units)', () => EMOJI.repeat(4000)],
    ['4000 characters surrounded by spaces (trimmed to 4000)', () => `   ${'b'.repeat(4000)}   `],
    ['a single character', () => 'x'],
  ])('accepts a text of %s', async (_label, makeText) => {
    const group = await sharedGroup();
    const a = await sockets.connect(alice);
    const text = makeText();
    const message = await sendMessage(a, group, text);
    expect(message.text).toBe(text.trim());
    expect((await history(alice, group)).map((m) => m.text)).toEqual([text.trim()]);
  });

  it.each([
    ['4001 ASCII characters', () => 'a'.repeat(4001)],
    ['4001 astral code points', () => EMOJI.repeat(4001)],
    ['an empty text', () => ''],
    ['a whitespace-only text', () => ' \n\t  '],
  ])('refuses a text of %s with bad_request carrying the clientMsgId; nothing is stored', async (_label, makeText) => {
    const group = await sharedGroup();
    const a = await sockets.connect(alice);
    const b = await sockets.connect(bob);
    const id = clientMsgId('bad-text');
    await expectRefusedSend(a, group, { text: makeText(), clientMsgId: id }, id);
    // The other member saw only the valid message sent afterwards.
    const seen = await b.take('message', 1);
    expect(seen[0].clientMsgId).not.toBe(id);
    expect((await history(alice, group)).map((m) => m.clientMsgId)).not.toContain(id);
  });

  it.each([
    ['1 character', () => 'x'],
    ['64 characters', () => `${clientMsgId('k')}`.padEnd(64, 'k')],
    ['64 astral code points', () => EMOJI.repeat(63) + String.fromCodePoint(0x1f600 + Math.floor(Math.random() * 50))],
  ])('accepts a clientMsgId of %s', async (_label, makeId) => {
    const group = await sharedGroup();
    const a = await sockets.connect(alice);
    const id = makeId();
    const message = await sendMessage(a, group, 'with an id', id);
    expect(message.clientMsgId).toBe(id);
  });

  it.each([
    ['an empty clientMsgId', () => ({ text: 'hi', clientMsgId: '' })],
    ['a clientMsgId of 65 characters', () => ({ text: 'hi', clientMsgId: 'k'.repeat(65) })],
    ['a clientMsgId of 65 astral code points', () => ({ text: 'hi', clientMsgId: EMOJI.repeat(65) })],
    ['a missing clientMsgId', () => ({ text: 'hi' })],
    ['a numeric clientMsgId', () => ({ text: 'hi', clientMsgId: 42 })],
    ['a missing text', () => ({ clientMsgId: clientMsgId() })],
    ['a numeric text', () => ({ text: 42, clientMsgId: clientMsgId() })],
  ])('refuses %s with bad_request; nothing is stored', async (_label, makeData) => {
    const group = await sharedGroup();
    const a = await sockets.connect(alice);
    const data: Record<string, unknown> = makeData();
    const validId = typeof data.clientMsgId === 'string' && data.clientMsgId.length > 0 && data.clientMsgId.length <= 64;
    await expectRefusedSend(a, group, data, validId ? (data.clientMsgId as string) : undefined);
  });

  describe('clientMsgId makes sending idempotent', () => {
    it('a repeat by the same user in the same group stores nothing and echoes the stored message to the sending connection only', async () => {
      const group = await sharedGroup();
      const [a1, a2, b1] = await Promise.all([sockets.connect(alice), sockets.connect(alice), sockets.connect(bob)]);
      const id = clientMsgId('dup');
      const original = await sendMessage(a1, group, 'first try', id);
      expect(await a2.next('message')).toEqual(original);
      expect(await b1.next('message')).toEqual(original);

      // A retry, even with another text: the stored message comes back unchanged.
      a1.send('send', { group, text: 'second try', clientMsgId: id });
      expect(await a1.next('message')).toEqual(original);
      expect(await a2.drain('message', 400)).toEqual([]);
      expect(await b1.drain('message', 0)).toEqual([]);

      // A retry from another connection of the same user: echoed to that connection only.
      a2.send('send', { group, text: 'third try', clientMsgId: id });
      expect(await a2.next('message')).toEqual(original);
      expect(await a1.drain('message', 400)).toEqual([]);
      expect(await b1.drain('message', 0)).toEqual([]);

      expect(await history(alice, group)).toEqual([original]);
      expect((await getGroup(alice, group)).lastSeq).toBe(1);

      // The next new message gets the next seq.
      expect((await sendMessage(a1, group, 'new')).seq).toBe(2);
    });

    it('the same clientMsgId sent from two connections at the same moment is stored once', async () => {
      const group = await sharedGroup();
      const [a1, a2] = await Promise.all([sockets.connect(alice), sockets.connect(alice)]);
      const rounds = 15;
      for (let round = 1; round <= rounds; round++) {
        const id = clientMsgId(`race-${round}`);
        a1.send('send', { group, text: `race ${round}`, clientMsgId: id });
        a2.send('send', { group, text: `race ${round}`, clientMsgId: id });
      }
      // Both connections see every stored message (as a member, and maybe again
      // as the echo of their own repeat), always with the one stored seq.
      const seenBy = async (socket: TestSocket) => {
        const seen = new Map<string, Message>();
        while (seen.size < rounds) {
          const message = await socket.next('message');
          expect(seen.get(message.clientMsgId) ?? message).toEqual(message);
          seen.set(message.clientMsgId, message);
        }
        return [...seen.values()].sort((x, y) => x.seq - y.seq);
      };
      const [fromA1, fromA2] = await Promise.all([seenBy(a1), seenBy(a2)]);
      expect(fromA2).toEqual(fromA1);
      expect([...(await a1.drain('error', 100)), ...(await a2.drain('error', 0))]).toEqual([]);
      const stored = await history(alice, group);
      expect(stored).toEqual(fromA1);
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
      expect((await getGroup(alice, group)).lastSeq).toBe(rounds);
    });

    it('a repeat after reconnecting still stores nothing new', async () => {
      const group = await sharedGroup();
      const first = await sockets.connect(alice);
      const id = clientMsgId('reconnect');
      const original = await sendMessage(first, group, 'before the reconnect', id);
      first.close();
      await first.waitForClose();
      const second = await sockets.connect(alice);
      second.send('send', { group, text: 'before the reconnect', clientMsgId: id });
      expect(await second.next('message')).toEqual(original);
      expect(await history(alice, group)).toEqual([original]);
    });

    it('the same clientMsgId from a different user is a new message', async () => {
      const group = await sharedGroup();
      const a = await sockets.connect(alice);
      const b = await sockets.connect(bob);
      const id = clientMsgId('shared');
      const fromAlice = await sendMessage(a, group, 'from alice', id);
      const fromBob = await sendMessage(b, group, 'from bob', id);
      expect(fromBob.id).not.toBe(fromAlice.id);
      expect(fromBob.seq).toBe(fromAlice.seq + 1);
      expect(fromBob.sender).toEqual(publicUser(bob));
      // Alice sees Bob's message like any other.
      expect(await a.next('message', (m) => m.seq === fromBob.seq)).toEqual(fromBob);
      expect((await history(alice, group)).map((m: Message) => m.text)).toEqual(['from alice', 'from bob']);
    });

    it('the same clientMsgId in a different group is a new message', async () => {
      const [g1, g2] = [await sharedGroup(), await sharedGroup()];
      const a = await sockets.connect(alice);
      const id = clientMsgId('two-groups');
      const first = await sendMessage(a, g1, 'in one', id);
      const second = await sendMessage(a, g2, 'in two', id);
      expect(second.id).not.toBe(first.id);
      expect([first.group, first.seq, second.group, second.seq]).toEqual([g1, 1, g2, 1]);
      expect((await history(alice, g2)).map((m) => m.text)).toEqual(['in two']);
    });
  });
});
