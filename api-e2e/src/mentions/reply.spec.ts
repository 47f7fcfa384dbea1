import { history, joinGroup } from '../support/api-client';
import { clientMsgId, ConnectedSocket, leaveGroup, sendMessage } from '../support/chat';
import { useCrowd } from '../support/crowd';
import { changesPage, deleted, edited } from '../support/lifecycle';
import { idsOf, tokenOf } from '../support/mentions';

/** A reply also mentions the replied-to message's sender (unless that is the sender): first, and always kept. */
describe('mentions of a reply', () => {
  const { everyone, crowd } = useCrowd();

  const reply = (socket: ConnectedSocket, group: string, replyTo: number, text: string) => sendMessage(socket, group, text, clientMsgId('reply'), { replyTo });

  it('a reply without tokens mentions the replied-to sender; the event, history and changes say so', async () => {
    const { alice, bob } = everyone();
    const { group, a1, b } = await crowd('plain');
    await sendMessage(b, group, 'a question');
    const answer = await reply(a1, group, 1, 'an answer');
    expect(answer.mentions).toEqual(idsOf(bob));
    expect(await b.next('message', (m) => m.seq === 2)).toEqual(answer);
    expect((await history(alice, group))[1]).toEqual(answer);
    expect((await changesPage(bob, group, '?after=1')).messages).toEqual([answer]);
  });

  it('the replied-to sender comes first, before the tokens, and only once', async () => {
    const { bob, dave, erin } = everyone();
    const { group, a1, b } = await crowd('first');
    await sendMessage(b, group, 'who can help?');
    const answer = await reply(a1, group, 1, `${tokenOf(dave)} ${tokenOf(erin)} can, ${tokenOf(bob)}`);
    expect(answer.mentions).toEqual(idsOf(bob, dave, erin));
  });

  it('a reply to one’s own message does not mention oneself; its tokens still count', async () => {
    const { dave } = everyone();
    const { group, a1 } = await crowd('own');
    await sendMessage(a1, group, 'thinking aloud');
    expect((await reply(a1, group, 1, 'and more')).mentions).toEqual([]);
    expect((await reply(a1, group, 2, `ask ${tokenOf(dave)}`)).mentions).toEqual(idsOf(dave));
  });

  it('a reply to a message whose sender has left does not mention them (only current members), token or not', async () => {
    const { erin, dave } = everyone();
    const { group, a1, e } = await crowd('left');
    await sendMessage(e, group, 'bye soon');
    await leaveGroup(erin, group);
    expect((await reply(a1, group, 1, 'too late')).mentions).toEqual([]);
    expect((await reply(a1, group, 1, `${tokenOf(erin)} ${tokenOf(dave)}`)).mentions).toEqual(idsOf(dave));
    // Back in the group, they are mentioned again.
    await joinGroup(erin, group);
    expect((await reply(a1, group, 1, 'welcome back')).mentions).toEqual(idsOf(erin));
  });

  it('an edit of a reply re-derives its mentions and keeps the replied-to sender first', async () => {
    const { alice, bob, dave, erin } = everyone();
    const { group, a1, b } = await crowd('edit');
    await sendMessage(b, group, 'original');
    await reply(a1, group, 1, `cc ${tokenOf(dave)}`);
    const changed = await edited(alice, group, 2, `cc ${tokenOf(erin)} and ${tokenOf(bob)}`);
    expect(changed.mentions).toEqual(idsOf(bob, erin));
    const plain = await edited(alice, group, 2, 'no tokens now');
    expect(plain.mentions).toEqual(idsOf(bob));
    expect((await history(dave, group))[1].mentions).toEqual(idsOf(bob));
  });

  it('a deleted reply mentions nobody, not even the replied-to sender', async () => {
    const { alice, bob } = everyone();
    const { group, a1, b } = await crowd('deleted');
    await sendMessage(b, group, 'original');
    await reply(a1, group, 1, 'regret');
    await deleted(alice, group, 2);
    expect((await history(bob, group))[1]).toMatchObject({ deleted: true, mentions: [], replyTo: null });
  });
});
