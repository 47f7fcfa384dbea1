import type { ChangesPage } from '@chat/protocol';

/**
 * Port: a group's stored changes after a rev, which live delivery reads to
 * fill a gap in its rev order. Implemented by the messages side
 * (StoredMessageHistory), so delivery depends on this narrow read only and
 * never on MessagesService, which publishes what delivery consumes.
 */
export abstract class MessageHistory {
  /** Up to one page of the messages changed after `afterRev`, in their current state, ascending by rev; `null` for an unknown group. */
  abstract changesSince(groupKey: string, afterRev: number): Promise<ChangesPage | null>;
}
