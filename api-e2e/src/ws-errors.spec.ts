import { createGroup, joinGroup, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { clientMsgId, expectUsable, getGroup, sendMessage, SocketPool } from './support/chat';
import { expectWsError } from './support/expect';
import { useServer } from './support/setup';

/**
 * Every refused frame gets an `error`, stores nothing, and leaves the
 * connection open: a valid `send` on it afterwards works.
 */
describe('WebSocket errors', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let bob: TestUser;
  /** Alice and Bob are members. */
  let mine: string;
  /** Only Bob is a member. */
  let theirs: string;
  beforeAll(async () => {
    [alice, bob] = await Promise.all(['Alice', 'Bob'].map((n) => registerUser(server().baseUrl, n)));
    mine = (await createGroup(alice, uniqueGroupName('mine'))).name;
    await joinGroup(bob, mine);
    theirs = (await createGroup(bob, uniqueGroupName('theirs'))).name;
  });

  const lastSeqs = async () => [(await getGroup(bob, mine)).lastSeq, (await getGroup(bob, theirs)).lastSeq];

  /**
   * Sends `raw` on a fresh socket of Alice and expects exactly one error
   * `code` (with `id` as clientMsgId when given), no message anywhere, no
   * change of any lastSeq, and a working connection afterwards.
   */
  async function expectFrameRefused(raw: string, code: string, id?: string) {
    const a = await sockets.connect(alice);
    const b = await sockets.connect(bob);
    const before = await lastSeqs();

    a.sendRaw(raw);
    const error = await a.next('error');
    expectWsError(error, code, id);
    expect(await a.drain('error', 200)).toEqual([]);
    expect(await a.drain('message', 0)).toEqual([]);
    expect(await b.drain('message', 0)).toEqual([]);
    expect(await b.drain('typing', 0)).toEqual([]);
    expect(await b.drain('read', 0)).toEqual([]);
    expect(await lastSeqs()).toEqual(before);

    const ok = await expectUsable(a, mine);
    expect(ok.seq).toBe(before[0] + 1);
    expect(await b.next('message')).toEqual(ok);
  }

  const frame = (value: unknown) => JSON.stringify(value);
  const validSend = (id = clientMsgId()) => ({ group: mine, text: 'hello', clientMsgId: id });

  describe('bad_request for frames that are not `{event, data}`', () => {
    it.each([
      ['a frame that is not JSON', () => 'this is not json'],
      ['truncated JSON', () => '{"event":"send","data":{"group":'],
      ['an empty frame', () => ''],
      ['a JSON array', () => frame([{ event: 'send', data: validSend() }])],
      ['a JSON string', () => frame('send')],
      ['a JSON number', () => '42'],
      ['JSON null', () => 'null'],
      ['an empty object', () => '{}'],
      ['a missing event', () => frame({ data: validSend() })],
      ['an event that is not a string', () => frame({ event: 42, data: validSend() })],
      ['an unknown event', () => frame({ event: 'shout', data: { group: 'x' } })],
      ['an event name in the wrong case', () => frame({ event: 'SEND', data: validSend() })],
      ['a server-only event name', () => frame({ event: 'message', data: validSend() })],
      ['an unknown top-level key', () => frame({ event: 'send', data: validSend(), extra: true })],
      ['send without data', () => frame({ event: 'send' })],
      ['send with data null', () => frame({ event: 'send', data: null })],
      ['send with data a string', () => frame({ event: 'send', data: 'hello' })],
      ['send with data an array', () => frame({ event: 'send', data: [validSend()] })],
      ['typing without data', () => frame({ event: 'typing' })],
      ['typing with data a string', () => frame({ event: 'typing', data: mine })],
      ['read with data a number', () => frame({ event: 'read', data: 3 })],
    ])('%s', async (_label, raw) => {
      await expectFrameRefused(raw(), 'bad_request');
    });
  });

  describe('bad_request for invalid data', () => {
    it.each([
      ['send: group missing', () => ({ text: 'hi' })],
      ['send: group a number', () => ({ group: 42, text: 'hi' })],
      ['send: group an empty string', () => ({ group: '', text: 'hi' })],
      ['send: text missing', () => ({ group: mine })],
      ['send: text a number', () => ({ group: mine, text: 7 })],
      ['send: text an object', () => ({ group: mine, text: { value: 'hi' } })],
      ['send: text too long', () => ({ group: mine, text: 'a'.repeat(4001) })],
      ['send: text whitespace only', () => ({ group: mine, text: '   ' })],
      ['send: an unknown field in data', () => ({ group: mine, text: 'hi', priority: 'high' })],
    ])('%s (the error carries the clientMsgId)', async (_label, makeData) => {
      const id = clientMsgId('bad');
      await expectFrameRefused(frame({ event: 'send', data: { ...makeData(), clientMsgId: id } }), 'bad_request', id);
    });

    it.each([
      ['send: clientMsgId missing', () => ({ event: 'send', data: { group: mine, text: 'hi' } })],
      ['send: clientMsgId empty', () => ({ event: 'send', data: { group: mine, text: 'hi', clientMsgId: '' } })],
      ['send: clientMsgId of 65 characters', () => ({ event: 'send', data: { group: mine, text: 'hi', clientMsgId: 'c'.repeat(65) } })],
      ['send: clientMsgId a number', () => ({ event: 'send', data: { group: mine, text: 'hi', clientMsgId: 12 } })],
      ['typing: group missing', () => ({ event: 'typing', data: {} })],
      ['typing: group a number', () => ({ event: 'typing', data: { group: 1 } })],
      ['typing: an unknown field', () => ({ event: 'typing', data: { group: mine, text: 'hi' } })],
      ['read: seq missing', () => ({ event: 'read', data: { group: mine } })],
      ['read: group missing', () => ({ event: 'read', data: { seq: 1 } })],
      ['read: seq a string', () => ({ event: 'read', data: { group: mine, seq: '3' } })],
      ['read: seq negative', () => ({ event: 'read', data: { group: mine, seq: -1 } })],
      ['read: seq not an integer', () => ({ event: 'read', data: { group: mine, seq: 1.5 } })],
      ['read: an unknown field', () => ({ event: 'read', data: { group: mine, seq: 1, all: true } })],
    ])('%s', async (_label, makeFrame) => {
      await expectFrameRefused(frame(makeFrame()), 'bad_request');
    });
  });

  describe('forbidden: not a member', () => {
    it('send (the error carries the clientMsgId)', async () => {
      const id = clientMsgId('forbidden');
      await expectFrameRefused(frame({ event: 'send', data: { group: theirs, text: 'let me in', clientMsgId: id } }), 'forbidden', id);
    });

    it('typing', async () => {
      await expectFrameRefused(frame({ event: 'typing', data: { group: theirs } }), 'forbidden');
    });

    it('read', async () => {
      await expectFrameRefused(frame({ event: 'read', data: { group: theirs, seq: 1 } }), 'forbidden');
    });
  });

  describe('not_found: no such group', () => {
    const ghost = () => `ghost ${Date.now()}`;

    it('send (the error carries the clientMsgId)', async () => {
      const id = clientMsgId('ghost');
      await expectFrameRefused(frame({ event: 'send', data: { group: ghost(), text: 'anyone?', clientMsgId: id } }), 'not_found', id);
    });

    it('typing', async () => {
      await expectFrameRefused(frame({ event: 'typing', data: { group: ghost() } }), 'not_found');
    });

    it('read', async () => {
      await expectFrameRefused(frame({ event: 'read', data: { group: ghost(), seq: 1 } }), 'not_found');
    });
  });

  it('many errors in a row never close the connection, and the next valid frame works', async () => {
    const a = await sockets.connect(alice);
    const bad = ['nope', '[]', frame({ event: 'shout', data: {} }), frame({ event: 'send', data: { group: theirs, text: 'x', clientMsgId: 'x' } })];
    for (let i = 0; i < 3; i++) for (const raw of bad) a.sendRaw(raw);
    const errors = await a.take('error', bad.length * 3);
    // The contract orders messages, not errors: compare the counts.
    const counts = errors.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.code]: (acc[e.code] ?? 0) + 1 }), {});
    expect(counts).toEqual({ bad_request: 9, forbidden: 3 });
    expect(await a.drain('error', 300)).toEqual([]);
    await expectUsable(a, mine);
  });

  it('an error goes only to the connection that caused it', async () => {
    const a1 = await sockets.connect(alice);
    const a2 = await sockets.connect(alice);
    a1.sendRaw('not json');
    await a1.next('error');
    expect(await a2.drain('error', 300)).toEqual([]);
    await sendMessage(a2, mine, 'the other tab is fine');
  });
});
