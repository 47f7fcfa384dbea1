import { codePointLength, codePointPrefix, groupKey, isValidGroupName } from './limits';

describe('codePointLength', () => {
  it('counts an astral character (a surrogate pair) as one', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect('a😀b'.length).toBe(4);
  });

  it('counts a lone surrogate as one', () => {
    expect(codePointLength('\ud800x')).toBe(2);
  });
});

describe('isValidGroupName', () => {
  it.each(['general', 'Café du Coin', 'r2-d2_fans.v1', '日本語', '9lives'])('accepts %p', (name) => {
    expect(isValidGroupName(name)).toBe(true);
  });

  it.each(['', ' lead', '-dash', 'semi;colon', 'tab\tname', 'emoji😀', 'x'.repeat(51)])('rejects %p', (name) => {
    expect(isValidGroupName(name)).toBe(false);
  });

  it('accepts exactly 50 code points, astral letters included', () => {
    expect(isValidGroupName('𝒜'.repeat(50))).toBe(true);
  });
});

describe('groupKey', () => {
  it('makes names that differ only in case equal', () => {
    expect(groupKey('General')).toBe(groupKey('gENERAL'));
  });

  it('folds final sigma, sharp s and decomposed accents', () => {
    expect(groupKey('ΟΔΟΣ')).toBe(groupKey('οδοσ'));
    expect(groupKey('Straße')).toBe(groupKey('STRASSE'));
    expect(groupKey('Cafe\u0301')).toBe(groupKey('Café'));
  });

  it('keeps different names apart', () => {
    expect(groupKey('general')).not.toBe(groupKey('generals'));
  });
});

describe('codePointPrefix', () => {
  it('cuts after whole code points, never inside a surrogate pair', () => {
    expect(codePointPrefix('a😀b', 2)).toBe('a😀');
    expect(codePointPrefix('😀😀😀', 1)).toBe('😀');
  });

  it('returns a shorter text whole', () => {
    expect(codePointPrefix('abc', 100)).toBe('abc');
  });
});
