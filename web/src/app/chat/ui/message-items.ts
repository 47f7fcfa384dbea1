import type { Message } from '@chat/protocol';
import type { MemberNotice } from '../state/activity.store';

/** A message as a row: whether it is mine, whether its sender shows, its time as shown. */
export interface MessageRow {
  kind: 'message';
  key: string;
  message: Message;
  mine: boolean;
  showSender: boolean;
  time: string;
}

export type MessageItem =
  | { kind: 'day'; key: string; label: string }
  | MessageRow
  | { kind: 'member'; key: string; text: string }
  /** Messages not loaded yet, between one opened far back and the newest. */
  | { kind: 'gap'; key: string };

/**
 * A group's messages as rows to show: day separators, the sender only where
 * it changes, "joined"/"left" lines where they happened, and the gap after
 * message `gapAfter`, if any.
 */
export function toMessageItems(
  messages: readonly Message[],
  myId: string,
  now = new Date(),
  notices: readonly MemberNotice[] = [],
  gapAfter: number | null = null,
): MessageItem[] {
  const items: MessageItem[] = [];
  let lastDay = '';
  let lastSender = '';
  let next = 0;
  const pushNoticesUntil = (time: string | null) => {
    for (; next < notices.length && (time === null || notices[next].at < time); next++) {
      const notice = notices[next];
      items.push({
        kind: 'member',
        key: `n-${notice.at}-${notice.user.id}`,
        text: `${notice.user.displayName} ${notice.joined ? 'joined' : 'left'} the group`,
      });
      lastSender = '';
    }
  };
  for (const message of messages) {
    pushNoticesUntil(message.createdAt);
    const created = new Date(message.createdAt);
    const day = created.toDateString();
    if (day !== lastDay) {
      items.push({ kind: 'day', key: `day-${day}`, label: dayLabel(created, now) });
      lastDay = day;
      lastSender = '';
    }
    items.push({
      kind: 'message',
      key: `m-${message.seq}`,
      message,
      mine: message.sender.id === myId,
      showSender: message.sender.id !== lastSender,
      time: created.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
    });
    lastSender = message.sender.id;
    if (message.seq === gapAfter) {
      items.push({ kind: 'gap', key: 'gap' });
      lastSender = '';
    }
  }
  pushNoticesUntil(null);
  return items;
}

export function dayLabel(date: Date, now = new Date()): string {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const that = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const days = Math.round((today.getTime() - that.getTime()) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return date.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
