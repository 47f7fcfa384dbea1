import { isStorableText } from '../common/validation/storable-text';
import type { SearchPosition } from '../storage/search.repository';

/**
 * The `next` of a search page, opaque to clients: where the page ended, as
 * `<microseconds>.<seq>.<group key>` in base64url. Only what `encode` makes
 * decodes; anything else is `null` (a 400 for the caller).
 */
export function encodeSearchCursor(position: SearchPosition): string {
  return Buffer.from(`${position.atMicros}.${position.seq}.${position.groupKey}`, 'utf8').toString('base64url');
}

const CURSOR = /^(\d{1,17})\.(\d{1,16})\.([\s\S]+)$/;

export function decodeSearchCursor(cursor: string): SearchPosition | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // A key PostgreSQL could not take as text (U+0000, a broken sequence) is no key a page ended at.
  if (!match || !isStorableText(match[3]) || match[3].includes('\uFFFD')) return null;
  const [, atMicros, seq, groupKey] = match;
  const position = { atMicros: Number(atMicros), seq: Number(seq), groupKey };
  // Re-encoding must give the cursor back: no other spelling of a position (or stray bytes) gets through.
  return encodeSearchCursor(position) === cursor && Number.isSafeInteger(position.atMicros) && position.seq >= 1 ? position : null;
}
