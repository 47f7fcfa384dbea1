import { history } from '../support/api-client';
import { sendMessage } from '../support/chat';
import { expectNestError } from '../support/expect';
import { expectNoMoreChanges, revAndSeq, watchAfter } from '../support/lifecycle';
import { isOneRgiEmoji, react, reacted, reactionEventOf, reactionPath, unreact, unreacted } from '../support/reactions';
import { useCrowd } from '../support/crowd';

/** Code points, to show exactly what came back. */
const codePoints = (s: string) => [...s].map((c) => (c.codePointAt(0) as number).toString(16).toUpperCase());

/** One fully-qualified RGI emoji each: sequences the server must keep exactly as sent. */
const ACCEPTED: Array<[string, string]> = [
  ['a plain emoji', '👍'],
  ['a heart with its variation selector FE0F', '❤️'],
  ['a ZWJ family', '👨‍👩‍👧'],
  ['a ZWJ sequence with FE0F inside', '🏳️‍🌈'],
  ['a ZWJ sequence with a skin tone', '👩🏽‍💻'],
  ['a flag (two regional indicators)', '🇫🇷'],
  ['a subdivision flag (tag sequence)', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
  ['a skin tone', '👍🏽'],
  ['a keycap 1', '1️⃣'],
  ['a keycap #', '#️⃣'],
  ['a symbol with FE0F', '©️'],
];

/** Anything but exactly one fully-qualified RGI emoji. */
const REFUSED: Array<[string, string]> = [
  ['a letter', 'a'],
  ['a word', 'thumbsup'],
  ['a shortcode', ':+1:'],
  ['a digit', '1'],
  ['two emoji', '👍👍'],
  ['two different emoji', '👍❤️'],
  ['two flags', '🇫🇷🇫🇷'],
  ['❤ without FE0F (not fully qualified)', '❤'],
  ['❤ with the text selector FE0E', '❤︎'],
  ['a keycap without FE0F', '1⃣'],
  ['© without FE0F', '©'],
  ['a lone regional indicator', '🇫'],
  ['a dangling ZWJ', '👨‍👩‍'],
  ['an emoji and a space', '👍 '],
  ['a space and an emoji', ' 👍'],
  ['text around an emoji', 'ok👍'],
  ['markup', '<b>'],
  ['a long string', 'x'.repeat(300)],
  ['a NUL', '\u0000'],
];

describe('reactions: what an emoji is', () => {
  const { people, room } = useCrowd();

  it('the samples are what the contract says (one RGI emoji or not), checked apart from the server', () => {
    for (const [label, emoji] of ACCEPTED) expect({ label, one: isOneRgiEmoji(emoji) }).toEqual({ label, one: true });
    for (const [label, emoji] of REFUSED) expect({ label, one: isOneRgiEmoji(emoji) }).toEqual({ label, one: false });
  });

  it('accepts ZWJ sequences, flags, skin tones and keycaps, and returns each exactly as sent, in events and history', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('accepted');
    const message = await sendMessage(a1, group, 'every kind of emoji');
    for (const [, emoji] of ACCEPTED) await reacted(bob, group, 1, emoji);
    const events = await b.take('reaction', ACCEPTED.length);
    expect(events).toEqual(ACCEPTED.map(([, emoji], i) => reactionEventOf(message, { rev: 2 + i, emoji, user: bob, added: true, count: 1 })));
    const stored = (await history(alice, group))[0];
    expect(stored.reactions.map((r) => codePoints(r.emoji))).toEqual(ACCEPTED.map(([, e]) => codePoints(e)));
    expect(stored.reactions).toEqual(ACCEPTED.map(([, emoji]) => ({ emoji, count: 1, me: false })));
    // And DELETE finds each by the same string.
    for (const [, emoji] of ACCEPTED) await unreacted(bob, group, 1, emoji);
    expect((await history(alice, group))[0].reactions).toEqual([]);
    expect((await revAndSeq(alice, group)).lastRev).toBe(1 + 2 * ACCEPTED.length);
  });

  describe('400 for anything but one fully-qualified RGI emoji, on PUT and on DELETE; nothing changes', () => {
    it.each(REFUSED)('%s', async (_label, emoji) => {
      const { alice, bob } = people();
      const { group, a1, members } = await room('refused');
      const message = await sendMessage(a1, group, 'not that');
      // Bob holds the fully-qualified heart: a DELETE of the bare one must not touch it.
      await reacted(bob, group, 1, '❤️');
      const watch = await watchAfter(members, group, 2);
      expectNestError(await react(bob, group, 1, emoji), 400);
      expectNestError(await unreact(bob, group, 1, emoji), 400);
      expect((await history(alice, group))[0]).toEqual({ ...message, rev: 2, reactions: [{ emoji: '❤️', count: 1, me: false }] });
      await expectNoMoreChanges(watch, a1, group, 2);
    });
  });

  it.each([
    ['a malformed escape', '%zz'],
    ['a truncated UTF-8 sequence', '%F0%9F%91'],
    ['an encoded lone surrogate', '%ED%A0%BD'],
  ])('400 for %s in the path', async (_label, raw) => {
    const { alice, bob } = people();
    const { group, a1 } = await room('undecodable');
    await sendMessage(a1, group, 'garbled');
    expectNestError(await react(bob, group, 1, raw, true), 400);
    expectNestError(await unreact(bob, group, 1, raw, true), 400);
    expect((await revAndSeq(alice, group)).lastRev).toBe(1);
  });

  it('the emoji is URL-encoded in the path: upper- or lower-case escapes name the same emoji', async () => {
    const { alice, bob } = people();
    const { group, a1, members } = await room('encoding');
    const message = await sendMessage(a1, group, 'encoded');
    expect(reactionPath(group, 1, '❤️')).toMatch(/\/reactions\/%E2%9D%A4%EF%B8%8F$/);
    await reacted(bob, group, 1, '❤️');
    const watch = await watchAfter(members, group, 2);
    // The same emoji spelled with lower-case escapes: the same reaction, so nothing changes.
    expect((await react(bob, group, 1, '%e2%9d%a4%ef%b8%8f', true)).status).toBe(204);
    expect((await react(alice, group, 1, '%e2%9d%a4%ef%b8%8f', true)).status).toBe(204);
    const event = reactionEventOf(message, { rev: 3, emoji: '❤️', user: alice, added: true, count: 2 });
    await expectNoMoreChanges(watch, a1, group, 3, [{ event: 'reaction', data: event }]);
    expect((await unreact(bob, group, 1, '%E2%9D%A4%ef%b8%8f', true)).status).toBe(204);
    expect((await history(alice, group))[0].reactions).toEqual([{ emoji: '❤️', count: 1, me: true }]);
  });
});
