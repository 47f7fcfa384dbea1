/** Port: how many connections each user has open (across instances once they share one). */
export abstract class PresenceRepository {
  /** Counts a new connection; `true` when it is the user's first. */
  abstract connect(userId: string): Promise<boolean>;
  /** Counts a closed connection; `true` when it was the user's last. */
  abstract disconnect(userId: string): Promise<boolean>;
  /** Which of these users have at least one connection. */
  abstract online(userIds: readonly string[]): Promise<Set<string>>;
}
