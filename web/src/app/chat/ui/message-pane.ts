import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Group, Message } from '@chat/protocol';
import type { Activity } from '../state/activity.store';
import { isDm, otherPerson } from '../state/dms';
import type { OutgoingMessage } from '../state/outbox.store';
import type { WhoReacted } from '../state/reactions.store';
import type { Timeline } from '../state/timeline.store';
import { Composer } from './composer';
import type { Editing, MessageAction } from './message-action';
import { MemberList } from './member-list';
import { MessageList } from './message-list';

/**
 * One open group or dm: its header, messages, who is typing, the composer
 * and, for a group, its members. A dm is headed by the other person, with
 * their presence, and has nothing to leave or join. What is done here goes
 * out through the outputs.
 */
@Component({
  selector: 'chat-message-pane',
  imports: [MatButtonModule, MessageList, Composer, MemberList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pane">
      <section class="main" [attr.aria-label]="person() ? 'Direct messages with ' + personName() : 'Group ' + group().name">
        <header class="head">
          @if (person(); as person) {
            @if (online() !== null) {
              <span class="dot" [class.online]="online()" aria-hidden="true"></span>
            }
            <h2 class="person">{{ person.displayName }}</h2>
            @if (online() !== null) {
              <span class="count">{{ online() ? 'Online' : 'Offline' }}</span>
            }
          } @else {
            <h2># {{ group().name }}</h2>
            <span class="count">{{ group().memberCount }} {{ group().memberCount === 1 ? 'member' : 'members' }}</span>
            <button mat-button type="button" (click)="leave.emit()">Leave</button>
          }
        </header>
        <chat-message-list
          [messages]="timeline().messages"
          [outgoing]="outgoing()"
          [hasOlder]="timeline().hasOlder"
          [loadingOlder]="timeline().loadingOlder"
          [gapAfter]="timeline().gap?.after ?? null"
          [loadingNewer]="timeline().loadingNewer"
          [reveal]="reveal()"
          [myId]="myId()"
          [groupName]="group().name"
          [label]="person() ? 'Messages with ' + personName() : null"
          [canMessage]="!dm()"
          [notices]="activity().notices"
          [editing]="editing()"
          [members]="activity().members ?? []"
          [whoReacted]="whoReacted()"
          (act)="act.emit($event)"
          (atBottom)="read.emit()"
          (older)="older.emit()"
          (newer)="newer.emit()"
        />
        <p class="typing" aria-live="polite">{{ typingText() }}</p>
        <chat-composer
          [replyingTo]="replyingTo()"
          [editing]="editing() !== null"
          [members]="activity().members ?? []"
          [myId]="myId()"
          (sent)="sent.emit($event)"
          (typing)="typing.emit()"
          (act)="act.emit($event)"
        />
      </section>
      @if (!dm() && showMembers()) {
        <chat-member-list class="members" [members]="activity().members ?? []" [myId]="myId()" (dmWith)="act.emit({ kind: 'dm', user: $event })" />
      }
    </div>
  `,
  styles: `
    :host { display: flex; flex: 1; min-height: 0; }
    .pane { display: flex; flex: 1; min-height: 0; min-width: 0; }
    .main { display: flex; flex-direction: column; flex: 1; min-width: 0; }
    /* As tall with a Leave button (a group) as without (a dm): switching between them moves nothing. */
    .head {
      display: flex; align-items: center; gap: 12px; padding: 8px 16px; min-height: 57px; box-sizing: border-box;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    h2 { margin: 0; font: var(--mat-sys-title-large); flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    /* A dm's presence reads right after the name. */
    h2.person { flex: 0 1 auto; }
    .count { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .dot { width: 12px; height: 12px; border-radius: 50%; background: var(--mat-sys-outline); flex: none; }
    .dot.online { background: #2e9d57; }
    .typing { margin: 0; padding: 0 16px; min-height: 20px; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); font-style: italic; }
    .members { width: 220px; border-left: 1px solid var(--mat-sys-outline-variant); }
    @media (max-width: 960px) { .members { display: none; } }
  `,
})
export class MessagePane {
  readonly group = input.required<Group>();
  readonly timeline = input.required<Timeline>();
  readonly activity = input.required<Activity>();
  /** My messages to this group still waiting for their echo, or failed. */
  readonly outgoing = input.required<OutgoingMessage[]>();
  readonly myId = input.required<string>();
  /** My message being edited in place, if in this group. */
  readonly editing = input<Editing | null>(null);
  /** The message my next one answers. */
  readonly replyingTo = input<Message | null>(null);
  /** Who reacted to which message, as far as loaded. */
  readonly whoReacted = input<ReadonlyMap<number, WhoReacted>>(new Map());
  /** The member list shows beside a group's messages (not while the search takes that room). */
  readonly showMembers = input(true);
  /** A message to show instead of the newest (a search result). */
  readonly reveal = input<{ seq: number } | null>(null);
  readonly leave = output<void>();
  /** The newest message is in view. */
  readonly read = output<void>();
  readonly older = output<void>();
  /** Below a message opened far back: the next page towards the newest. */
  readonly newer = output<void>();
  readonly sent = output<string>();
  readonly typing = output<void>();
  /** Reply, edit, delete, retry, and the rest of what is done to messages (and "Message" on a member). */
  readonly act = output<MessageAction>();

  protected readonly dm = computed(() => isDm(this.group()));
  /** In a dm, the person I talk to. */
  protected readonly person = computed(() => {
    const group = this.group();
    return isDm(group) ? (otherPerson(group, this.myId()) ?? null) : null;
  });
  protected readonly personName = computed(() => this.person()?.displayName ?? '');
  /** Whether that person is online; `null` until the members are loaded. */
  protected readonly online = computed(() => {
    const person = this.person();
    const members = this.activity().members;
    if (!person || !members) return null;
    return members.find((member) => member.id === person.id)?.online ?? false;
  });

  protected readonly typingText = computed(() => {
    const names = this.activity()
      .typing.filter((typist) => typist.user.id !== this.myId())
      .map((typist) => typist.user.displayName);
    if (names.length === 0) return '';
    if (names.length === 1) return `${names[0]} is typing…`;
    if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
    return 'Several people are typing…';
  });
}
