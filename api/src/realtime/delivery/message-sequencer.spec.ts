import type { Message } from '@chat/protocol';
import { MessageSequencer } from './message-sequencer';

describe(MessageSequencer.name, () => {
  const message = (seq: number): Message => ({
    id: `m${seq}`,
    group: 'General',
    seq,
    sender: { id: 'u', displayName: 'u' },
    text: `text ${seq}`,
    createdAt: new Date(0).toISOString(),
    clientMsgId: `c${seq}`,
  });
  let delivered: number[];
  let stored: Message[];
  let sequencer: MessageSequencer;

  beforeEach(() => {
    jest.useFakeTimers();
    delivered = [];
    stored = [];
    sequencer = new MessageSequencer(
      { since: async (_, after) => stored.filter((m) => m.seq > after) },
      { deliver: (_, m) => delivered.push(m.seq) },
    );
    sequencer.reset('general', 0);
  });

  afterEach(() => jest.useRealTimers());

  it('delivers in order what arrives in order', () => {
    [1, 2, 3].forEach((seq) => sequencer.accept('general', message(seq)));
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('holds a message that arrives before its predecessor', () => {
    sequencer.accept('general', message(2));
    sequencer.accept('general', message(3));
    expect(delivered).toEqual([]);
    sequencer.accept('general', message(1));
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('drops a seq it delivered already', () => {
    [1, 2, 2, 1, 3].forEach((seq) => sequencer.accept('general', message(seq)));
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('fills a gap that lasts from storage, then goes on in order', async () => {
    stored = [1, 2, 3, 4].map(message);
    sequencer.accept('general', message(3));
    sequencer.accept('general', message(4));
    await jest.advanceTimersByTimeAsync(499);
    expect(delivered).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(delivered).toEqual([1, 2, 3, 4]);
    sequencer.accept('general', message(5));
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
  });

  it('skips ahead rather than stall when storage cannot fill the gap', async () => {
    sequencer.accept('general', message(3));
    await jest.advanceTimersByTimeAsync(500);
    expect(delivered).toEqual([3]);
  });

  it('starts after the lastSeq it was reset to: older messages reach clients through catch-up', () => {
    sequencer.reset('general', 10);
    sequencer.accept('general', message(10));
    sequencer.accept('general', message(11));
    expect(delivered).toEqual([11]);
  });

  it('catches up from storage, page after page, on what no later message revealed (the bus was down)', async () => {
    const paged = new MessageSequencer(
      { since: async (_, after) => stored.filter((m) => m.seq > after).slice(0, 2) },
      { deliver: (_, m) => delivered.push(m.seq) },
    );
    paged.reset('general', 0);
    paged.accept('general', message(1));
    stored = [1, 2, 3, 4, 5].map(message);
    await paged.catchUp('general');
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    await paged.catchUp('general');
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
  });
});

