import { codePointLength, GROUP_NAME_MAX_LENGTH, groupKey } from '@chat/protocol';
import { isStorableText } from '../common/validation/storable-text';

/** Names seen lately and their keys: every send looks its group up by name. */
const recentKeys = new Map<string, string | null>();
/** Bounds the cache: names come from clients, so it must not grow without limit. */
const RECENT_KEYS_MAX = 10_000;

/**
 * The key a group name from a path or a frame is stored under, or `null`
 * when no group can have that name:
 * - over GROUP_NAME_MAX_LENGTH code points: every stored name is trimmed and
 *   at most that long (the WebSocket frame decoder refuses the same names),
 *   and such names are not cached, so the cache holds at most
 *   RECENT_KEYS_MAX short entries whatever paths clients send;
 * - unstorable text: PostgreSQL would fail the query on U+0000
 *   (docs/decisions/input-hardening.md).
 * Such a name is simply not found, in every store.
 *
 * Remembered: normalising and case-folding build three strings, and every
 * send names its group, while a chat names the same few groups over and over.
 */
export function lookupKey(name: string): string | null {
  if (isOverLong(name)) return null;
  let key = recentKeys.get(name);
  if (key === undefined) {
    key = isStorableText(name) ? groupKey(name) : null;
    if (recentKeys.size >= RECENT_KEYS_MAX) recentKeys.clear();
    recentKeys.set(name, key);
  }
  return key;
}

/** How many names the cache holds now (for tests of its bound). */
export function cachedLookupCount(): number {
  return recentKeys.size;
}

function isOverLong(name: string): boolean {
  // UTF-16 units are never fewer than code points: the common short name skips the count.
  return name.length > GROUP_NAME_MAX_LENGTH && codePointLength(name) > GROUP_NAME_MAX_LENGTH;
}
