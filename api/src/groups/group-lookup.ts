import { groupKey } from '@chat/protocol';
import { isStorableText } from '../common/validation/storable-text';

/**
 * The key a group name from a path or a frame is stored under, or `null`
 * when no group can have that name: no group name holds unstorable text,
 * and PostgreSQL would fail the query on U+0000 (`GET /api/groups/%00` was
 * a 500, found by fuzzing). Such a name is simply not found, in every store.
 */
export function lookupKey(name: string): string | null {
  return isStorableText(name) ? groupKey(name) : null;
}
