import { DM_NAME_PREFIX } from '@chat/protocol';
import { createHash } from 'node:crypto';

/** RFC 4648's base32 alphabet, lower-cased: a name that is its own key (no case to fold). */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** 26 characters of 5 bits: 130 bits of the hash, so two pairs never share a name. */
const HASH_CHARACTERS = 26;

/**
 * The name (and key) of the dm of two users, the same whoever asks:
 * DM_NAME_PREFIX, outside the group-name grammar, so no group can take it,
 * then a hash of the pair in order. Deriving it from the pair makes the
 * store's unique key on group names one more guard of "one dm per pair",
 * and keeps it short enough for every name limit (27 code points).
 */
export function dmName(userId: string, otherId: string): string {
  const [low, high] = userId < otherId ? [userId, otherId] : [otherId, userId];
  const digest = createHash('sha256').update(`${low}\n${high}`).digest();
  let name = DM_NAME_PREFIX;
  let bits = 0;
  let buffer = 0;
  for (const byte of digest) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && name.length <= HASH_CHARACTERS) {
      bits -= 5;
      name += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
    if (name.length > HASH_CHARACTERS) break;
  }
  return name;
}
