import { isStorableText } from '../common/validation/storable-text';

/**
 * Whether a name from a path or a frame can be looked up at all: no group
 * name holds unstorable text, and PostgreSQL would fail the query on
 * U+0000 (`GET /api/groups/%00` was a 500, found by fuzzing). Such a name
 * is simply not found, in every store.
 */
export function couldNameAGroup(name: string): boolean {
  return isStorableText(name);
}
