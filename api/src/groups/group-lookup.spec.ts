import { GROUP_NAME_MAX_LENGTH } from '@chat/protocol';
import { cachedLookupCount, lookupKey } from './group-lookup';

describe(lookupKey.name, () => {
  it('finds the case-folded, NFC key of a name up to the longest a group may have', () => {
    expect(lookupKey('Général')).toBe('général');
    expect(lookupKey('E\u0301TÉ')).toBe('été');
    const longest = 'Ä'.repeat(GROUP_NAME_MAX_LENGTH);
    expect(lookupKey(longest)).toBe('ä'.repeat(GROUP_NAME_MAX_LENGTH));
  });

  it('counts code points, not UTF-16 units: 50 astral letters are a possible name', () => {
    const astral = '𝐀'.repeat(GROUP_NAME_MAX_LENGTH); // 100 UTF-16 units
    expect(lookupKey(astral)).not.toBeNull();
  });

  it('has no key for unstorable text', () => {
    expect(lookupKey('a\u0000b')).toBeNull();
    expect(lookupKey('a\ud800')).toBeNull();
  });

  it('has no key for a name longer than any group name, and does not remember it', () => {
    const before = cachedLookupCount();
    for (let i = 0; i < 1000; i++) expect(lookupKey(`${i}-${'x'.repeat(15 * 1024)}`)).toBeNull();
    expect(lookupKey('a'.repeat(GROUP_NAME_MAX_LENGTH + 1))).toBeNull();
    expect(lookupKey('𝐀'.repeat(GROUP_NAME_MAX_LENGTH + 1))).toBeNull();
    expect(cachedLookupCount()).toBe(before);
  });

  it('remembers names it could find', () => {
    const before = cachedLookupCount();
    lookupKey('remembered once');
    lookupKey('remembered once');
    expect(cachedLookupCount()).toBe(before + 1);
  });
});
