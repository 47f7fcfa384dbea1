import { matchesSearch, searchTerms } from './search';

describe(searchTerms.name, () => {
  it('splits words on white space and keeps quoted phrases whole', () => {
    expect(searchTerms('  lunch  "next friday" at\tnoon ')).toEqual(['lunch', 'next friday', 'at', 'noon']);
  });

  it('runs an unclosed phrase to the end, drops blank phrases and repeats', () => {
    expect(searchTerms('deploy "staging server')).toEqual(['deploy', 'staging server']);
    expect(searchTerms('a "" b "  " a')).toEqual(['a', 'b']);
  });

  it('splits a word at a quote', () => {
    expect(searchTerms('foo"bar baz"qux')).toEqual(['foo', 'bar baz', 'qux']);
  });

  it('keeps URLs, code and CJK as they are', () => {
    expect(searchTerms('https://example.com/a?b=c foo_bar() 100% 東京')).toEqual(['https://example.com/a?b=c', 'foo_bar()', '100%', '東京']);
  });

  it('takes a query with no term literally, and an empty one as none', () => {
    expect(searchTerms('""')).toEqual(['""']);
    expect(searchTerms('   ')).toEqual([]);
  });
});

describe(matchesSearch.name, () => {
  it('needs every term as a substring, ignoring case', () => {
    expect(matchesSearch('The Conference in ÄRHUS', ['conf', 'ärhus'])).toBe(true);
    expect(matchesSearch('The Conference', ['conf', 'missing'])).toBe(false);
    expect(matchesSearch('東京タワーに行く', ['東京'])).toBe(true);
  });
});
