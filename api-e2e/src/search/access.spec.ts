import type { Message } from '@chat/protocol';
import { joinGroup } from '../support/api-client';
import { leaveGroup, sendMessage } from '../support/chat';
import { ghostDmName, withoutName } from '../support/dms';
import { expectNestError } from '../support/expect';
import { expectFound, search, searchPage, useSearch, word } from '../support/search';

/**
 * "Messages the caller can read now (groups and dms it is a member of)"; the
 * design: membership at the time of the request (a group left is no longer
 * searched, one joined is searched with its history from before joining).
 * `group` limits it to one group or dm: `403` when the caller is not a member
 * of a group, `404` when it does not exist or is a dm the caller is not in.
 */
describe('search: what the caller may read', () => {
  const { people, group, dm, connect } = useSearch();

  it('only groups and dms the caller is a member of; a stranger finds nothing', async () => {
    const t = word();
    const [alice, bob, carol, dave] = await people(4, 'Read');
    const shared = await group(alice, [bob]);
    const own = await group(alice);
    const third = await group(carol, [alice]);
    const d = (await dm(alice, bob)).name;
    const [a, c] = [await connect(alice), await connect(carol)];
    const sent: Message[] = [];
    for (const name of [shared, own, d, shared, own, d]) sent.push(await sendMessage(a, name, `${t} from alice`));
    sent.push(await sendMessage(c, third, `${t} from carol`));
    const of = (...names: string[]) => sent.filter((m) => names.includes(m.group));

    await expectFound(alice, t, sent);
    await expectFound(bob, t, of(shared, d));
    await expectFound(carol, t, of(third));
    await expectFound(dave, t, []);
    expect(await searchPage(dave, { q: t })).toEqual({ results: [], next: null });
    // Short terms too (a scan of messages, on PostgreSQL).
    await expectFound(carol, 'm', of(third));
    await expectFound(dave, 'a', []);
  });

  it('a group left is no longer searched (and `group=` it is 403); joined again, it is', async () => {
    const t = word();
    const [alice, bob] = await people(2, 'Leave');
    const name = await group(alice, [bob]);
    const a = await connect(alice);
    const [m1, m2] = [await sendMessage(a, name, `${t} one`), await sendMessage(a, name, `${t} two`)];
    await expectFound(bob, t, [m1, m2]);
    await expectFound(bob, t, [m1, m2], { group: name });

    await leaveGroup(bob, name);
    await expectFound(bob, t, []);
    await expectFound(bob, 'o', []);
    expectNestError(await search(bob, { q: t, group: name }), 403);
    // Messages sent while he is away are not his to find either.
    const m3 = await sendMessage(a, name, `${t} three`);
    await expectFound(bob, t, []);

    await joinGroup(bob, name);
    await expectFound(bob, t, [m1, m2, m3]);
    await expectFound(bob, t, [m1, m2, m3], { group: name });
  });

  it('a group joined is searched at once, with its history from before joining', async () => {
    const t = word();
    const [alice, carol] = await people(2, 'Join');
    const name = await group(alice);
    const a = await connect(alice);
    const sent = [await sendMessage(a, name, `${t} before one`), await sendMessage(a, name, `${t} before two`)];
    await expectFound(carol, t, []);
    expectNestError(await search(carol, { q: t, group: name }), 403);
    await joinGroup(carol, name);
    await expectFound(carol, t, sent);
    await expectFound(carol, `before ${t}`, sent, { group: name });
    await expectFound(carol, 'b', sent.filter((m) => m.text.includes('b')));
  });

  it('a dm is searched by its two members only: a third person finds nothing, and `group=<dm>` is 404 for them, the very answer for no such group', async () => {
    const t = word();
    const [alice, bob, carol, stranger] = await people(4, 'Private');
    const shared = await group(alice, [bob, carol]);
    const d = (await dm(alice, bob)).name;
    const a = await connect(alice);
    const inDm = await sendMessage(a, d, `${t} just between us`);
    const inGroup = await sendMessage(a, shared, `${t} for everyone`);

    for (const member of [alice, bob]) {
      await expectFound(member, t, [inDm, inGroup]);
      await expectFound(member, t, [inDm], { group: d });
      await expectFound(member, 'between', [inDm]);
    }
    await expectFound(carol, t, [inGroup]);
    await expectFound(carol, 'between', []);
    await expectFound(carol, 'e', [inGroup]);
    await expectFound(stranger, t, []);
    for (const outsider of [carol, stranger]) {
      const ghost = ghostDmName();
      const [real, none] = [await search(outsider, { q: t, group: d }), await search(outsider, { q: t, group: ghost })];
      expectNestError(real, 404);
      expect({ status: real.status, body: withoutName(real.body, d) }).toEqual({ status: none.status, body: withoutName(none.body, ghost) });
      expect(real.text).not.toContain(alice.user.id);
      expect(real.text).not.toContain(bob.user.id);
    }
  });

  it('`group=` limits it to that group or dm; a group name in any case, URL-encoded', async () => {
    const t = word();
    const [alice, bob] = await people(2, 'Limit');
    const g1 = await group(alice, [bob], `Café Ärger ${t}`);
    const g2 = await group(alice, [bob]);
    const d = (await dm(alice, bob)).name;
    const a = await connect(alice);
    const sent: Message[] = [];
    for (const name of [g1, g2, d, g1, g2, d]) sent.push(await sendMessage(a, name, `${t} in ${name === d ? 'the private chat' : 'a group'}`));
    const of = (name: string) => sent.filter((m) => m.group === name);
    for (const user of [alice, bob]) {
      await expectFound(user, t, of(g1), { group: g1 });
      await expectFound(user, t, of(g1), { group: g1.toUpperCase() });
      await expectFound(user, t, of(g1), { group: g1.toLowerCase() });
      await expectFound(user, t, of(g2), { group: g2.toUpperCase() });
      await expectFound(user, t, of(d), { group: d });
      await expectFound(user, 'private', of(d), { group: d });
      await expectFound(user, 'private', of(d));
      await expectFound(user, 'private', [], { group: g1 });
      await expectFound(user, 'a', of(g2), { group: g2 });
    }
    // The results name the group as it was created.
    const { results } = await searchPage(alice, { q: t, group: g1.toUpperCase() });
    expect(results.map((m) => m.group)).toEqual([g1, g1]);
  });

  it('`group=`: 404 no such group or dm, 403 a group the caller is not in (a dm of others is 404)', async () => {
    const t = word();
    const [alice, bob, carol] = await people(3, 'Status');
    const mine = await group(alice, [bob, carol]);
    const others = await group(bob);
    const d = (await dm(bob, carol)).name;
    const b = await connect(bob);
    await sendMessage(b, others, `${t} not for alice`);
    await sendMessage(b, d, `${t} not for alice either`);

    expectNestError(await search(alice, { q: t, group: `no such group ${t}` }), 404);
    expectNestError(await search(alice, { q: 'x', group: ghostDmName() }), 404);
    expectNestError(await search(alice, { q: t, group: d }), 404);
    expectNestError(await search(alice, { q: t, group: others }), 403);
    expectNestError(await search(alice, { q: t, group: others.toUpperCase() }), 403);
    expectNestError(await search(alice, { q: 'x', group: others }), 403);
    expect(await searchPage(alice, { q: t, group: mine })).toEqual({ results: [], next: null });
    await expectFound(alice, t, []);
  });
});
