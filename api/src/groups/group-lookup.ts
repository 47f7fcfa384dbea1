import { groupKey } from '@chat/protocol';
import { isStorableText } from '../common/validation/storable-text';

/** Names seen lately and their keys: every send looks its group up by name. */
const recentKeys = new Map<string, string | null>();
/** Bounds the cache: names come from clients, so it must not grow without limit. */
const RECENT_KEYS_MAX = 10_000;

/**
 * The key a group name from a path or a frame is stored under, or `null`
 * when no group can have that name: no group name holds unstorable text,
 * and PostgreSQL would fail the query on U+0000 (`GET /api/groups/%00` was
 * a 500, found by fuzzing). Such a name is simply not found, in every store.
 *
 * Remembered: normalising and case-folding build three strings, and every
 * send names its group, while a chat names the same few groups over and over.
 */
export function lookupKey(name: string): string | null {
  let key = recentKeys.get(name);
  if (key === undefined) {
    key = isStorableText(name) ? groupKey(name) : null;
    if (recentKeys.size >= RECENT_KEYS_MAX) recentKeys.clear();
    recentKeys.set(name, key);
  }
  return key;
}
