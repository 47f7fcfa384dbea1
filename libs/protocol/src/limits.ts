/**
 * The numeric and textual limits of the public contract (CONTRACT.md).
 * Shared by the API (validation) and the web client (form hints), so both
 * always agree. Lengths count Unicode code points, not UTF-16 units.
 */
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX_LENGTH = 50;

export const GROUP_NAME_MAX_LENGTH = 50;
/** Letters, digits, spaces, `-`, `_` and `.`, starting with a letter or a digit. */
export const GROUP_NAME_PATTERN = /^[\p{L}\p{Nd}][\p{L}\p{Nd} _.-]*$/u;

/**
 * Every dm's name starts with this: outside the group-name grammar (which
 * starts with a letter or a digit), so a dm can never clash with a group.
 */
export const DM_NAME_PREFIX = '@';

export const MESSAGE_TEXT_MAX_LENGTH = 4000;
export const CLIENT_MSG_ID_MAX_LENGTH = 64;

export const HISTORY_PAGE_DEFAULT = 50;
export const HISTORY_PAGE_MAX = 100;

export const CHANGES_PAGE_DEFAULT = 100;
export const CHANGES_PAGE_MAX = 100;

/** A reply quotes this many code points of the message it answers. */
export const REPLY_EXCERPT_LENGTH = 100;

/** The first `length` code points of `text` (never half of a surrogate pair). */
export function codePointPrefix(text: string, length: number): string {
  let end = 0;
  for (let count = 0; count < length && end < text.length; count++) {
    const unit = text.charCodeAt(end);
    const next = text.charCodeAt(end + 1);
    end += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return text.slice(0, end);
}

/** A WebSocket frame over this many bytes closes the connection with 1009. */
export const WS_MAX_FRAME_BYTES = 64 * 1024;
/** A REST request body over this many bytes is refused with 413. */
export const HTTP_MAX_BODY_BYTES = 16 * 1024;

/** How long a client shows "is typing" after a `typing` event. */
export const TYPING_DISPLAY_MS = 5000;
/** The server forwards at most one `typing` per user and group this often. */
export const TYPING_FORWARD_INTERVAL_MS = 2000;

/** Counts Unicode code points, the unit every length in the contract uses. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The group-name rule of the contract, applied to an already trimmed name. */
export function isValidGroupName(name: string): boolean {
  const length = codePointLength(name);
  return length >= 1 && length <= GROUP_NAME_MAX_LENGTH && GROUP_NAME_PATTERN.test(name);
}

/**
 * Group names are unique regardless of case: this is the comparison key.
 * Upper- then lower-casing folds what a single toLowerCase misses (final
 * sigma: ΟΔΟΣ and οδοσ; ß and SS), and NFC makes a composed and a
 * decomposed é the same name.
 */
export function groupKey(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase();
}
