import type { Group, Message, User } from '@chat/protocol';

/**
 * What happened, as every instance needs to hear it to update its own
 * sockets. Payloads are already in the client's shape, so delivering one
 * needs no storage look-up; later a Redis adapter carries them as JSON.
 */
export type LiveEvent =
  | { type: 'message'; groupKey: string; message: Message }
  | { type: 'typing'; groupKey: string; group: string; user: User }
  | { type: 'read'; userId: string; group: string; seq: number; originConnectionId?: string }
  | { type: 'presence'; user: User; online: boolean; groupKeys: string[] }
  /** `lastSeq`: the group's newest seq when the member joined, where live ordering starts for them. */
  | { type: 'member'; groupKey: string; group: string; user: User; joined: boolean; lastSeq: number }
  /** `group` is the view of someone who is not a member; `creatorView` the creator's. */
  | { type: 'group'; group: Group; creatorView: Group; creatorId: string; groupKey: string }
  | { type: 'session-revoked'; tokenId: string }
  /**
   * Not something that happened: the bus was interrupted (Redis unreachable),
   * so this instance may have missed events of others and must re-read from
   * storage what they would have told it. Raised by the Redis adapter on
   * reconnecting, and sent to every other instance too.
   */
  | { type: 'resync' };

export type LiveEventType = LiveEvent['type'];
