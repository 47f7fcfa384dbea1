import type { ChangesPage, Message } from '@chat/protocol';
import type { HistoryChange } from '../../events/live-event';
import { MessageSequencer } from './message-sequencer';

describe(MessageSequencer.name, () => {
  const message = (seq: number, rev = seq, state: Partial<Message> = {}): Message => ({
    id: `m${seq}`,
    group: 'General',
    seq,
    rev,
    sender: { id: 'u', displayName: 'u' },
    text: `text ${seq}`,
    createdAt: new Date(0).toISOString(),
    clientMsgId: `c${seq}`,
    editedAt: null,
    deleted: false,
    replyTo: null,
    mentions: [],
    reactions: [],
    ...state,
  });
  const created = (seq: number, rev = seq): HistoryChange => ({ event: 'message', data: message(seq, rev) });
  const edited = (seq: number, rev: number, text = `edit ${rev}`): HistoryChange => ({
    event: 'edit',
    data: { group: 'General', seq, rev, text, editedAt: new Date(0).toISOString(), mentions: [] },
  });

  /** Storage: the current state of each message by seq; changes are those with a higher rev, by rev. */
  let stored: Map<number, Message>;
  let pageSize: number;
  let delivered: string[];
  let sequencer: MessageSequencer;

  function changesSince(afterRev: number): ChangesPage {
    const all = [...stored.values()].filter((m) => m.rev > afterRev).sort((a, b) => a.rev - b.rev);
    const lastRev = Math.max(0, ...[...stored.values()].map((m) => m.rev));
    return { messages: all.slice(0, pageSize), lastRev, more: all.length > pageSize };
  }

  function store(...messages: Message[]): void {
    for (const m of messages) stored.set(m.seq, m);
  }

  beforeEach(() => {
    jest.useFakeTimers();
    stored = new Map();
    pageSize = 100;
    delivered = [];
    sequencer = new MessageSequencer(
      { changesSince: async (_, after) => changesSince(after) },
      { deliver: (_, change) => delivered.push(`${change.event} ${change.data.seq}@${change.data.rev}`) },
    );
    sequencer.reset('general', { lastSeq: 0, lastRev: 0 });
  });

  afterEach(() => jest.useRealTimers());

  it('delivers in order what arrives in order, messages and edits alike', () => {
    [created(1), created(2), edited(1, 3)].forEach((change) => sequencer.accept('general', change));
    expect(delivered).toEqual(['message 1@1', 'message 2@2', 'edit 1@3']);
  });

  it('holds a change that arrives before its predecessor revision', () => {
    sequencer.accept('general', edited(1, 2));
    sequencer.accept('general', created(2, 3));
    expect(delivered).toEqual([]);
    sequencer.accept('general', created(1));
    expect(delivered).toEqual(['message 1@1', 'edit 1@2', 'message 2@3']);
  });

  it('drops a rev it delivered already', () => {
    [created(1), created(2), created(2), created(1), created(3)].forEach((change) => sequencer.accept('general', change));
    expect(delivered).toEqual(['message 1@1', 'message 2@2', 'message 3@3']);
  });

  it('fills a gap that lasts from storage, then goes on in order', async () => {
    store(message(1), message(2), message(3), message(4));
    sequencer.accept('general', created(3));
    sequencer.accept('general', created(4));
    await jest.advanceTimersByTimeAsync(499);
    expect(delivered).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(delivered).toEqual(['message 1@1', 'message 2@2', 'message 3@3', 'message 4@4']);
    sequencer.accept('general', created(5));
    expect(delivered.at(-1)).toBe('message 5@5');
  });

  it('skips a rev that storage no longer has: a later change of the same message carries its state', async () => {
    // rev 1 created seq 1, rev 2 edited it, rev 3 edited it again: storage holds seq 1 at rev 3 only.
    store(message(1, 3, { text: 'edit 3', editedAt: new Date(0).toISOString() }));
    sequencer.reset('general', { lastSeq: 1, lastRev: 1 });
    sequencer.accept('general', edited(1, 3));
    await jest.advanceTimersByTimeAsync(500);
    expect(delivered).toEqual(['message 1@3']);
  });

  it('delivers a message it never delivered as a message, in its current state, even when a later rev deleted it', async () => {
    // rev 1 created seq 1 (missed here), rev 2 deleted it (arrived): the sockets get the tombstone as a message.
    store(message(1, 2, { text: '', deleted: true }));
    sequencer.accept('general', { event: 'delete', data: { group: 'General', seq: 1, rev: 2 } });
    await jest.advanceTimersByTimeAsync(500);
    expect(delivered).toEqual(['message 1@2']);
  });

  it('skips ahead rather than stall when storage cannot fill the gap', async () => {
    const failing = new MessageSequencer(
      { changesSince: async () => Promise.reject(new Error('connection refused')) },
      { deliver: (_, change) => delivered.push(`${change.event} ${change.data.seq}@${change.data.rev}`) },
    );
    failing.reset('general', { lastSeq: 0, lastRev: 0 });
    failing.accept('general', created(3));
    await jest.advanceTimersByTimeAsync(500);
    expect(delivered).toEqual(['message 3@3']);
  });

  it('starts after the lastRev it was reset to: older changes reach clients through catch-up', () => {
    sequencer.reset('general', { lastSeq: 10, lastRev: 12 });
    sequencer.accept('general', edited(4, 12));
    sequencer.accept('general', created(11, 13));
    expect(delivered).toEqual(['message 11@13']);
  });

  it('catches up from storage, page after page, on what no later change revealed (the bus was down)', async () => {
    pageSize = 2;
    sequencer.accept('general', created(1));
    store(message(1, 6, { text: 'edited', editedAt: new Date(0).toISOString() }), message(2), message(3), message(4), message(5, 7, { text: '', deleted: true }));
    await sequencer.catchUp('general');
    expect(delivered).toEqual(['message 1@1', 'message 2@2', 'message 3@3', 'message 4@4', 'message 1@6', 'message 5@7']);
    await sequencer.catchUp('general');
    expect(delivered).toHaveLength(6);
  });
});
