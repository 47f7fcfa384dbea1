import type { Message } from '@chat/protocol';
import { ApiClient, createGroup, joinGroup, publicUser, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { range, sendMessages, SocketPool } from './support/chat';
import { expectMessageShape, expectNestError, expectStatus } from './support/expect';
import { useServer } from './support/setup';

const TOTAL = 120;

describe('history: GET /api/groups/:name/messages', () => {
  // The rate limit is off so 120 messages can be sent quickly.
  const server = useServer({ WS_RATE_LIMIT: '0' });
  const sockets = new SocketPool(server);

  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let group: string;
  let sent: Message[];

  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((n) => registerUser(server().baseUrl, n)));
    group = (await createGroup(alice, uniqueGroupName('history'))).name;
    await joinGroup(bob, group);
    const socket = await sockets.connect(alice);
    sent = await sendMessages(socket, group, TOTAL, 'history');
    await sockets.closeAll();
  }, 60000);

  const url = (query = '', name = group) => `/api/groups/${encodeURIComponent(name)}/messages${query}`;
  async function page(query: string, user = bob): Promise<Message[]> {
    const res = await user.api.get<Message[]>(url(query));
    expectStatus(res, 200);
    expect(Array.isArray(res.body)).toBe(true);
    return res.body;
  }
  const seqs = (messages: Message[]) => messages.map((m) => m.seq);

  it('the setup stored messages 1..120', () => {
    expect(seqs(sent)).toEqual(range(1, TOTAL));
  });

  it('without bounds: the newest 50, ascending by seq, exactly as they were echoed', async () => {
    const messages = await page('');
    expect(seqs(messages)).toEqual(range(TOTAL - 49, TOTAL));
    for (const m of messages) expectMessageShape(m);
    expect(messages).toEqual(sent.slice(TOTAL - 50));
    expect(messages[0]).toMatchObject({ group, sender: publicUser(alice), text: `history ${TOTAL - 49}` });
  });

  it.each([
    ['?limit=1', range(TOTAL, TOTAL)],
    ['?limit=7', range(TOTAL - 6, TOTAL)],
    ['?limit=100', range(TOTAL - 99, TOTAL)],
    ['?before=10', range(1, 9)],
    ['?before=1', []],
    ['?before=61&limit=5', range(56, 60)],
    ['?before=100', range(50, 99)],
    ['?after=110', range(111, TOTAL)],
    ['?after=0&limit=5', range(1, 5)],
    ['?after=10&limit=5', range(11, 15)],
    ['?after=10', range(11, 60)],
    ['?after=0&limit=100', range(1, 100)],
    ['?after=120', []],
    ['?after=500', []],
    ['?after=10&before=20', range(11, 19)],
    ['?after=10&before=20&limit=100', range(11, 19)],
    ['?before=20&after=10', range(11, 19)],
    ['?after=5&before=6', []],
  ])('%s', async (query, expected) => {
    const messages = await page(query);
    expect(seqs(messages)).toEqual(expected);
    expect(messages).toEqual(expected.map((seq) => sent[seq - 1]));
  });

  it('paging backwards with `before` visits every message exactly once', async () => {
    const seen: number[] = [];
    let before = TOTAL + 1;
    for (let i = 0; i < 10; i++) {
      const messages = await page(`?before=${before}&limit=25`);
      if (messages.length === 0) break;
      seen.unshift(...seqs(messages));
      before = messages[0].seq;
    }
    expect(seen).toEqual(range(1, TOTAL));
  });

  it('paging forwards with `after` visits every message exactly once', async () => {
    const seen: number[] = [];
    let after = 0;
    for (let i = 0; i < 10; i++) {
      const messages = await page(`?after=${after}&limit=33`);
      if (messages.length === 0) break;
      seen.push(...seqs(messages));
      after = messages[messages.length - 1].seq;
    }
    expect(seen).toEqual(range(1, TOTAL));
  });

  it('the creator and a later member read the same history', async () => {
    expect(await page('?after=0&limit=100', alice)).toEqual(await page('?after=0&limit=100', bob));
  });

  it('an empty group has an empty history', async () => {
    const empty = await createGroup(alice, uniqueGroupName('empty'));
    const res = await alice.api.get<Message[]>(url('', empty.name));
    expectStatus(res, 200);
    expect(res.body).toEqual([]);
  });

  it('the group name in the path is URL-encoded and case-insensitive', async () => {
    const res = await bob.api.get<Message[]>(url('?limit=2', group.toUpperCase()));
    expectStatus(res, 200);
    expect(seqs(res.body)).toEqual([TOTAL - 1, TOTAL]);
  });

  describe('400 for bad query parameters', () => {
    it.each([
      '?limit=0',
      '?limit=101',
      '?limit=-1',
      '?limit=abc',
      '?limit=1.5',
      '?after=abc',
      '?after=1.5',
      '?before=abc',
      '?before=2.5',
      // Digits only: not read as 1, 16 or 100.
      '?after=',
      '?before=1e2',
      '?after=0x10',
      '?limit=%2B5',
      '?limit=10&limit=20',
      '?foo=1',
      '?limit=10&sort=desc',
    ])('%s', async (query) => {
      expectNestError(await bob.api.get(url(query)), 400);
    });
  });

  it('403 for a signed-in user who is not a member (whatever the query)', async () => {
    expectNestError(await carol.api.get(url('')), 403);
    expectNestError(await carol.api.get(url('?after=0&limit=10')), 403);
  });

  it('403 for a former member after leaving', async () => {
    const dave = await registerUser(server().baseUrl, 'Dave');
    await joinGroup(dave, group);
    expect(seqs(await page('?limit=1', dave))).toEqual([TOTAL]);
    expect((await dave.api.delete(`/api/groups/${encodeURIComponent(group)}/members/me`)).status).toBe(204);
    expectNestError(await dave.api.get(url('')), 403);
  });

  it('404 for an unknown group', async () => {
    expectNestError(await bob.api.get(url('', `no such group ${Date.now()}`)), 404);
  });

  it('401 without a valid token', async () => {
    expectNestError(await new ApiClient(server().baseUrl).get(url('')), 401);
    expectNestError(await new ApiClient(server().baseUrl, 'garbage').get(url('')), 401);
  });
});
