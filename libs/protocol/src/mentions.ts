/**
 * Mentions (CONTRACT.md, "Mentions"): the token `<@userId>` in a message's
 * text. The server keeps the ids of current members among them; a client
 * shows each as `@displayName`.
 */

/** At most this many users are mentioned by one message; later tokens are plain text. */
export const MENTIONS_MAX = 20;

/** A mention token; the id is opaque, so anything but brackets, `@` and white space. */
const MENTION_TOKEN = /<@([^<>@\s]+)>/g;

/** The token that mentions `userId`. */
export function mentionToken(userId: string): string {
  return `<@${userId}>`;
}

/** The ids that `text`'s tokens name, distinct, in order of first appearance (members or not). */
export function mentionTokenIds(text: string): string[] {
  if (!text.includes('<@')) return [];
  const ids = new Set<string>();
  for (const match of text.matchAll(MENTION_TOKEN)) ids.add(match[1]);
  return [...ids];
}

/** Splits text into plain runs and mention tokens, in order (for rendering). */
export function splitMentions(text: string): Array<{ text: string } | { mention: string }> {
  const parts: Array<{ text: string } | { mention: string }> = [];
  let last = 0;
  for (const match of text.matchAll(MENTION_TOKEN)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at) });
    parts.push({ mention: match[1] });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/**
 * The contract's rule, given the token ids of the text (`mentionTokenIds`):
 * the replied-to message's sender first (always kept), then the tokens'
 * ids in order of first appearance; only current members, never the
 * sender, each once, at most MENTIONS_MAX.
 */
export function deriveMentions(tokenIds: readonly string[], senderId: string, repliedToSenderId: string | null, isMember: (userId: string) => boolean): string[] {
  const mentions: string[] = [];
  const candidates = repliedToSenderId === null ? tokenIds : [repliedToSenderId, ...tokenIds];
  for (const id of candidates) {
    if (mentions.length === MENTIONS_MAX) break;
    if (id !== senderId && !mentions.includes(id) && isMember(id)) mentions.push(id);
  }
  return mentions;
}
