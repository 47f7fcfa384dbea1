import { searchTerms } from '@chat/protocol';
import { highlight, snippet, type TextPart } from './search-highlight';

/** The parts as a string, marked ones in [brackets]. */
function shown(parts: TextPart[]): string {
  return parts.map((part) => (part.mark ? `[${part.text}]` : part.text)).join('');
}

describe(highlight.name, () => {
  it('marks every word of the query wherever it is, ignoring case', () => {
    expect(shown(highlight('Lunch at noon? LUNCH is late', searchTerms('lunch noon')))).toBe('[Lunch] at [noon]? [LUNCH] is late');
  });

  it('marks a quoted phrase with its inner spaces only where it is whole', () => {
    expect(shown(highlight('next week, or next friday', searchTerms('"next friday"')))).toBe('next week, or [next friday]');
  });

  it('marks substrings inside words, URLs and code, as the server finds them', () => {
    expect(shown(highlight('The conference is at https://example.com/a?b=c', searchTerms('conf example.com/a?b')))).toBe(
      'The [conf]erence is at https://[example.com/a?b]=c',
    );
    expect(shown(highlight('東京タワーに行く', ['東京']))).toBe('[東京]タワーに行く');
    expect(shown(highlight('up 100% today, not 100x', searchTerms('100%')))).toBe('up [100%] today, not 100x');
  });

  it('folds case on both sides beyond ASCII', () => {
    expect(shown(highlight('Viel ÄRGER in Århus', searchTerms('ärger århus')))).toBe('Viel [ÄRGER] in [Århus]');
  });

  it('marks the original characters when lower-casing makes one longer (İ)', () => {
    // 'İ'.toLowerCase() is two code units: the mark still covers the one character typed.
    expect(shown(highlight('İstanbul and istanbul', searchTerms('i\u0307stanbul')))).toBe('[İstanbul] and istanbul');
    expect(shown(highlight('İstanbul', ['stan']))).toBe('İ[stan]bul');
  });

  it('joins overlapping and touching matches into one mark', () => {
    expect(shown(highlight('abcdef', ['abc', 'bcd', 'def']))).toBe('[abcdef]');
    expect(shown(highlight('aaaa', ['aa']))).toBe('[aaaa]');
  });

  it('leaves a text without a match, or a search without terms, unmarked', () => {
    expect(highlight('nothing here', ['zebra'])).toEqual([{ text: 'nothing here', mark: false }]);
    expect(highlight('nothing here', [])).toEqual([{ text: 'nothing here', mark: false }]);
    expect(highlight('', ['a'])).toEqual([{ text: '', mark: false }]);
  });

  it('keeps markup as plain text: what looks like HTML is only characters to mark', () => {
    expect(highlight('<img src=x onerror=alert(1)>', ['img'])).toEqual([
      { text: '<', mark: false },
      { text: 'img', mark: true },
      { text: ' src=x onerror=alert(1)>', mark: false },
    ]);
  });
});

describe(snippet.name, () => {
  it('keeps a short text whole', () => {
    expect(shown(snippet('short and sweet', ['sweet'], 300))).toBe('short and [sweet]');
  });

  it('cuts a long text around its first match, with an ellipsis where it was cut', () => {
    const text = `${'word '.repeat(100)}needle ${'tail '.repeat(100)}`;
    const cut = shown(snippet(text, ['needle'], 100));
    expect(cut).toMatch(/^…(word )+\[needle\] (tail )+/);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(104);
  });

  it('starts at the beginning when the match is near it, and ends at the end when it is near that', () => {
    const text = `needle ${'x'.repeat(500)}`;
    expect(shown(snippet(text, ['needle'], 100))).toMatch(/^\[needle\] x+…$/);
    const late = `${'y'.repeat(500)} needle`;
    expect(shown(snippet(late, ['needle'], 100))).toMatch(/^…y+ \[needle\]$/);
  });

  it('never cuts an emoji in half', () => {
    const text = `${'😀'.repeat(200)} needle ${'😀'.repeat(200)}`;
    const cut = snippet(text, ['needle'], 101)
      .map((part) => part.text)
      .join('');
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(cut).toContain('needle');
  });
});
