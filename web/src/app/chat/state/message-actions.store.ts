import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { Message } from '@chat/protocol';
import { firstValueFrom } from 'rxjs';
import { GroupsApi } from '../../core/groups.api';
import { indexOfSeq } from '../../core/messages';
import { SessionStore } from '../../core/session.store';
import { PerGroup } from './per-group';
import { TimelineStore } from './timeline.store';

/** A message of a group. */
export interface MessageRef {
  group: string;
  seq: number;
}

/**
 * What I do to messages: the one being edited in place (at most one) and
 * its save, deleting mine, and per group the message my next one answers.
 * Edits and deletes the server accepts enter the timeline at once; the
 * live events that follow carry the same change.
 */
@Injectable({ providedIn: 'root' })
export class MessageActions {
  private readonly api = inject(GroupsApi);
  private readonly session = inject(SessionStore);
  private readonly timeline = inject(TimelineStore);
  private readonly editingRef = signal<MessageRef | null>(null);
  private readonly replies = new PerGroup<number>();

  /** The message being edited, or `null`. */
  readonly editing = this.editingRef.asReadonly();
  /** Whether an edit is being saved. */
  readonly saving = signal(false);
  private readonly myId = computed(() => this.session.user()?.id);

  /** Starts editing one of my messages (not a deleted one). */
  startEdit(group: string, seq: number): void {
    const message = this.find(group, seq);
    if (message && this.isEditable(message)) this.editingRef.set({ group, seq });
  }

  /** The Up arrow in an empty composer: edits my newest message in the group; `false` when there is none. */
  editLast(group: string): boolean {
    const messages = this.timeline.of(group)?.messages ?? [];
    for (let i = messages.length - 1; i >= 0; i--) {
      if (!this.isEditable(messages[i])) continue;
      this.editingRef.set({ group, seq: messages[i].seq });
      return true;
    }
    return false;
  }

  cancelEdit(): void {
    this.editingRef.set(null);
    this.saving.set(false);
  }

  /**
   * Saves the edited text: the same text closes the editor without asking
   * the server. Rejects with the HTTP error; the editor stays open for
   * another try, except after 409 (the message was deleted meanwhile).
   */
  async saveEdit(group: string, seq: number, text: string): Promise<void> {
    const trimmed = text.trim();
    if (trimmed === this.find(group, seq)?.text || !trimmed) return this.cancelEdit();
    this.saving.set(true);
    try {
      this.timeline.replaced(await firstValueFrom(this.api.edit(group, seq, trimmed)));
      this.cancelEdit();
    } catch (error: unknown) {
      if (error instanceof HttpErrorResponse && error.status === 409) this.cancelEdit();
      throw error;
    } finally {
      this.saving.set(false);
    }
  }

  /** Deletes one of my messages (after the person confirmed); rejects with the HTTP error. */
  async remove(group: string, seq: number): Promise<void> {
    await firstValueFrom(this.api.remove(group, seq), { defaultValue: undefined });
    this.timeline.deletedHere(group, seq);
    const editing = this.editingRef();
    if (editing?.seq === seq && editing.group === group) this.cancelEdit();
  }

  /** My next message in the group answers this one. */
  replyTo(group: string, seq: number): void {
    this.replies.set(group, seq);
  }

  /** The message my next one in the group answers (as held now, deleted perhaps), or `null`. */
  replyingTo(group: string): Message | null {
    const seq = this.replies.get(group);
    return seq === undefined ? null : (this.find(group, seq) ?? null);
  }

  cancelReply(group: string): void {
    this.replies.delete(group);
  }

  /** The seq my message being sent answers, if any; the composer is done with it. */
  takeReply(group: string): number | undefined {
    const seq = this.replies.get(group);
    this.replies.delete(group);
    return seq;
  }

  reset(): void {
    this.cancelEdit();
    this.replies.clear();
  }

  private isEditable(message: Message): boolean {
    return message.sender.id === this.myId() && !message.deleted;
  }

  private find(group: string, seq: number): Message | undefined {
    const messages = this.timeline.of(group)?.messages ?? [];
    return messages[indexOfSeq(messages, seq)];
  }
}
