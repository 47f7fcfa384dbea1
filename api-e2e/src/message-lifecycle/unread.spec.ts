import { joinGroup, TestUser } from '../support/api-client';
import { getGroup, leaveGroup, listGroups, sendMessage, sendMessages } from '../support/chat';
import { deleted, edited, markRead } from '../support/lifecycle';
import { useLifecycle } from './fixture';

/** `unread`: the messages above the member's readSeq that are not deleted. */
describe('unread counts with deleted messages', () => {
  const { people, room } = useLifecycle();

  /** What both GET /api/groups/:name and GET /api/groups say of the caller's marker. */
  async function expectCounts(user: TestUser, group: string, expected: { lastSeq: number; readSeq: number; unread: number }) {
    expect(await getGroup(user, group)).toMatchObject(expected);
    expect((await listGroups(user)).find((g) => g.name === group)).toMatchObject(expected);
  }

  it('deleting an unread message lowers unread; readSeq and lastSeq stay', async () => {
    const { alice, bob } = people();
    const { group, a1 } = await room('unread');
    await sendMessages(a1, group, 5);
    await expectCounts(bob, group, { lastSeq: 5, readSeq: 0, unread: 5 });
    await deleted(alice, group, 3);
    await expectCounts(bob, group, { lastSeq: 5, readSeq: 0, unread: 4 });
    await deleted(alice, group, 5);
    await expectCounts(bob, group, { lastSeq: 5, readSeq: 0, unread: 3 });
    // A repeated delete counts once.
    await deleted(alice, group, 5);
    await expectCounts(bob, group, { lastSeq: 5, readSeq: 0, unread: 3 });
    // The sender's own count is untouched.
    await expectCounts(alice, group, { lastSeq: 5, readSeq: 5, unread: 0 });
  });

  it('deleting a message already read changes nothing', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('read');
    await sendMessages(a1, group, 5);
    await markRead(b, bob, group, 3);
    await expectCounts(bob, group, { lastSeq: 5, readSeq: 3, unread: 2 });
    await deleted(alice, group, 2);
    await deleted(alice, group, 3);
    await expectCounts(bob, group, { lastSeq: 5, readSeq: 3, unread: 2 });
    await deleted(alice, group, 4);
    await expectCounts(bob, group, { lastSeq: 5, readSeq: 3, unread: 1 });
  });

  it('editing changes no count', async () => {
    const { alice, bob } = people();
    const { group, a1 } = await room('edit');
    await sendMessages(a1, group, 3);
    await edited(alice, group, 2, 'edited');
    await edited(alice, group, 3, 'edited too');
    await expectCounts(bob, group, { lastSeq: 3, readSeq: 0, unread: 3 });
  });

  it('all unread deleted: 0; a new message makes it 1; reading a deleted last message is allowed', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('all');
    await sendMessages(a1, group, 2);
    await markRead(b, bob, group, 1);
    await deleted(alice, group, 2);
    await expectCounts(bob, group, { lastSeq: 2, readSeq: 1, unread: 0 });

    await sendMessage(a1, group, 'news');
    await expectCounts(bob, group, { lastSeq: 3, readSeq: 1, unread: 1 });
    await deleted(alice, group, 3);
    await expectCounts(bob, group, { lastSeq: 3, readSeq: 1, unread: 0 });
    // The marker still moves up to lastSeq, a tombstone's seq.
    await markRead(b, bob, group, 3);
    await expectCounts(bob, group, { lastSeq: 3, readSeq: 3, unread: 0 });
    await sendMessage(a1, group, 'more news');
    await expectCounts(bob, group, { lastSeq: 4, readSeq: 3, unread: 1 });
  });

  it('the join answer of a new member counts nothing unread, deleted messages or not', async () => {
    const { alice, carol } = people();
    const { group, a1 } = await room('join');
    await sendMessages(a1, group, 3);
    await deleted(alice, group, 2);
    expect(await joinGroup(carol, group)).toMatchObject({ lastSeq: 3, readSeq: 3, unread: 0, lastRev: 4 });
    await sendMessages(a1, group, 2);
    await deleted(alice, group, 5);
    await expectCounts(carol, group, { lastSeq: 5, readSeq: 3, unread: 1 });
    await leaveGroup(carol, group);
  });
});
