import type { ReadMarker } from './records';

/** Port: each member's read marker (the highest seq they have read) per group, and what is unread above it. */
export abstract class ReadMarkersRepository {
  /** The caller's markers by group key, for the groups they are in. */
  abstract forUser(userId: string): Promise<Map<string, ReadMarker>>;
  abstract get(groupKey: string, userId: string): Promise<ReadMarker | null>;
  /**
   * Moves the marker forward to `seq`, capped at the group's lastSeq.
   * Returns the new marker, or `null` when it did not move (lower seq, not a member).
   */
  abstract advance(groupKey: string, userId: string, seq: number): Promise<number | null>;
}
