import type { Message } from '@chat/protocol';

export type MessageItem =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; key: string; message: Message; mine: boolean; showSender: boolean; time: string };

/** A group's messages as rows to show: day separators, and the sender only where it changes. */
export function toMessageItems(messages: readonly Message[], myId: string, now = new Date()): MessageItem[] {
  const items: MessageItem[] = [];
  let lastDay = '';
  let lastSender = '';
  for (const message of messages) {
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
  }
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
