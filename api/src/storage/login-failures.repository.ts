export interface WindowCount {
  count: number;
  /** Seconds until the window, and so the count, resets. */
  resetInSeconds: number;
}

/** Port: counts login attempts per key (an email, an address) in fixed windows. */
export abstract class LoginFailuresRepository {
  /** Adds one and returns the count in the current window, atomically. */
  abstract increment(key: string, windowSeconds: number): Promise<WindowCount>;
  /** Takes one back (an attempt that turned out to succeed). */
  abstract decrement(key: string): Promise<void>;
  abstract reset(key: string): Promise<void>;
}
