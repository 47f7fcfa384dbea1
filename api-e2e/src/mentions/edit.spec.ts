import { history, joinGroup } from '../support/api-client';
import { leaveGroup, sendMessage } from '../support/chat';
import { useCrowd } from '../support/crowd';
import { allChanges, ChangeWatch, deleted, edited, editEventOf, editMessage, expectNoMoreChanges, tombstoneOf, watchAfter } from '../support/lifecycle';
import { idsOf, tokenOf } from '../support/mentions';

/** Every edit re-derives `mentions` from the new text, against the members of the group at that moment. */
describe('mentions on edit and delete', () => {
  const { everyone, crowd } = useCrowd();

  it('an edit adds and removes mentions: the answer, the `edit` event on every connection, the history and changes carry them', async () => {
    const { alice, bob, dave, erin } = everyone();
    const { group, a1, c, members } = await crowd('edit');
    const original = await sendMessage(a1, group, `hello ${tokenOf(bob)}`);
    expect(original.mentions).toEqual(idsOf(bob));
    const outsider = new ChangeWatch([c]);

    const steps: Array<[string, string[]]> = [
      [`hello ${tokenOf(bob)} and ${tokenOf(dave)}`, idsOf(bob, dave)], // added
      [`hello ${tokenOf(dave)}`, idsOf(dave)], // removed
      [`${tokenOf(erin)} first, then ${tokenOf(dave)}`, idsOf(erin, dave)], // reordered
      ['hello nobody', []], // all gone
    ];
    for (const [i, [text, mentions]] of steps.entries()) {
      const watch = await watchAfter(members, group, 1 + i);
      const changed = await edited(alice, group, 1, text);
      expect({ text: changed.text, mentions: changed.mentions }).toEqual({ text, mentions });
      await watch.expectExactly([{ event: 'edit', data: editEventOf(changed) }], 0);
      expect((await history(dave, group))[0]).toEqual(changed);
      expect((await allChanges(erin, group)).messages).toEqual([changed]);
    }
    await outsider.expectNone(0);
  });

  it('re-derived against the members at the time of the edit: who joined since is mentioned, who left is not', async () => {
    const { alice, carol, dave } = everyone();
    const { group, a1 } = await crowd('members');
    const text = `${tokenOf(carol)} and ${tokenOf(dave)}`;
    const original = await sendMessage(a1, group, text);
    expect(original.mentions).toEqual(idsOf(dave));
    await joinGroup(carol, group);
    await leaveGroup(dave, group);
    const changed = await edited(alice, group, 1, `${text}!`);
    expect(changed.mentions).toEqual(idsOf(carol));
    await leaveGroup(carol, group);
  });

  it('an edit to the same text changes nothing, mentions included, even if the members changed since', async () => {
    const { alice, carol } = everyone();
    const { group, a1, members } = await crowd('same');
    const original = await sendMessage(a1, group, `${tokenOf(carol)} not yet here`);
    expect(original.mentions).toEqual([]);
    await joinGroup(carol, group);
    const watch = await watchAfter(members, group, 1);
    const res = await editMessage(alice, group, 1, ` ${original.text} `);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: original });
    await expectNoMoreChanges(watch, a1, group, 1);
    await leaveGroup(carol, group);
  });

  it('a delete leaves mentions []', async () => {
    const { alice, bob, dave } = everyone();
    const { group, a1, b } = await crowd('delete');
    const original = await sendMessage(a1, group, `${tokenOf(bob)} ${tokenOf(dave)}`);
    await deleted(alice, group, 1);
    expect(await b.next('delete')).toEqual({ group, seq: 1, rev: 2 });
    const stored = (await history(bob, group))[0];
    expect(stored).toEqual(tombstoneOf(original, 2));
    expect(stored.mentions).toEqual([]);
    expect((await allChanges(dave, group)).messages[0].mentions).toEqual([]);
  });
});
