import { deriveMentions, isReactionEmoji, mentionTokenIds, mentionToken, splitMentions } from './index';

describe('mentionTokenIds', () => {
  it('lists distinct ids in order of first appearance', () => {
    expect(mentionTokenIds('hi <@b> and <@a>, <@b> again')).toEqual(['b', 'a']);
  });

  it('ignores what is not a whole token', () => {
    expect(mentionTokenIds('<@> <@a b> <@@x> @a <a> plain')).toEqual([]);
  });

  it('round-trips mentionToken', () => {
    const id = '6f1c2a9e-8a57-4bd4-a4f3-0c3f4b0e2a11';
    expect(mentionTokenIds(`${mentionToken(id)}!`)).toEqual([id]);
  });
});

describe('splitMentions', () => {
  it('keeps the text around tokens, in order', () => {
    expect(splitMentions('a <@x> b<@y>')).toEqual([{ text: 'a ' }, { mention: 'x' }, { text: ' b' }, { mention: 'y' }]);
  });
});

describe('isReactionEmoji', () => {
  it.each(['👍', '❤️', '👨‍👩‍👧', '🇫🇷', '👍🏽', '🏳️‍🌈', '1️⃣'])('accepts %s', (emoji) => {
    expect(isReactionEmoji(emoji)).toBe(true);
  });

  it.each(['', 'a', '👍👍', '❤', ' 👍', '👍 ', '<3', '🇫'])('refuses %j', (value) => {
    expect(isReactionEmoji(value)).toBe(false);
  });
});

describe('deriveMentions', () => {
  const members = new Set(['me', 'a', 'b', 'r', ...Array.from({ length: 30 }, (_, i) => `m${i}`)]);
  const isMember = (id: string) => members.has(id);

  it('keeps members other than the sender, in order, once', () => {
    expect(deriveMentions(['b', 'me', 'x', 'a', 'b'], 'me', null, isMember)).toEqual(['b', 'a']);
  });

  it('puts the replied-to sender first and keeps it within the cap', () => {
    const many = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const mentions = deriveMentions(many, 'me', 'r', isMember);
    expect(mentions).toHaveLength(20);
    expect(mentions[0]).toBe('r');
    expect(mentions[19]).toBe('m18');
  });

  it('does not mention the sender replying to themselves, nor a replied-to sender who left', () => {
    expect(deriveMentions(['a'], 'me', 'me', isMember)).toEqual(['a']);
    expect(deriveMentions(['a'], 'me', 'gone', isMember)).toEqual(['a']);
  });
});
