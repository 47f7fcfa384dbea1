import type { Message, User } from '@chat/protocol';
import { readable, toSearchDays } from './search-items';

const me: User = { id: 'u-me', displayName: 'me' };
const ben: User = { id: 'u-ben', displayName: 'Ben Ortiz' };

/** Local time, so day boundaries do not depend on the machine's time zone. */
function at(month: number, day: number, hour: number, minute = 0): Date {
  return new Date(2024, month, day, hour, minute);
}

function result(group: string, seq: number, sender: User, text: string, created: Date): Message {
  return {
    id: `m-${group}-${seq}`,
    group,
    seq,
    rev: seq,
    sender,
    text,
    createdAt: created.toISOString(),
    clientMsgId: `c-${seq}`,
    editedAt: null,
    deleted: false,
    replyTo: null,
    mentions: [],
    reactions: [],
  };
}

const NOW = at(5, 15, 18); // 15 June 2024, 18:00 local
const context = {
  terms: ['lunch'],
  where: (group: string) => (group.startsWith('@') ? 'Ben Ortiz' : `# ${group}`),
  names: new Map([[ben.id, ben.displayName]]),
  myId: me.id,
};

describe(toSearchDays.name, () => {
  it('puts the results, newest first, under a heading per day', () => {
    const days = toSearchDays(
      [
        result('general', 9, ben, 'lunch today?', at(5, 15, 12)),
        result('@dm', 3, me, 'Lunch at noon', at(5, 15, 9)),
        result('general', 2, ben, 'no lunch', at(5, 14, 13)),
        result('random', 7, ben, 'lunch long ago', at(2, 3, 13)),
      ],
      context,
      NOW,
    );
    expect(days.map((day) => [day.label, day.rows.map((row) => `${row.where} ${row.sender} ${row.seq}`)])).toEqual([
      ['Today', ['# general Ben Ortiz 9', 'Ben Ortiz You 3']],
      ['Yesterday', ['# general Ben Ortiz 2']],
      [expect.stringContaining('March'), ['# random Ben Ortiz 7']],
    ]);
  });

  it('says where each result is, when, and marks the terms in its text', () => {
    const [day] = toSearchDays([result('general', 9, ben, 'Lunch today? lunch!', at(5, 15, 12, 5))], context, NOW);
    expect(day.rows[0]).toMatchObject({
      key: 'general 9',
      group: 'general',
      seq: 9,
      at: at(5, 15, 12, 5).toISOString(),
      parts: [
        { text: 'Lunch', mark: true },
        { text: ' today? ', mark: false },
        { text: 'lunch', mark: true },
        { text: '!', mark: false },
      ],
    });
    expect(day.rows[0].time).toMatch(/12.05/);
  });

  it('gives results of the same seq in two groups keys of their own', () => {
    const [day] = toSearchDays([result('general', 1, ben, 'lunch', at(5, 15, 12)), result('General2', 1, ben, 'lunch', at(5, 15, 11))], context, NOW);
    expect(new Set(day.rows.map((row) => row.key)).size).toBe(2);
  });
});

describe(readable.name, () => {
  it('shows mention tokens as @name, and someone unknown as such', () => {
    const names = new Map([[ben.id, ben.displayName]]);
    expect(readable('hi <@u-ben>, ask <@u-zed>', names)).toBe('hi @Ben Ortiz, ask @unknown-user');
    expect(readable('no mention', names)).toBe('no mention');
  });
});
