import { codePointPrefix, type Message, splitMentions } from '@chat/protocol';
import { mentionName } from '../text/mention-names';

/**
 * Why a message alerts me while I look elsewhere: it mentions me, or it
 * was written to me in a dm (every message of the other person there).
 */
export type AlertReason = 'mention' | 'direct';

/** What the browser notification says, and where a click on it leads. */
export interface Alert {
  reason: AlertReason;
  title: string;
  body: string;
  /** One notification per message, however many tabs show it. */
  tag: string;
  group: string;
}

/** What decides whether a message alerts me. */
export interface AlertContext {
  myId: string;
  /** The tab is hidden (another tab, minimised, locked screen). */
  hidden: boolean;
  /** Notifications are allowed by the browser and not turned off here. */
  allowed: boolean;
  /** The message is new to this tab (not a copy of one it has counted already). */
  isNew: boolean;
  /** The conversation is a dm. */
  direct?: boolean;
}

const BODY_LENGTH = 180;

/** Why `message` should alert me, or `null`: never for my own, a deleted or an old one, nor while I look at the tab. */
export function alertReason(message: Message, context: AlertContext): AlertReason | null {
  if (!context.hidden || !context.allowed || !context.isNew || message.deleted || message.sender.id === context.myId) return null;
  if (context.direct) return 'direct';
  return (message.mentions ?? []).includes(context.myId) ? 'mention' : null;
}

/** The notification for a message: who wrote where, and the text with mentions as @names. */
export function alertFor(message: Message, reason: AlertReason, names: ReadonlyMap<string, string>): Alert {
  const text = splitMentions(message.text)
    .map((part) => ('text' in part ? part.text : `@${mentionName(part.mention, names)}`))
    .join('');
  const body = codePointPrefix(text, BODY_LENGTH);
  return {
    reason,
    title: reason === 'direct' ? message.sender.displayName : `${message.sender.displayName} in #${message.group}`,
    body: body.length < text.length ? `${body}…` : body,
    tag: `${message.group}\n${message.seq}`,
    group: message.group,
  };
}
