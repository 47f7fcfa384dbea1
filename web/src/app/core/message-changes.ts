import { codePointPrefix, type DeleteEvent, type EditEvent, type Message, type Reaction, type ReactionEvent, REPLY_EXCERPT_LENGTH, type ReplyTo } from '@chat/protocol';

/** What a reply shows of the message it answers: its excerpt, or that it is gone. */
export type Quote = Pick<ReplyTo, 'excerpt' | 'deleted'>;

/** A held message after an `edit` event: new text, mentions and rev; everything else stays. */
export function applyEdit(message: Message, edit: EditEvent): Message {
  return { ...message, rev: edit.rev, text: edit.text, editedAt: edit.editedAt, mentions: edit.mentions };
}

/** The tombstone the contract describes: no text, quote, mentions or reactions; seq, sender and time stay. */
export function applyDelete(message: Message, rev: DeleteEvent['rev']): Message {
  return { ...message, rev, text: '', editedAt: null, deleted: true, replyTo: null, mentions: [], reactions: [] };
}

/**
 * A held message after a `reaction` event: the emoji's count as the event
 * says (gone at 0, appended when new, as the server orders them), and `me`
 * changes only when the one who reacted is me (`mine`).
 */
export function applyReaction(message: Message, event: Pick<ReactionEvent, 'rev' | 'emoji' | 'added' | 'count'>, mine: boolean): Message {
  const reactions = message.reactions ?? [];
  const index = reactions.findIndex((reaction) => reaction.emoji === event.emoji);
  const held = reactions[index];
  const me = mine ? event.added : (held?.me ?? false);
  let next: Reaction[];
  if (event.count <= 0) next = reactions.filter((_, i) => i !== index);
  else if (held) next = reactions.map((reaction, i) => (i === index ? { ...reaction, count: event.count, me } : reaction));
  else next = [...reactions, { emoji: event.emoji, count: event.count, me }];
  return { ...message, rev: event.rev, reactions: next };
}

/**
 * My own reaction as the server accepted it (204, no body), before or after
 * its event: nothing changes when `me` already says so, else my one
 * reaction is added or taken away. The rev stays, so the event still applies.
 */
export function applyMyReaction(message: Message, emoji: string, added: boolean): Message {
  const held = (message.reactions ?? []).find((reaction) => reaction.emoji === emoji);
  if ((held?.me ?? false) === added) return message;
  const count = (held?.count ?? 0) + (added ? 1 : -1);
  return applyReaction(message, { rev: message.rev, emoji, added, count }, true);
}

/** How replies quote a message in this state (the server's rule: the first code points of its text). */
export function quoteOf(message: Pick<Message, 'text' | 'deleted'>): Quote {
  return message.deleted ? { excerpt: '', deleted: true } : { excerpt: codePointPrefix(message.text, REPLY_EXCERPT_LENGTH), deleted: false };
}

/**
 * Replies to `seq` show `quote` from now on. The same array when no
 * reply changes, so a signal holding it does not notify.
 */
export function requote(messages: Message[], seq: number, quote: Quote): Message[] {
  let next: Message[] | null = null;
  messages.forEach((message, index) => {
    const replyTo = message.replyTo;
    if (replyTo?.seq !== seq || (replyTo.excerpt === quote.excerpt && replyTo.deleted === quote.deleted)) return;
    (next ??= [...messages])[index] = { ...message, replyTo: { ...replyTo, ...quote } };
  });
  return next ?? messages;
}
