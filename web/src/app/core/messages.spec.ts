import type { Message, User } from '@chat/protocol';
import { indexOfSeq, mergeMessages } from './messages';

const alice: User = { id: 'u-alice', displayName: 'alice' };

function message(seq: number, text = `message ${seq}`, rev = seq): Message {
  return {
    id: `m-${seq}`,
    group: 'general',
    seq,
    rev,
    sender: alice,
    text,
    createdAt: new Date(Date.UTC(2024, 0, 1, 12, 0, seq)).toISOString(),
    clientMsgId: `c-${seq}`,
    editedAt: null,
    deleted: false,
    replyTo: null,
    mentions: [],
    reactions: [],
  };
}

const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);

describe(mergeMessages.name, () => {
  it('returns the existing list unchanged when nothing comes in', () => {
    const existing = [message(1), message(2)];
    expect(mergeMessages(existing, [])).toBe(existing);
  });

  it('takes the fast path for one live message after the newest, without changing the input', () => {
    const existing = [message(1), message(2)];
    const merged = mergeMessages(existing, [message(3)]);
    expect(seqs(merged)).toEqual([1, 2, 3]);
    expect(merged).not.toBe(existing);
    expect(seqs(existing)).toEqual([1, 2]);
  });

  it('appends one message to an empty list', () => {
    expect(seqs(mergeMessages([], [message(7)]))).toEqual([7]);
  });

  it('drops a single message whose seq is already there (an echo or a repeat)', () => {
    const existing = [message(1), message(2), message(3)];
    const merged = mergeMessages(existing, [message(2, 'a second copy')]);
    expect(seqs(merged)).toEqual([1, 2, 3]);
    expect(merged[1].text).toBe('message 2');
  });

  it('inserts a single older message in seq order', () => {
    expect(seqs(mergeMessages([message(1), message(3)], [message(2)]))).toEqual([1, 2, 3]);
  });

  it('sorts by seq whatever the order of the inputs', () => {
    expect(seqs(mergeMessages([message(5), message(2)], [message(4), message(1), message(3)]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('prepends an older history page', () => {
    const existing = [message(51), message(52)];
    const older = Array.from({ length: 50 }, (_, i) => message(i + 1));
    const merged = mergeMessages(existing, older);
    expect(seqs(merged)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
  });

  it('merges a catch-up page that overlaps messages that arrived live', () => {
    // Held 1..3; while catching up, 5 and 6 arrived live; the catch-up page has 4..6.
    const existing = [message(1), message(2), message(3), message(5), message(6)];
    const page = [message(4), message(5, 'from history'), message(6, 'from history')];
    const merged = mergeMessages(existing, page);
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 5, 6]);
    // The copy already held wins over the incoming duplicate.
    expect(merged[4].text).toBe('message 5');
  });

  it('drops duplicates inside the incoming page as well', () => {
    expect(seqs(mergeMessages([message(1)], [message(2), message(2), message(3)]))).toEqual([1, 2, 3]);
  });

  it('replaces a held copy by one with a higher rev (an edit or a delete), in place', () => {
    const existing = [message(1), message(2), message(3)];
    const merged = mergeMessages(existing, [message(2, 'edited', 9)]);
    expect(seqs(merged)).toEqual([1, 2, 3]);
    expect(merged[1]).toMatchObject({ text: 'edited', rev: 9 });
    expect(existing[1].text).toBe('message 2');
  });

  it('keeps the held copy against one with a lower or the same rev', () => {
    const existing = [message(1), message(2, 'edited', 9)];
    expect(mergeMessages(existing, [message(2, 'older', 2)])).toBe(existing);
    expect(mergeMessages(existing, [message(2, 'same rev', 9)])).toBe(existing);
  });

  it('returns an empty list when both are empty', () => {
    expect(mergeMessages([], [])).toEqual([]);
  });
});

describe(indexOfSeq.name, () => {
  it('finds a seq in a sorted list, or says -1', () => {
    const list = [message(2), message(3), message(5), message(8)];
    expect([2, 3, 5, 8].map((seq) => indexOfSeq(list, seq))).toEqual([0, 1, 2, 3]);
    expect([1, 4, 9].map((seq) => indexOfSeq(list, seq))).toEqual([-1, -1, -1]);
    expect(indexOfSeq([], 1)).toBe(-1);
  });
});
