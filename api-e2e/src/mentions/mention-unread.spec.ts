import type { Group } from '@chat/protocol';
import { createGroup, joinGroup, uniqueGroupName } from '../support/api-client';
import { clientMsgId, getGroup, leaveGroup, listGroups, sendMessage } from '../support/chat';
import { useCrowd } from '../support/crowd';
import { expectGroupShape, expectStatus } from '../support/expect';
import { deleted, edited, markRead } from '../support/lifecycle';
import { expectCounts, tokenOf } from '../support/mentions';

/** `mentionUnread`: of the member's unread messages (seq above readSeq, not deleted), those whose current mentions include the member. */
describe('mentionUnread', () => {
  const { everyone, crowd, sockets } = useCrowd();

  it('members only: absent for a non-member on GET /api/groups and GET /api/groups/:name; 0 in the create and join answers', async () => {
    const { alice, bob, carol } = everyone();
    const created = await alice.api.post<Group>('/api/groups', { name: uniqueGroupName('members-only') });
    expectStatus(created, 201);
    expect(created.body.mentionUnread).toBe(0);
    const group = created.body.name;
    // A message naming Carol and Bob, neither of them a member yet.
    await sendMessage(await sockets.connect(alice), group, `${tokenOf(carol)} ${tokenOf(bob)}`);

    const forCarol = [await getGroup(carol, group), (await listGroups(carol)).find((g) => g.name === group)];
    for (const g of forCarol) {
      expect(g).toBeDefined();
      expect(g?.joined).toBe(false);
      expect(g).not.toHaveProperty('mentionUnread');
      expect(g).not.toHaveProperty('unread');
    }
    // Bob joins after a message that named him: history from before is not unread, mentions or not.
    const joined = await joinGroup(bob, group);
    expectGroupShape(joined);
    expect(joined).toMatchObject({ joined: true, lastSeq: 1, readSeq: 1, unread: 0, mentionUnread: 0 });
    await expectCounts(bob, group, { readSeq: 1, unread: 0, mentionUnread: 0 });
    await expectCounts(alice, group, { unread: 0, mentionUnread: 0 });
  });

  it('counts the unread messages whose mentions include the member, each once, and only the member’s own', async () => {
    const { alice, bob, dave, erin } = everyone();
    const { group, a1 } = await crowd('count');
    await sendMessage(a1, group, 'plain'); // 1
    await sendMessage(a1, group, `${tokenOf(bob)}`); // 2
    await sendMessage(a1, group, `${tokenOf(bob)} twice ${tokenOf(bob)}`); // 3
    await sendMessage(a1, group, `${tokenOf(dave)} only`); // 4
    await sendMessage(a1, group, `${tokenOf(dave)} and ${tokenOf(bob)}`); // 5
    await expectCounts(bob, group, { readSeq: 0, unread: 5, mentionUnread: 3 });
    await expectCounts(dave, group, { readSeq: 0, unread: 5, mentionUnread: 2 });
    await expectCounts(erin, group, { readSeq: 0, unread: 5, mentionUnread: 0 });
    await expectCounts(alice, group, { readSeq: 5, unread: 0, mentionUnread: 0 });
  });

  it('moves with `read`: only mentions above the marker count', async () => {
    const { bob } = everyone();
    const { group, a1, b } = await crowd('read');
    await sendMessage(a1, group, `${tokenOf(bob)} one`); // 1
    await sendMessage(a1, group, 'plain'); // 2
    await sendMessage(a1, group, `${tokenOf(bob)} three`); // 3
    await sendMessage(a1, group, `${tokenOf(bob)} four`); // 4
    await expectCounts(bob, group, { unread: 4, mentionUnread: 3 });
    await markRead(b, bob, group, 1);
    await expectCounts(bob, group, { readSeq: 1, unread: 3, mentionUnread: 2 });
    await markRead(b, bob, group, 3);
    await expectCounts(bob, group, { readSeq: 3, unread: 1, mentionUnread: 1 });
    await markRead(b, bob, group, 4);
    await expectCounts(bob, group, { readSeq: 4, unread: 0, mentionUnread: 0 });
  });

  it('moves with the member’s own send: the marker goes to its seq', async () => {
    const { bob } = everyone();
    const { group, a1, b } = await crowd('own-send');
    await sendMessage(a1, group, `${tokenOf(bob)} are you there?`);
    await sendMessage(a1, group, `${tokenOf(bob)}??`);
    await expectCounts(bob, group, { unread: 2, mentionUnread: 2 });
    await sendMessage(b, group, 'yes');
    await expectCounts(bob, group, { readSeq: 3, unread: 0, mentionUnread: 0 });
    await sendMessage(a1, group, `${tokenOf(bob)} good`);
    await expectCounts(bob, group, { readSeq: 3, unread: 1, mentionUnread: 1 });
  });

  it('deleting an unread message that mentions the member lowers it; deleting one that does not leaves it', async () => {
    const { alice, bob } = everyone();
    const { group, a1 } = await crowd('delete');
    await sendMessage(a1, group, `${tokenOf(bob)} a`); // 1
    await sendMessage(a1, group, 'plain'); // 2
    await sendMessage(a1, group, `${tokenOf(bob)} b`); // 3
    await expectCounts(bob, group, { unread: 3, mentionUnread: 2 });
    await deleted(alice, group, 2);
    await expectCounts(bob, group, { unread: 2, mentionUnread: 2 });
    await deleted(alice, group, 3);
    await expectCounts(bob, group, { unread: 1, mentionUnread: 1 });
    await deleted(alice, group, 3);
    await expectCounts(bob, group, { unread: 1, mentionUnread: 1 });
  });

  it('an edit that adds or removes the mention of an unread message changes it', async () => {
    const { alice, bob, dave } = everyone();
    const { group, a1 } = await crowd('edit');
    await sendMessage(a1, group, 'plain'); // 1
    await sendMessage(a1, group, `${tokenOf(bob)}`); // 2
    await expectCounts(bob, group, { unread: 2, mentionUnread: 1 });
    await edited(alice, group, 1, `now ${tokenOf(bob)}`);
    await expectCounts(bob, group, { unread: 2, mentionUnread: 2 });
    await expectCounts(dave, group, { unread: 2, mentionUnread: 0 });
    await edited(alice, group, 2, `now ${tokenOf(dave)} instead`);
    await expectCounts(bob, group, { unread: 2, mentionUnread: 1 });
    await expectCounts(dave, group, { unread: 2, mentionUnread: 1 });
    await edited(alice, group, 1, 'plain again');
    await expectCounts(bob, group, { unread: 2, mentionUnread: 0 });
  });

  it('a mention in a message at or below the read marker does not count, even when an edit adds it', async () => {
    const { alice, bob } = everyone();
    const { group, a1, b } = await crowd('below');
    await sendMessage(a1, group, `${tokenOf(bob)} read already`); // 1
    await sendMessage(a1, group, 'plain'); // 2
    await sendMessage(a1, group, 'later'); // 3
    await markRead(b, bob, group, 2);
    await expectCounts(bob, group, { readSeq: 2, unread: 1, mentionUnread: 0 });
    await edited(alice, group, 2, `${tokenOf(bob)} added below the marker`);
    await expectCounts(bob, group, { readSeq: 2, unread: 1, mentionUnread: 0 });
    await edited(alice, group, 3, `${tokenOf(bob)} added above it`);
    await expectCounts(bob, group, { readSeq: 2, unread: 1, mentionUnread: 1 });
  });

  it('a reply to the member’s message counts as a mention', async () => {
    const { bob, dave } = everyone();
    const { group, a1, b } = await crowd('reply');
    await sendMessage(b, group, 'my question'); // Bob's marker: 1
    await sendMessage(a1, group, 'my answer', clientMsgId('reply'), { replyTo: 1 });
    await expectCounts(bob, group, { readSeq: 1, unread: 1, mentionUnread: 1 });
    await expectCounts(dave, group, { readSeq: 0, unread: 2, mentionUnread: 0 });
  });

  it('a member who leaves and joins again starts at 0', async () => {
    const { bob } = everyone();
    const { group, a1 } = await crowd('rejoin');
    await sendMessage(a1, group, `${tokenOf(bob)} before`);
    await leaveGroup(bob, group);
    await sendMessage(a1, group, `${tokenOf(bob)} while away`);
    const back = await joinGroup(bob, group);
    expect(back).toMatchObject({ readSeq: 2, unread: 0, mentionUnread: 0 });
    await sendMessage(a1, group, `${tokenOf(bob)} after`);
    await expectCounts(bob, group, { readSeq: 2, unread: 1, mentionUnread: 1 });
  });

  it('each group counts its own', async () => {
    const { alice, bob } = everyone();
    const [one, two] = [await crowd('one'), await crowd('two')];
    await sendMessage(one.a1, one.group, `${tokenOf(bob)}`);
    await sendMessage(two.a1, two.group, 'plain');
    await expectCounts(bob, one.group, { unread: 1, mentionUnread: 1 });
    await expectCounts(bob, two.group, { unread: 1, mentionUnread: 0 });
    const other = (await createGroup(alice, uniqueGroupName('third'))).name;
    await joinGroup(bob, other);
    await expectCounts(bob, other, { unread: 0, mentionUnread: 0 });
  });
});
