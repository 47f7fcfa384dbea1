import { TestBed } from '@angular/core/testing';
import type { Message } from '@chat/protocol';
import { meInPublic, msg, range, settle, useChatHarness } from '../../testing/chat-harness';
import { MessageActions } from './message-actions.store';
import { TimelineStore } from './timeline.store';

describe(MessageActions.name, () => {
  const t = useChatHarness();
  const actions = () => TestBed.inject(MessageActions);
  const message = (seq: number) => TestBed.inject(TimelineStore).of('general')?.messages.find((m) => m.seq === seq) as Message;
  const mine = (seq: number): Message => msg(seq, meInPublic);

  async function openGeneral(page: Message[]): Promise<void> {
    await t.start();
    await t.ready();
    await t.open('general', page);
  }

  describe('editing', () => {
    it('the Up arrow edits my newest message that is not deleted', async () => {
      await openGeneral([mine(1), mine(2), { ...mine(3), deleted: true, text: '' }, msg(4)]);
      expect(actions().editLast('general')).toBe(true);
      expect(actions().editing()).toEqual({ group: 'general', seq: 2 });
    });

    it('the Up arrow finds nothing to edit when none of the messages is mine', async () => {
      await openGeneral(range(1, 3));
      expect(actions().editLast('general')).toBe(false);
      expect(actions().editing()).toBeNull();
    });

    it('only my messages, and no deleted one, can be edited', async () => {
      await openGeneral([msg(1), { ...mine(2), deleted: true, text: '' }, mine(3)]);
      actions().startEdit('general', 1);
      actions().startEdit('general', 2);
      expect(actions().editing()).toBeNull();
      actions().startEdit('general', 3);
      expect(actions().editing()).toEqual({ group: 'general', seq: 3 });
    });

    it('saves the trimmed text with PATCH and shows the answer at once', async () => {
      await openGeneral([mine(1)]);
      actions().startEdit('general', 1);
      const saving = actions().saveEdit('general', 1, '  better  ');
      const request = t.http.expectOne((req) => req.method === 'PATCH' && req.url === '/api/groups/general/messages/1');
      expect(request.request.body).toEqual({ text: 'better' });
      request.flush({ ...mine(1), text: 'better', rev: 4, editedAt: '2024-02-01T00:00:00.000Z' });
      await saving;
      expect(message(1)).toMatchObject({ text: 'better', rev: 4 });
      expect(actions().editing()).toBeNull();
    });

    it('closes without a request when the text did not change', async () => {
      await openGeneral([mine(1)]);
      actions().startEdit('general', 1);
      await actions().saveEdit('general', 1, 'text 1 ');
      expect(actions().editing()).toBeNull();
    });

    it('rejects and stays open on a failure, but closes when the message was deleted (409)', async () => {
      await openGeneral([mine(1)]);
      actions().startEdit('general', 1);
      const failing = actions().saveEdit('general', 1, 'x');
      t.http.expectOne('/api/groups/general/messages/1').flush(null, { status: 503, statusText: 'Service Unavailable' });
      await expect(failing).rejects.toMatchObject({ status: 503 });
      expect(actions().editing()).toEqual({ group: 'general', seq: 1 });
      const gone = actions().saveEdit('general', 1, 'x');
      t.http.expectOne('/api/groups/general/messages/1').flush(null, { status: 409, statusText: 'Conflict' });
      await expect(gone).rejects.toMatchObject({ status: 409 });
      expect(actions().editing()).toBeNull();
    });
  });

  describe('deleting', () => {
    it('sends DELETE and shows the tombstone at once, closing its editor', async () => {
      await openGeneral([mine(1), mine(2)]);
      actions().startEdit('general', 2);
      const removing = actions().remove('general', 2);
      t.http.expectOne((req) => req.method === 'DELETE' && req.url === '/api/groups/general/messages/2').flush(null, { status: 204, statusText: 'No Content' });
      await removing;
      expect(message(2)).toMatchObject({ deleted: true, text: '' });
      expect(actions().editing()).toBeNull();
    });

    it('rejects with the HTTP error, changing nothing', async () => {
      await openGeneral([mine(1)]);
      const removing = actions().remove('general', 1);
      t.http.expectOne('/api/groups/general/messages/1').flush(null, { status: 403, statusText: 'Forbidden' });
      await expect(removing).rejects.toMatchObject({ status: 403 });
      expect(message(1).deleted).toBe(false);
    });
  });

  describe('replying', () => {
    it('remembers per group what my next message answers, as it is now, until taken or cancelled', async () => {
      await openGeneral(range(1, 3));
      actions().replyTo('general', 2);
      expect(actions().replyingTo('general')?.seq).toBe(2);
      expect(actions().replyingTo('random')).toBeNull();
      t.socket().emit('delete', { group: 'general', seq: 2, rev: 4 });
      expect(actions().replyingTo('general')?.deleted).toBe(true);
      expect(actions().takeReply('general')).toBe(2);
      expect(actions().replyingTo('general')).toBeNull();
      actions().replyTo('general', 3);
      actions().cancelReply('general');
      expect(actions().takeReply('general')).toBeUndefined();
      await settle();
    });
  });
});
