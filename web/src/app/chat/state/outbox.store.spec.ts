import { TestBed } from '@angular/core/testing';
import type { OwnUser } from '@chat/protocol';
import { STORAGE } from '../../core/endpoints';
import { OutboxStore } from './outbox.store';
import { SessionStore } from '../../core/session.store';
import { MemoryStorage } from '../../testing/memory-storage';


const alice: OwnUser = { id: 'u-alice', email: 'alice@example.com', displayName: 'alice' };
const bob: OwnUser = { id: 'u-bob', email: 'bob@example.com', displayName: 'bob' };

describe(OutboxStore.name, () => {
  let storage: MemoryStorage;

  /** A fresh app (as after a reload) over the given storage. */
  function boot(user: OwnUser | null = alice): { outbox: OutboxStore; session: SessionStore } {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: STORAGE, useValue: storage }] });
    const session = TestBed.inject(SessionStore);
    if (user && session.user()?.id !== user.id) session.start({ user, token: `token-${user.id}` });
    return { outbox: TestBed.inject(OutboxStore), session };
  }

  beforeEach(() => {
    storage = new MemoryStorage();
  });

  afterEach(() => TestBed.resetTestingModule());

  it('starts empty', () => {
    const { outbox } = boot();
    expect(outbox.items()).toEqual([]);
    expect(outbox.pending()).toEqual([]);
  });

  it('adds a message with a fresh clientMsgId of 1 to 64 characters and the time', () => {
    const { outbox } = boot();
    const first = outbox.add('general', 'hello');
    const second = outbox.add('general', 'hello');
    expect(first).toMatchObject({ group: 'general', text: 'hello' });
    expect(first.error).toBeUndefined();
    expect(first.clientMsgId.length).toBeGreaterThanOrEqual(1);
    expect(first.clientMsgId.length).toBeLessThanOrEqual(64);
    expect(second.clientMsgId).not.toBe(first.clientMsgId);
    expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false);
    expect(outbox.items()).toEqual([first, second]);
    expect(outbox.pending()).toEqual([first, second]);
  });

  it('removes a message when its echo acknowledges it, and ignores unknown ids', () => {
    const { outbox } = boot();
    const first = outbox.add('general', 'one');
    const second = outbox.add('general', 'two');
    outbox.acknowledge(first.clientMsgId);
    expect(outbox.items()).toEqual([second]);
    outbox.acknowledge('someone-else');
    outbox.acknowledge(first.clientMsgId);
    expect(outbox.items()).toEqual([second]);
  });

  it('keeps a failed message with its reason, out of the pending ones', () => {
    const { outbox } = boot();
    const item = outbox.add('general', 'hello');
    outbox.fail(item.clientMsgId, 'You are not a member of this group.');
    expect(outbox.items()).toEqual([{ ...item, error: 'You are not a member of this group.' }]);
    expect(outbox.pending()).toEqual([]);
  });

  it('puts a failed message back in line on retry and returns it', () => {
    const { outbox } = boot();
    const item = outbox.add('general', 'hello');
    outbox.fail(item.clientMsgId, 'nope');
    const retried = outbox.retry(item.clientMsgId);
    expect(retried).toMatchObject({ clientMsgId: item.clientMsgId, group: 'general', text: 'hello' });
    expect(retried?.error).toBeUndefined();
    expect(outbox.pending().map((pending) => pending.clientMsgId)).toEqual([item.clientMsgId]);
    expect(outbox.retry('unknown')).toBeUndefined();
  });

  it('discards a message', () => {
    const { outbox } = boot();
    const item = outbox.add('general', 'hello');
    outbox.fail(item.clientMsgId, 'nope');
    outbox.discard(item.clientMsgId);
    expect(outbox.items()).toEqual([]);
  });

  it('keeps the order of the messages through fail and retry', () => {
    const { outbox } = boot();
    const a = outbox.add('general', 'a');
    const b = outbox.add('general', 'b');
    const c = outbox.add('random', 'c');
    outbox.fail(b.clientMsgId, 'nope');
    outbox.retry(b.clientMsgId);
    expect(outbox.items().map((item) => item.text)).toEqual(['a', 'b', 'c']);
    expect(outbox.pending().map((item) => item.clientMsgId)).toEqual([a.clientMsgId, b.clientMsgId, c.clientMsgId]);
  });

  describe('persistence', () => {
    it('survives a reload: pending and failed messages come back', () => {
      const before = boot().outbox;
      const pending = before.add('general', 'pending');
      const failed = before.add('general', 'failed');
      before.fail(failed.clientMsgId, 'too long');
      const acked = before.add('general', 'acked');
      before.acknowledge(acked.clientMsgId);

      const after = boot().outbox;
      expect(after).not.toBe(before);
      expect(after.items()).toEqual([pending, { ...failed, error: 'too long' }]);
      expect(after.pending()).toEqual([pending]);
    });

    it('stores a retried message without its old error', () => {
      const before = boot().outbox;
      const item = before.add('general', 'x');
      before.fail(item.clientMsgId, 'nope');
      before.retry(item.clientMsgId);
      expect(boot().outbox.pending().map((pending) => pending.clientMsgId)).toEqual([item.clientMsgId]);
    });

    it('stores under a key per user', () => {
      boot().outbox.add('general', 'x');
      expect(storage.getItem('chat.outbox.u-alice')).toContain('"text":"x"');
    });

    it('treats unreadable storage as empty', () => {
      storage.setItem('chat.outbox.u-alice', '{not json');
      expect(boot().outbox.items()).toEqual([]);
      storage.setItem('chat.outbox.u-alice', '{"not":"an array"}');
      expect(boot().outbox.items()).toEqual([]);
    });
  });

  describe('per user', () => {
    it('keeps each user their own messages, in one app and across reloads', () => {
      const { outbox, session } = boot(alice);
      const fromAlice = outbox.add('general', 'from alice');
      session.start({ user: bob, token: 'token-bob' });
      expect(outbox.items()).toEqual([]);
      const fromBob = outbox.add('general', 'from bob');
      expect(outbox.items()).toEqual([fromBob]);
      session.start({ user: alice, token: 'token-alice' });
      expect(outbox.items()).toEqual([fromAlice]);

      expect(boot(bob).outbox.items()).toEqual([fromBob]);
      expect(boot(alice).outbox.items()).toEqual([fromAlice]);
    });

    it('is empty and stores nothing when nobody is signed in', () => {
      const { outbox, session } = boot(alice);
      outbox.add('general', 'kept for alice');
      session.end();
      expect(outbox.items()).toEqual([]);
      outbox.add('general', 'signed out');
      expect(storage.length).toBe(1); // only alice's outbox (the session key was removed)
      session.start({ user: alice, token: 'token-alice' });
      expect(outbox.items().map((item) => item.text)).toEqual(['kept for alice']);
    });
  });
});
