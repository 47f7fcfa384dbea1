import type { UserRecord } from '../storage/records';

/** An authenticated caller: who, and which token (for logout and closing its sockets). */
export interface Session {
  user: UserRecord;
  tokenId: string;
  expiresAt: Date;
}
