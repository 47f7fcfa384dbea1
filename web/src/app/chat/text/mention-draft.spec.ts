import { fromTokens, insertMention, mentionCandidates, mentionQueryAt, toTokens } from './mention-draft';

const people = [
  { id: 'u-me', displayName: 'Me Myself' },
  { id: 'u-ben', displayName: 'Ben Ortiz' },
  { id: 'u-benji', displayName: 'Benji' },
  { id: 'u-ana', displayName: 'Ana Lima' },
  { id: 'u-zoe', displayName: 'Zoë Bennett' },
  { id: 'u-eli', displayName: 'Élise' },
];

describe('mention drafts', () => {
  describe(mentionQueryAt.name, () => {
    it('finds the @ typed just before the caret, at the start or after a space', () => {
      expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
      expect(mentionQueryAt('hi @be', 6)).toEqual({ start: 3, query: 'be' });
      expect(mentionQueryAt('(@an', 4)).toEqual({ start: 1, query: 'an' });
    });

    it('finds nothing in an e-mail address, after a space, or past the caret', () => {
      expect(mentionQueryAt('ana@example', 11)).toBeNull();
      expect(mentionQueryAt('@ben ', 5)).toBeNull();
      expect(mentionQueryAt('hi @ben', 2)).toBeNull();
      expect(mentionQueryAt('no at here', 10)).toBeNull();
    });
  });

  describe(mentionCandidates.name, () => {
    it('offers names or words of names starting with the query first, never me', () => {
      expect(mentionCandidates(people, 'ben', 'u-me').map((p) => p.id)).toEqual(['u-ben', 'u-benji', 'u-zoe']);
      expect(mentionCandidates(people, 'li', 'u-me').map((p) => p.id)).toEqual(['u-ana', 'u-eli']);
      expect(mentionCandidates(people, 'me', 'u-me')).toEqual([]);
    });

    it('ignores case and accents', () => {
      expect(mentionCandidates(people, 'eli', 'u-me').map((p) => p.id)).toEqual(['u-eli']);
      expect(mentionCandidates(people, 'ZOE', 'u-me').map((p) => p.id)).toEqual(['u-zoe']);
    });

    it('offers everyone but me for a bare @, at most eight', () => {
      const many = Array.from({ length: 12 }, (_, i) => ({ id: `u-${i}`, displayName: `Person ${String(i).padStart(2, '0')}` }));
      expect(mentionCandidates(many, '', 'u-3')).toHaveLength(8);
      expect(mentionCandidates(people, '', 'u-me')).toHaveLength(5);
    });
  });

  describe(insertMention.name, () => {
    it('replaces the query by @name and a space, caret after it', () => {
      const text = 'hi @be how are you';
      expect(insertMention(text, { start: 3, query: 'be' }, 6, 'Ben Ortiz')).toEqual({ text: 'hi @Ben Ortiz how are you', caret: 14 });
      expect(insertMention('@', { start: 0, query: '' }, 1, 'Ana Lima')).toEqual({ text: '@Ana Lima ', caret: 10 });
    });
  });

  describe(toTokens.name, () => {
    const picked = new Map([
      ['Ben Ortiz', 'u-ben'],
      ['Ben', 'u-other'],
      ['Ana Lima', 'u-ana'],
    ]);

    it('turns each picked @name into its token, the longer name first', () => {
      expect(toTokens('@Ben Ortiz and @Ben, ask @Ana Lima!', picked)).toBe('<@u-ben> and <@u-other>, ask <@u-ana>!');
    });

    it('leaves a name that goes on, or one nobody picked, as it is', () => {
      expect(toTokens('@Benjamin and @Carl', picked)).toBe('@Benjamin and @Carl');
      expect(toTokens('plain text', new Map())).toBe('plain text');
    });
  });

  describe(fromTokens.name, () => {
    const names = new Map([
      ['u-ben', 'Ben Ortiz'],
      ['u-ana', 'Ana Lima'],
      ['u-ana2', 'Ana Lima'],
    ]);

    it('shows known tokens as @name and round-trips through toTokens', () => {
      const stored = 'hey <@u-ben>, <@u-ana> and <@u-gone> **now**';
      const editable = fromTokens(stored, names);
      expect(editable.text).toBe('hey @Ben Ortiz, @Ana Lima and <@u-gone> **now**');
      expect(toTokens(editable.text, editable.picked)).toBe(stored);
    });

    it('keeps a second person of the same name as a token', () => {
      const stored = '<@u-ana> <@u-ana2>';
      const editable = fromTokens(stored, names);
      expect(editable.text).toBe('@Ana Lima <@u-ana2>');
      expect(toTokens(editable.text, editable.picked)).toBe(stored);
    });
  });
});
