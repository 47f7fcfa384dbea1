import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

describe('search cursors', () => {
  it('round-trips a position, group keys with dots and non-ASCII included', () => {
    for (const position of [
      { atMicros: 1796546715829123, seq: 12, groupKey: 'general' },
      { atMicros: 0, seq: 1, groupKey: 'v1.2 release.notes' },
      { atMicros: 1796546715829000, seq: 9007199254740991, groupKey: '@q4n7c2vyb5xk3m6ztw2rj7hdle' },
      { atMicros: 1, seq: 3, groupKey: 'général 東京' },
    ]) {
      expect(decodeSearchCursor(encodeSearchCursor(position))).toEqual(position);
    }
  });

  it('refuses anything it did not make', () => {
    const good = encodeSearchCursor({ atMicros: 5, seq: 2, groupKey: 'g' });
    for (const bad of ['', 'x', '!!!', `${good}=`, `${good}A`, Buffer.from('5.0.g').toString('base64url'), Buffer.from('5.2.').toString('base64url'), Buffer.from('-5.2.g').toString('base64url'), Buffer.from('05.2.g').toString('base64url'), 'a'.repeat(401)]) {
      expect({ bad, decoded: decodeSearchCursor(bad) }).toEqual({ bad, decoded: null });
    }
  });
});
