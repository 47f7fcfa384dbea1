import { groupNotFound } from '../common/errors/domain-error';
import { lookupKey } from '../groups/group-lookup';
import type { MessageRef } from '../storage/records';

/** The message a route names, for `userId`. A name that cannot be a group's is a 404 before storage is asked. */
export function messageRef(user: { id: string }, groupName: string, seq: number): MessageRef {
  const groupKey = lookupKey(groupName);
  if (!groupKey) throw groupNotFound(groupName);
  return { groupKey, seq, userId: user.id };
}
