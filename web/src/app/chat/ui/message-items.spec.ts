import type { Message, User } from '@chat/protocol';
import { dayLabel, MessageItem, toMessageItems } from './message-items';

const me: User = { id: 'u-me', displayName: 'me' };
const bob: User = { id: 'u-bob', displayName: 'bob' };

/** Local time, so day boundaries do not depend on the machine's time zone. */
function at(month: number, day: number, hour: number, minute = 0): Date {
  return new Date(2024, month, day, hour, minute);
}

let nextSeq = 1;
function message(sender: User, created: Date): Message {
  const seq = nextSeq++;
  return { id: `m-${seq}`, group: 'general', seq, sender, text: `text ${seq}`, createdAt: created.toISOString(), clientMsgId: `c-${seq}` };
}

const NOW = at(5, 15, 18); // 15 June 2024, 18:00 local

function shape(items: MessageItem[]): string[] {
  return items.map((item) => {
    switch (item.kind) {
      case 'day':
        return `day:${item.label}`;
      case 'message':
        return `${item.message.seq}${item.mine ? ' mine' : ''}${item.showSender ? ' sender' : ''}`;
      default:
        return `${item.kind}`;
    }
  });
}

describe(toMessageItems.name, () => {
  beforeEach(() => (nextSeq = 1));

  it('is empty for no messages', () => {
    expect(toMessageItems([], me.id, NOW)).toEqual([]);
  });

  it('starts each day with a separator and shows the sender only where it changes', () => {
    const messages = [
      message(bob, at(5, 14, 9, 0)),
      message(bob, at(5, 14, 9, 1)),
      message(me, at(5, 14, 9, 2)),
      message(bob, at(5, 14, 9, 3)),
      // Next day: the same sender again gets the name under the new separator.
      message(bob, at(5, 15, 8, 0)),
      message(bob, at(5, 15, 8, 1)),
    ];
    expect(shape(toMessageItems(messages, me.id, NOW))).toEqual([
      'day:Yesterday',
      '1 sender',
      '2',
      '3 mine sender',
      '4 sender',
      'day:Today',
      '5 sender',
      '6',
    ]);
  });

  it('marks my messages as mine', () => {
    const items = toMessageItems([message(me, at(5, 15, 10)), message(bob, at(5, 15, 11))], me.id, NOW);
    const mine = items.filter((item) => item.kind === 'message').map((item) => item.kind === 'message' && item.mine);
    expect(mine).toEqual([true, false]);
  });

  it('gives every row a unique key', () => {
    const messages = [message(bob, at(5, 13, 10)), message(bob, at(5, 14, 10)), message(me, at(5, 15, 10))];
    const keys = toMessageItems(messages, me.id, NOW).map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((key) => key.startsWith('m-'))).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('carries the message and a time of day', () => {
    const first = message(bob, at(5, 15, 10, 5));
    const [, row] = toMessageItems([first], me.id, NOW);
    expect(row.kind).toBe('message');
    if (row.kind !== 'message') return;
    expect(row.message).toBe(first);
    expect(row.time).toBe(at(5, 15, 10, 5).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  });

  it('shows the gap after the message it follows, and the sender again below it', () => {
    const messages = [message(bob, at(5, 15, 10)), message(bob, at(5, 15, 11)), message(bob, at(5, 15, 12))];
    messages[2] = { ...messages[2], seq: 90 };
    expect(shape(toMessageItems(messages, me.id, NOW, [], 2))).toEqual(['day:Today', '1 sender', '2', 'gap', '90 sender']);
    expect(shape(toMessageItems(messages, me.id, NOW, [], null))).not.toContain('gap');
  });

  it('uses a full date for days before yesterday', () => {
    const items = toMessageItems([message(bob, at(5, 10, 12))], me.id, NOW);
    expect(items[0]).toMatchObject({ kind: 'day', label: dayLabel(at(5, 10, 12), NOW) });
    expect(items[0]).not.toMatchObject({ label: 'Today' });
  });
});

describe(dayLabel.name, () => {
  it('says Today for any time of the same local day', () => {
    expect(dayLabel(at(5, 15, 0, 0), NOW)).toBe('Today');
    expect(dayLabel(at(5, 15, 23, 59), NOW)).toBe('Today');
  });

  it('says Yesterday for the previous local day, across a month boundary too', () => {
    expect(dayLabel(at(5, 14, 23, 59), NOW)).toBe('Yesterday');
    expect(dayLabel(at(4, 31, 12), at(5, 1, 0, 30))).toBe('Yesterday');
  });

  it('writes out older dates with the weekday and the year', () => {
    const date = at(5, 10, 12);
    expect(dayLabel(date, NOW)).toBe(date.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
    expect(dayLabel(date, NOW)).toContain('2024');
  });

  it('counts whole days across a daylight-saving change', () => {
    // 31 March 2024 is a short day in much of Europe; the rounding keeps "Yesterday" right.
    expect(dayLabel(at(2, 31, 12), at(3, 1, 1))).toBe('Yesterday');
    expect(dayLabel(at(2, 30, 12), at(2, 31, 23))).toBe('Yesterday');
  });
});
