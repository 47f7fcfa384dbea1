import { inject, Injectable } from '@angular/core';
import { groupKey, isReactionEmoji, type Message, type ReactionWithUsers } from '@chat/protocol';
import { firstValueFrom } from 'rxjs';
import { GroupsApi } from '../../core/groups.api';
import { indexOfSeq } from '../../core/messages';
import { PerGroup } from './per-group';
import { TimelineStore } from './timeline.store';

/** Who reacted to a message with what, as of one of its revisions. */
export interface WhoReacted {
  rev: number;
  reactions: ReactionWithUsers[];
}

const NONE: ReadonlyMap<number, WhoReacted> = new Map();

/**
 * My reactions and who reacted. Toggling mine asks the server and shows
 * at once when it accepts (the `reaction` event that follows carries the
 * same change, and everyone else's). Who reacted is loaded only when
 * someone looks (hover or focus on a reaction), once per revision of the
 * message.
 */
@Injectable({ providedIn: 'root' })
export class ReactionsStore {
  private readonly api = inject(GroupsApi);
  private readonly timeline = inject(TimelineStore);
  private readonly who = new PerGroup<ReadonlyMap<number, WhoReacted>>();
  private readonly loading = new Set<string>();

  /** What is known of who reacted to the group's messages, by seq. */
  of(name: string): ReadonlyMap<number, WhoReacted> {
    return this.who.get(name) ?? NONE;
  }

  /** Adds or takes back my reaction; rejects with the HTTP error (an emoji that is not one is refused here). */
  async toggle(name: string, seq: number, emoji: string, add: boolean): Promise<void> {
    if (!isReactionEmoji(emoji)) throw new Error(`not a single emoji: ${emoji}`);
    const request = add ? this.api.react(name, seq, emoji) : this.api.unreact(name, seq, emoji);
    await firstValueFrom(request, { defaultValue: undefined });
    this.timeline.reactedHere(name, seq, emoji, add);
  }

  /** Loads who reacted to a message, unless what is known is as new as the message held (again if it changed meanwhile). */
  async load(name: string, seq: number): Promise<void> {
    const key = `${groupKey(name)}\n${seq}`;
    if (this.loading.has(key)) return;
    this.loading.add(key);
    try {
      for (let held = this.held(name, seq); held && (this.of(name).get(seq)?.rev ?? -1) < held.rev; held = this.held(name, seq)) {
        const rev = held.rev;
        const reactions = await firstValueFrom(this.api.reactions(name, seq));
        this.who.patch(name, (known) => new Map(known).set(seq, { rev, reactions }), NONE);
      }
    } finally {
      this.loading.delete(key);
    }
  }

  private held(name: string, seq: number): Message | undefined {
    const messages = this.timeline.of(name)?.messages ?? [];
    return messages[indexOfSeq(messages, seq)];
  }

  reset(): void {
    this.who.clear();
    this.loading.clear();
  }
}
