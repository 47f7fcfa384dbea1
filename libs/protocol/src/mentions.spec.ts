import { isReactionEmoji, mentionTokenIds, mentionToken, splitMentions } from './index';

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
