import type { DeleteEvent, Dm, EditEvent, Group, Message, ReactionEvent, User } from '@chat/protocol';

/**
 * A change to a group's history, as the frame its members receive: each
 * carries its group `rev`, and they reach every socket in rev order.
 */
export type HistoryChange =
  | { event: 'message'; data: Message }
  | { event: 'edit'; data: EditEvent }
  | { event: 'delete'; data: DeleteEvent }
  | { event: 'reaction'; data: ReactionEvent };

/**
 * What happened, as every instance needs to hear it to update its own
 * sockets. Payloads are already in the client's shape, so delivering one
 * needs no storage look-up; later a Redis adapter carries them as JSON.
 */
export type LiveEvent =
  | { type: 'change'; groupKey: string; change: HistoryChange }
  | { type: 'typing'; groupKey: string; group: string; user: User }
  | { type: 'read'; userId: string; group: string; seq: number; originConnectionId?: string }
  | { type: 'presence'; user: User; online: boolean; groupKeys: string[] }
  /** `lastSeq`, `lastRev`: the group's newest seq and rev when the member joined, where live ordering starts for them. */
  | { type: 'member'; groupKey: string; group: string; user: User; joined: boolean; lastSeq: number; lastRev: number }
  /** `group` is the view of someone who is not a member; `creatorView` the creator's. */
  | { type: 'group'; group: Group; creatorView: Group; creatorId: string; groupKey: string }
  /** A dm was opened: `dm` is both members' view (a new dm has no message, so they see the same). */
  | { type: 'dm'; groupKey: string; dm: Dm; memberIds: string[] }
  | { type: 'session-revoked'; tokenId: string }
  /**
   * Not something that happened: the bus was interrupted (Redis unreachable),
   * so this instance may have missed events of others and must re-read from
   * storage what they would have told it. Raised by the Redis adapter on
   * reconnecting, and sent to every other instance too.
   */
  | { type: 'resync' };

export type LiveEventType = LiveEvent['type'];
