/** Port: each member's read marker (the highest seq they have read) per group. */
export abstract class ReadMarkersRepository {
  /** The caller's markers by group key, for the groups they are in. */
  abstract forUser(userId: string): Promise<Map<string, number>>;
  abstract get(groupKey: string, userId: string): Promise<number | null>;
  /**
   * Moves the marker forward to `seq`, capped at the group's lastSeq.
   * Returns the new marker, or `null` when it did not move (lower seq, not a member).
   */
  abstract advance(groupKey: string, userId: string, seq: number): Promise<number | null>;
}
