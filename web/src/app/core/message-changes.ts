import { codePointPrefix, type DeleteEvent, type EditEvent, type Message, REPLY_EXCERPT_LENGTH, type ReplyTo } from '@chat/protocol';

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
