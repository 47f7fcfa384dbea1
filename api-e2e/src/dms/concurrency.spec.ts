import type { Dm } from '@chat/protocol';
import { range, sendMessage } from '../support/chat';
import { dmNames, expectDmShape, openDm, opened, useDms } from '../support/dms';
import { expectStatus } from '../support/expect';

/** One dm per pair "whoever asks first, however many ask at once". */
describe('direct messages: concurrent opens', () => {
  const { sockets, friends } = useDms();

  it.each([1, 2, 3])('20 at once, 10 from each side (round %i): exactly one 201, all the same dm, one `dm` event per socket', async () => {
    const { users } = await friends(2, 'Race');
    const [alice, bob] = users;
    const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);

    const answers = await Promise.all(range(1, 20).map((i) => (i % 2 === 0 ? openDm(alice, bob) : openDm(bob, alice))));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([...Array<number>(19).fill(200), 201]);
    const created = answers.find((res) => res.status === 201)?.body as Dm;
    expectDmShape(created);
    for (const res of answers) {
      expectDmShape(res.body);
      // Same dm, same opener, members in the same order, whoever asked.
      expect({ name: res.body.name, members: res.body.members, createdBy: res.body.createdBy, createdAt: res.body.createdAt }).toEqual({
        name: created.name,
        members: created.members,
        createdBy: created.createdBy,
        createdAt: created.createdAt,
      });
    }
    expect(await dmNames(alice)).toEqual([created.name]);
    expect(await dmNames(bob)).toEqual([created.name]);

    // Exactly one `dm` event each: a message sent after every answer came is seen after it, and no second one comes.
    const message = await sendMessage(a, created.name, 'who won?');
    expect(await b.next('message')).toEqual(message);
    const again = await opened(bob, alice, 200);
    const reply = await sendMessage(b, again.name, 'nobody, it is one dm');
    expect(await a.next('message')).toEqual(reply);
    for (const s of [a, b]) {
      const events = s.history.filter((f) => f.event === 'dm');
      expect(events.length).toBe(1);
      expect((events[0].data as Dm).name).toBe(created.name);
    }
  });

  it('two people opening dms with each other and with a third at once: one dm per pair, three in all', async () => {
    const { users } = await friends(3, 'Triangle');
    const [alice, bob, carol] = users;
    const answers = await Promise.all([openDm(alice, bob), openDm(bob, alice), openDm(alice, carol), openDm(carol, alice), openDm(bob, carol), openDm(carol, bob)]);
    for (const res of answers) expectStatus(res, res.status === 201 ? 201 : 200);
    expect(answers.filter((res) => res.status === 201).length).toBe(3);
    const [ab, ba, ac, ca, bc, cb] = answers.map((res) => res.body.name);
    expect([ab, ac, bc].every((n, i) => n === [ba, ca, cb][i])).toBe(true);
    expect(new Set([ab, ac, bc]).size).toBe(3);
    expect([...(await dmNames(alice))].sort()).toEqual([ab, ac].sort());
    expect([...(await dmNames(bob))].sort()).toEqual([ab, bc].sort());
    expect([...(await dmNames(carol))].sort()).toEqual([ac, bc].sort());
  });
});
