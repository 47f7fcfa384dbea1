import type { Message } from '@chat/protocol';

/**
 * Merges messages into a list sorted by seq, dropping seqs it already has:
 * how history pages, catch-up and live events meet without duplicates.
 * The last step of per-group order: docs/decisions/ordering-and-acknowledgement.md.
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const last = existing[existing.length - 1];
  // The common case, one live message after the newest: no sort needed.
  if (incoming.length === 1 && (!last || incoming[0].seq > last.seq)) return [...existing, incoming[0]];
  const bySeq = new Map<number, Message>();
  for (const message of existing) bySeq.set(message.seq, message);
  for (const message of incoming) if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
