import type { Message } from '@chat/protocol';
import { ApiClient, createGroup, history, joinGroup, registerUser, uniqueGroupName } from '../support/api-client';
import { fullHistory, leaveGroup, range, sendMessage, sendMessages } from '../support/chat';
import { expectNestError } from '../support/expect';
import { allChanges, changeEvents, changes, changesPage, changesPath, deleted, edited, GroupReplica, revAndSeq, statesOf, waitForRev } from '../support/lifecycle';
import { useLifecycle } from './fixture';

describe('changes: GET /api/groups/:name/changes?after=&limit=', () => {
  // Without the frame limit, so the 120-message group is quick to fill.
  const { server, people, room, sockets } = useLifecycle({ WS_RATE_LIMIT: '0' });

  describe('a group with 7 messages, edited and deleted: revs 1..13', () => {
    let group: string;
    let stored: Message[];
    /** seq -> the message as the history shows it now. */
    const bySeq = (seq: number) => stored[seq - 1];

    beforeAll(async () => {
      const { alice, bob } = people();
      group = (await createGroup(alice, uniqueGroupName('changes'))).name;
      await joinGroup(bob, group);
      const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);
      await sendMessages(a, group, 2, 'alice'); // seq 1, 2: revs 1, 2
      await sendMessage(b, group, 'bob 1'); // seq 3: rev 3
      await sendMessages(a, group, 4, 'alice later'); // seq 4..7: revs 4..7
      await edited(alice, group, 1, 'alice 1, edited'); // rev 8
      await edited(bob, group, 3, 'bob 1, edited'); // rev 9
      await deleted(alice, group, 2); // rev 10
      await edited(alice, group, 1, 'alice 1, edited again'); // rev 11
      await edited(alice, group, 5, 'alice later 2, edited'); // rev 12
      await deleted(alice, group, 5); // rev 13
      await sockets.closeAll();
      stored = await history(alice, group);
    });

    /** The current revs of seqs 1..7 are 11, 10, 9, 4, 13, 6, 7: ascending by rev, the seqs come as 4, 6, 7, 3, 2, 1, 5. */
    const BY_REV = [4, 6, 7, 3, 2, 1, 5];
    const REVS = [4, 6, 7, 9, 10, 11, 13];

    it('the setup left the history in the expected state', () => {
      expect(stored.map((m) => [m.seq, m.rev, m.deleted])).toEqual([
        [1, 11, false],
        [2, 10, true],
        [3, 9, false],
        [4, 4, false],
        [5, 13, true],
        [6, 6, false],
        [7, 7, false],
      ]);
    });

    it('after=0: the current state of every message, each once, ascending by rev; lastRev 13; more false', async () => {
      const page = await changesPage(people().bob, group, '?after=0');
      expect(page).toEqual({ messages: BY_REV.map(bySeq), lastRev: 13, more: false });
      expect(page.messages.map((m) => m.rev)).toEqual(REVS);
      // Tombstones included, as the history shows them.
      expect(page.messages.filter((m) => m.deleted).map((m) => m.seq)).toEqual([2, 5]);
      expect((await revAndSeq(people().bob, group)).lastRev).toBe(page.lastRev);
    });

    it.each([
      [4, [6, 7, 3, 2, 1, 5]],
      [5, [6, 7, 3, 2, 1, 5]],
      [8, [3, 2, 1, 5]],
      [10, [1, 5]],
      [11, [5]],
      [12, [5]],
      [13, []],
      [14, []],
    ])('after=%p: only the messages whose rev is above it', async (after, seqs) => {
      expect(await changesPage(people().alice, group, `?after=${after}`)).toEqual({ messages: seqs.map(bySeq), lastRev: 13, more: false });
    });

    it.each([
      ['?after=0&limit=1', [4], true],
      ['?after=0&limit=6', [4, 6, 7, 3, 2, 1], true],
      ['?after=0&limit=7', BY_REV, false],
      ['?after=0&limit=100', BY_REV, false],
      ['?after=9&limit=2', [2, 1], true],
      ['?after=10&limit=2', [1, 5], false],
      ['?limit=3&after=11', [5], false],
    ])('%s: at most limit messages; more exactly when further changes exist', async (query, seqs, more) => {
      expect(await changesPage(people().bob, group, query)).toEqual({ messages: seqs.map(bySeq), lastRev: 13, more });
    });

    it.each([1, 2, 3, 7])('paging with limit=%p and after = the last message’s rev visits every message once', async (limit) => {
      const paged = await allChanges(people().bob, group, 0, limit);
      expect(paged.messages).toEqual(BY_REV.map(bySeq));
      expect(paged.lastRev).toBe(13);
      // The page that holds the last change says more=false: no empty page after it.
      expect(paged.pages).toBe(Math.ceil(7 / limit));
    });

    it('the older catch-up, ?after=<seq> on the history route, still returns only the higher seqs, in their current state', async () => {
      const { bob } = people();
      expect(await history(bob, group, '?after=4')).toEqual([5, 6, 7].map(bySeq));
      expect(await history(bob, group, '?after=0&limit=3')).toEqual([1, 2, 3].map(bySeq));
      expect(await history(bob, group, '?after=7')).toEqual([]);
    });

    describe('400 for a missing or bad after, or a bad limit', () => {
      it.each(['', '?limit=5', '?after=', '?after=-1', '?after=1.5', '?after=abc', '?after=0&limit=0', '?after=0&limit=101', '?after=0&limit=-1', '?after=0&limit=1.5', '?after=0&limit=abc'])(
        '%p',
        async (query) => {
          expectNestError(await changes(people().bob, group, query), 400);
        },
      );
    });

    it('401 without a valid token', async () => {
      for (const api of [new ApiClient(server().baseUrl), new ApiClient(server().baseUrl, 'garbage')]) expectNestError(await api.get(changesPath(group, '?after=0')), 401);
    });

    it('403 for a non-member, and for a former member', async () => {
      const { carol } = people();
      expectNestError(await changes(carol, group, '?after=0'), 403);
      const dave = await registerUser(server().baseUrl, 'Dave');
      await joinGroup(dave, group);
      expect((await changesPage(dave, group, '?after=12')).messages.map((m) => m.seq)).toEqual([5]);
      await leaveGroup(dave, group);
      expectNestError(await changes(dave, group, '?after=0'), 403);
    });

    it('404 for no such group', async () => {
      expectNestError(await changes(people().bob, `no such group ${Date.now()}`, '?after=0'), 404);
    });
  });

  it('a new group has no changes: lastRev 0', async () => {
    const name = (await createGroup(people().alice, uniqueGroupName('fresh'))).name;
    expect(await changesPage(people().alice, name, '?after=0')).toEqual({ messages: [], lastRev: 0, more: false });
    expect(await changesPage(people().alice, name, '?after=1')).toEqual({ messages: [], lastRev: 0, more: false });
  });

  it('limit defaults to 100: 120 messages come as 100 (more) and 20', async () => {
    const { alice } = people();
    const { group, a1 } = await room('default');
    const sent = await sendMessages(a1, group, 120, 'many');
    const first = await changesPage(alice, group, '?after=0');
    expect(first.messages.map((m) => m.rev)).toEqual(range(1, 100));
    expect(first).toEqual({ messages: sent.slice(0, 100), lastRev: 120, more: true });
    const second = await changesPage(alice, group, '?after=100');
    expect(second).toEqual({ messages: sent.slice(100), lastRev: 120, more: false });
  });

  it('a client that left at rev N and asks for changes after N reaches the state of a client that never left', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('away');
    await sendMessages(a1, group, 6, 'early');
    await waitForRev(b, group, 6);
    // Bob's copy before leaving: everything he saw live.
    const away = new GroupReplica();
    for (const e of changeEvents(b, group)) expect(away.applyEvent(e)).toBe(true);
    await b.closeAndWait();

    // While he is away: sends, edits, deletes (a message edited twice, one deleted after an edit).
    await sendMessages(a1, group, 3, 'while away');
    await edited(alice, group, 2, 'early 2, edited');
    await edited(alice, group, 8, 'while away 2, edited');
    await edited(alice, group, 2, 'early 2, edited twice');
    await deleted(alice, group, 4);
    await edited(alice, group, 9, 'while away 3, edited');
    await deleted(alice, group, 9);
    const { lastRev } = await revAndSeq(alice, group);
    expect(lastRev).toBe(15);
    // Alice's tab never left: it saw every change live.
    await waitForRev(a1, group, lastRev);
    const stayed = new GroupReplica();
    for (const e of changeEvents(a1, group)) expect(stayed.applyEvent(e)).toBe(true);

    const caughtUp = await allChanges(bob, group, away.lastRev, 2);
    // Revs 7..15 touched seqs 7, 8, 9, 2, 8, 2, 4, 9, 9: each once, at its latest rev.
    expect(caughtUp.messages.map((m) => [m.seq, m.rev])).toEqual([
      [7, 7],
      [8, 11],
      [2, 12],
      [4, 13],
      [9, 15],
    ]);
    away.applyChanges(caughtUp.messages, caughtUp.lastRev);
    expect(away.lastRev).toBe(lastRev);

    const rest = await fullHistory(bob, group);
    expect(away.states()).toEqual(statesOf(rest));
    expect(stayed.states()).toEqual(statesOf(rest));
    expect([...away.messages.values()].sort((x, y) => x.seq - y.seq)).toEqual(rest);
  });

});
