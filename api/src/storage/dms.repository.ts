import type { DmRecord } from './records';

/** Who opens a dm with whom, under which key (derived from the pair, see dm-name.ts). */
export interface NewDm {
  key: string;
  name: string;
  openerId: string;
  otherId: string;
}

/** Port: direct messages, the groups of exactly two people (CONTRACT.md, "Direct messages"). */
export abstract class DmsRepository {
  /**
   * The dm of the pair, stored with both as members unless it exists:
   * `created` is true for exactly one caller however many open it at once.
   * The pair's uniqueness is the store's constraint, not a prior look-up.
   */
  abstract open(dm: NewDm): Promise<{ dm: DmRecord; created: boolean }>;
  /** The dm under this key, `null` when there is none. */
  abstract find(key: string): Promise<DmRecord | null>;
  /** The user's dms, newest activity first. */
  abstract listOf(userId: string): Promise<DmRecord[]>;
  /** Whether the two are both members of at least one group (a dm does not count). */
  abstract shareAGroup(userId: string, otherId: string): Promise<boolean>;
}
