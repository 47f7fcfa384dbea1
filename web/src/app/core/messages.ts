import type { Message } from '@chat/protocol';

/**
 * Merges messages into a list sorted by seq, one copy per seq: of two
 * copies of a seq the one with the higher `rev` (its latest change) wins,
 * and of two with the same rev the one already held. This is how history
 * pages, catch-up and live events meet without duplicates, and how an
 * edit or delete replaces what was shown.
 * The last step of per-group order: docs/decisions/ordering-and-acknowledgement.md.
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const last = existing[existing.length - 1];
  // The common case, one live message after the newest: no sort needed.
  if (incoming.length === 1 && (!last || incoming[0].seq > last.seq)) return [...existing, incoming[0]];
  const bySeq = new Map<number, Message>();
  for (const message of existing) bySeq.set(message.seq, message);
  let changed = false;
  for (const message of incoming) {
    const held = bySeq.get(message.seq);
    if (held && !isNewer(message, held)) continue;
    bySeq.set(message.seq, message);
    changed = true;
  }
  return changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : (existing as Message[]);
}

/** Whether `copy` shows a later state of the message than `held`. */
export function isNewer(copy: Message, held: Message): boolean {
  return copy.rev > held.rev;
}

/** The index of the message with this seq in a list sorted by seq, or -1. */
export function indexOfSeq(messages: readonly Message[], seq: number): number {
  let low = 0;
  let high = messages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = messages[middle].seq;
    if (found === seq) return middle;
    if (found < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
