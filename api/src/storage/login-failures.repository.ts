/** Port: counts failed logins per key (an email, an address) in a fixed window. */
export abstract class LoginFailuresRepository {
  /** Adds one failure and returns the count in the current window. */
  abstract increment(key: string, windowSeconds: number): Promise<number>;
  /** The count in the current window and the seconds until it resets. */
  abstract get(key: string): Promise<{ count: number; resetInSeconds: number }>;
  abstract reset(key: string): Promise<void>;
}
