import { history, joinGroup } from '../support/api-client';
import { clientMsgId, leaveGroup, sendMessage } from '../support/chat';
import { useCrowd } from '../support/crowd';
import { expectMessageShape } from '../support/expect';
import { changesPage, ChangeWatch } from '../support/lifecycle';
import { idsOf, tokenOf } from '../support/mentions';

/** `mentions` on `send`: the distinct ids of current members the text's `<@id>` tokens name, in order of first appearance, without the sender. */
describe('mentions on send', () => {
  const { everyone, crowd } = useCrowd();

  it('members’ tokens become mentions; the `message` event on every connection, the history and changes all carry them, and the text keeps its tokens', async () => {
    const { alice, bob, dave } = everyone();
    const { group, a1, c, members } = await crowd('send');
    const watch = new ChangeWatch(members, group);
    const outsider = new ChangeWatch([c]);
    const text = `hi ${tokenOf(bob)} and ${tokenOf(dave)}, ${tokenOf(bob)} again`;
    const id = clientMsgId('mention');
    const message = await sendMessage(a1, group, text, id);
    expectMessageShape(message);
    expect(message).toMatchObject({ text, mentions: idsOf(bob, dave), rev: 1, seq: 1 });
    await watch.expectExactly([{ event: 'message', data: message }], 0);
    await outsider.expectNone(0);
    expect(await history(bob, group)).toEqual([message]);
    expect((await changesPage(alice, group, '?after=0')).messages).toEqual([message]);
  });

  it.each<[string, (u: ReturnType<typeof everyone>) => { text: string; mentions: string[] }]>([
    ['in order of first appearance', ({ bob, dave, erin }) => ({ text: `${tokenOf(erin)} ${tokenOf(bob)} ${tokenOf(dave)} ${tokenOf(erin)}`, mentions: idsOf(erin, bob, dave) })],
    ['without the sender', ({ alice, bob }) => ({ text: `${tokenOf(alice)} talks to ${tokenOf(bob)} and ${tokenOf(alice)}`, mentions: idsOf(bob) })],
    ['only the sender: none', ({ alice }) => ({ text: `note to self ${tokenOf(alice)}`, mentions: [] })],
    ['a non-member’s token is plain text', ({ bob, carol }) => ({ text: `${tokenOf(carol)} is not here, ${tokenOf(bob)} is`, mentions: idsOf(bob) })],
    ['an unknown id is plain text', ({ dave }) => ({ text: `<@no-such-user-${Date.now()}> <@0> ${tokenOf(dave)}`, mentions: idsOf(dave) })],
    ['a token glued to words still mentions', ({ bob }) => ({ text: `x${tokenOf(bob)}y`, mentions: idsOf(bob) })],
    ['no tokens: none', () => ({ text: 'nobody in particular, @everyone', mentions: [] })],
    [
      'near misses are plain text',
      ({ bob }) => ({ text: `@${bob.user.id} <${bob.user.id}> <@ ${bob.user.id}> <@${bob.user.id} > <@@${bob.user.id}> <@>`, mentions: [] }),
    ],
  ])('%s', async (_label, make) => {
    const { alice } = everyone();
    const { group, a1 } = await crowd('rules');
    const { text, mentions } = make(everyone());
    const message = await sendMessage(a1, group, text);
    expect({ text: message.text, mentions: message.mentions }).toEqual({ text, mentions });
    expect((await history(alice, group))[0]).toEqual(message);
  });

  it('only current members: a token of someone who left is plain text, and of someone who joined since counts', async () => {
    const { bob, carol, dave } = everyone();
    const { group, a1, b } = await crowd('current');
    await leaveGroup(dave, group);
    await joinGroup(carol, group);
    const message = await sendMessage(a1, group, `${tokenOf(dave)} ${tokenOf(carol)} ${tokenOf(bob)}`);
    expect(message.mentions).toEqual(idsOf(carol, bob));
    expect(await b.next('message', (m) => m.seq === message.seq)).toEqual(message);
    await leaveGroup(carol, group);
  });

  it('a mention stays as it was sent when the mentioned member leaves later', async () => {
    const { bob, erin } = everyone();
    const { group, a1 } = await crowd('stays');
    const message = await sendMessage(a1, group, `${tokenOf(erin)} and ${tokenOf(bob)}`);
    await leaveGroup(erin, group);
    expect((await history(bob, group))[0]).toEqual(message);
    expect(message.mentions).toEqual(idsOf(erin, bob));
  });

  it('another member’s message mentioning Alice: Alice is in its mentions, and every member sees the same list', async () => {
    const { alice, bob, erin } = everyone();
    const { group, a1, b } = await crowd('mutual');
    const message = await sendMessage(b, group, `${tokenOf(alice)} ${tokenOf(erin)}`);
    expect(message.mentions).toEqual(idsOf(alice, erin));
    expect(await a1.next('message')).toEqual(message);
    for (const user of [alice, bob, erin]) expect((await history(user, group))[0].mentions).toEqual(idsOf(alice, erin));
  });
});
