import { computed, inject, Injectable, linkedSignal } from '@angular/core';
import { STORAGE } from '../../core/endpoints';
import { SessionStore } from '../../core/session.store';

export interface OutgoingMessage {
  clientMsgId: string;
  group: string;
  text: string;
  /** The seq of the message it answers. */
  replyTo?: number;
  createdAt: string;
  /** Why the server refused it; absent while it waits for its echo. */
  error?: string;
}

/**
 * Messages sent but not yet acknowledged (echoed) by the server. Kept in
 * storage per user, so neither a dropped connection nor a reload loses
 * them; each is resent with its clientMsgId until its echo arrives, and the
 * server's idempotency makes that exactly once.
 *
 * This is only the list and its storage: `SendQueue` is its one user and
 * decides when each message is sent, resent, failed or acknowledged.
 */
@Injectable({ providedIn: 'root' })
export class OutboxStore {
  private readonly storage = inject(STORAGE);
  private readonly session = inject(SessionStore);
  private readonly key = computed(() => {
    const user = this.session.user();
    return user ? `chat.outbox.${user.id}` : null;
  });

  /** Reloaded from storage whenever the signed-in user changes. */
  readonly items = linkedSignal<OutgoingMessage[]>(() => this.load(this.key()));
  /** Those still to be (re)sent. */
  readonly pending = computed(() => this.items().filter((item) => !item.error));

  add(group: string, text: string, replyTo?: number): OutgoingMessage {
    const item: OutgoingMessage = { clientMsgId: newClientMsgId(), group, text, createdAt: new Date().toISOString() };
    if (replyTo !== undefined) item.replyTo = replyTo;
    this.update((items) => [...items, item]);
    return item;
  }

  /** The echo arrived: it is stored. */
  acknowledge(clientMsgId: string): void {
    if (this.items().some((item) => item.clientMsgId === clientMsgId)) {
      this.update((items) => items.filter((item) => item.clientMsgId !== clientMsgId));
    }
  }

  /** Refused; `withoutReply` also drops what it answers (that message is gone), so a retry sends it plain. */
  fail(clientMsgId: string, error: string, withoutReply = false): void {
    this.update((items) =>
      items.map((item) => {
        if (item.clientMsgId !== clientMsgId) return item;
        const failed = { ...item, error };
        if (withoutReply) delete failed.replyTo;
        return failed;
      }),
    );
  }

  /** Puts a failed message back in line; returns it so it can be sent. */
  retry(clientMsgId: string): OutgoingMessage | undefined {
    let found: OutgoingMessage | undefined;
    this.update((items) =>
      items.map((item) => {
        if (item.clientMsgId !== clientMsgId) return item;
        found = { ...item, error: undefined };
        return found;
      }),
    );
    return found;
  }

  discard(clientMsgId: string): void {
    this.acknowledge(clientMsgId);
  }

  private update(change: (items: OutgoingMessage[]) => OutgoingMessage[]): void {
    const next = change(this.items());
    this.items.set(next);
    const key = this.key();
    if (key) this.storage.setItem(key, JSON.stringify(next));
  }

  private load(key: string | null): OutgoingMessage[] {
    if (!key) return [];
    try {
      const parsed = JSON.parse(this.storage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }
}

function newClientMsgId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
