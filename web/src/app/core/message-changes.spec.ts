import type { Message } from '@chat/protocol';
import { bob, msg } from '../testing/chat-harness';
import { applyDelete, applyEdit, quoteOf, requote } from './message-changes';

function replyTo(seq: number, original: Message): Message {
  return { ...msg(seq), replyTo: { seq: original.seq, sender: bob, excerpt: original.text, deleted: false } };
}

describe('message changes', () => {
  it('an edit changes the text, mentions, editedAt and rev, and nothing else', () => {
    const original = replyTo(5, msg(2));
    const edited = applyEdit(original, { group: 'general', seq: 5, rev: 9, text: 'new', editedAt: '2024-02-01T00:00:00.000Z', mentions: ['u-me'] });
    expect(edited).toEqual({ ...original, rev: 9, text: 'new', editedAt: '2024-02-01T00:00:00.000Z', mentions: ['u-me'] });
  });

  it('a delete leaves the tombstone of the contract', () => {
    const original = { ...replyTo(5, msg(2)), editedAt: '2024-02-01T00:00:00.000Z', mentions: ['u-me'], reactions: [{ emoji: '👍', count: 1, me: false }] };
    expect(applyDelete(original, 12)).toEqual({
      ...original,
      rev: 12,
      text: '',
      editedAt: null,
      deleted: true,
      replyTo: null,
      mentions: [],
      reactions: [],
    });
  });

  it('quotes the first 100 code points, never half of a surrogate pair', () => {
    const text = '😀'.repeat(150);
    expect(quoteOf({ text, deleted: false })).toEqual({ excerpt: '😀'.repeat(100), deleted: false });
    expect(quoteOf({ text: '', deleted: true })).toEqual({ excerpt: '', deleted: true });
  });

  it('requotes only the replies to that seq, and keeps the array when none changes', () => {
    const original = msg(2);
    const messages = [original, replyTo(3, original), msg(4), replyTo(5, msg(4))];
    const changed = requote(messages, 2, { excerpt: 'edited', deleted: false });
    expect(changed.map((m) => m.replyTo?.excerpt ?? null)).toEqual([null, 'edited', null, 'text 4']);
    expect(changed[3]).toBe(messages[3]);
    expect(requote(changed, 2, { excerpt: 'edited', deleted: false })).toBe(changed);
    expect(requote(messages, 7, { excerpt: '', deleted: true })).toBe(messages);
  });
});
