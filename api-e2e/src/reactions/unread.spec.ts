import { sendMessage, sendMessages } from '../support/chat';
import { markRead } from '../support/lifecycle';
import { countsIn as counts, tokenOf } from '../support/mentions';
import { reacted, unreacted } from '../support/reactions';
import { useCrowd } from '../support/crowd';

describe('reactions never change unread counts', () => {
  const { people, room } = useCrowd();

  it('on unread messages that mention the member, by the member and by others: unread, mentionUnread and readSeq stay', async () => {
    const { alice, bob } = people();
    const { group, a1 } = await room('unread');
    await sendMessages(a1, group, 2);
    await sendMessage(a1, group, `hey ${tokenOf(bob)}`);
    await sendMessage(a1, group, `again ${tokenOf(bob)}`);
    const before = await counts(bob, group);
    expect(before).toEqual({ readSeq: 0, unread: 4, mentionUnread: 2 });
    const aliceBefore = await counts(alice, group);

    // Bob reacts to unread messages (which is no reading), Alice to her own.
    await reacted(bob, group, 3, '👍');
    await reacted(bob, group, 1, '👀');
    await reacted(alice, group, 4, '🎉');
    expect(await counts(bob, group)).toEqual(before);
    await unreacted(bob, group, 3, '👍');
    expect(await counts(bob, group)).toEqual(before);
    expect(await counts(alice, group)).toEqual(aliceBefore);
  });

  it('on messages already read: nothing becomes unread again', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('read');
    await sendMessage(a1, group, `read this ${tokenOf(bob)}`);
    await sendMessage(a1, group, 'and this');
    await markRead(b, bob, group, 2);
    await reacted(alice, group, 1, '👍');
    await reacted(alice, group, 2, '👍');
    expect(await counts(bob, group)).toEqual({ readSeq: 2, unread: 0, mentionUnread: 0 });
  });
});
