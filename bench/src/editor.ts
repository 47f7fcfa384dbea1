/**
 * Edits over REST: `PATCH /api/groups/:name/messages/:seq {text}` of the
 * user's newest message it has seen echoed (see RestClient for how calls are
 * made). An answer counts when it is 200 with the new text and a rev above
 * the seq (a message's rev is at least its seq, an edit's is above the
 * message's); anything else is an error of the run. Latency is measured by
 * the members who receive the `edit` (the text starts with the time of the
 * PATCH), the round trip by the client.
 */
import { performance } from 'node:perf_hooks';
import type { EditMessageRequest, Message } from '@chat/protocol';
import type { Changer, Fleet } from './fleet';
import { RestClient } from './rest-client';

export class Editor implements Changer {
  readonly kind = 'edit';
  private readonly client: RestClient;

  constructor(
    private readonly fleet: Fleet,
    /** One operation of a user in `every` is an edit. */
    readonly every: number,
  ) {
    this.client = new RestClient(fleet);
  }

  get pending(): number {
    return this.client.pending;
  }

  change(user: number, group: string, n: number): boolean {
    const seq = this.fleet.tracker.ownSeqs[user];
    if (!seq) return false;
    const body: EditMessageRequest = { text: `${performance.now().toFixed(3)} u${user} edit ${n}` };
    const path = `/api/groups/${encodeURIComponent(group)}/messages/${seq}`;
    this.client.call(user, 'PATCH', path, body, (status, raw) => (status === 200 && isEdited(raw, seq, body.text) ? null : 'not the edited message'));
    return true;
  }

  close(): void {
    this.client.close();
  }
}

function isEdited(raw: string, seq: number, text: string): boolean {
  try {
    const message = JSON.parse(raw) as Message;
    return message.seq === seq && message.text === text && message.rev > seq && message.editedAt !== null && !message.deleted;
  } catch {
    return false;
  }
}
