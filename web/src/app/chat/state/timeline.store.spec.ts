import { TestBed } from '@angular/core/testing';
import { carol, msg, range, useChatHarness } from '../../testing/chat-harness';
import { TimelineStore } from './timeline.store';

describe(TimelineStore.name, () => {
  const t = useChatHarness();
  const timeline = () => TestBed.inject(TimelineStore);
  const seqs = (name = 'general') => timeline().of(name)?.messages.map((m) => m.seq) ?? null;

  describe('older pages', () => {
    it('knows when older history exists, and loads it', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(51, 100));
      expect(timeline().of('general')?.hasOlder).toBe(true);
      const loading = timeline().loadOlder('general');
      expect(timeline().of('general')?.loadingOlder).toBe(true);
      expect(await timeline().loadOlder('general')).toBe(0); // one page at a time
      t.expectHistory('general', { before: '51', limit: '50' }).flush(range(1, 50));
      expect(await loading).toBe(50);
      expect(seqs()).toEqual(range(1, 100).map((m) => m.seq));
      expect(timeline().of('general')).toMatchObject({ hasOlder: false, loadingOlder: false });
    });

    it('rejects with the HTTP error and may be asked again', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(51, 100));
      const loading = timeline().loadOlder('general');
      t.expectHistory('general', { before: '51', limit: '50' }).flush(null, { status: 503, statusText: 'Service Unavailable' });
      await expect(loading).rejects.toMatchObject({ status: 503 });
      expect(timeline().of('general')).toMatchObject({ hasOlder: true, loadingOlder: false });
    });
  });

  describe('live messages', () => {
    it('append in seq order', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('message', msg(5, carol));
      t.socket().emit('message', msg(4));
      expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    });

    it('ignore a repeated seq', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('message', msg(3));
      expect(seqs()).toEqual([1, 2, 3]);
    });

    it('are not kept for a group never opened', async () => {
      await t.start();
      await t.ready();
      t.socket().emit('message', msg(1, carol, 'random'));
      expect(seqs('random')).toBeNull();
    });
  });

  describe('gaps', () => {
    it('are where each opened group I am in would catch up from', async () => {
      await t.start();
      await t.ready();
      await t.open('general', range(1, 3));
      t.socket().emit('message', msg(4));
      expect(timeline().gaps()).toEqual([{ name: 'general', after: 4 }]);
    });
  });
});
