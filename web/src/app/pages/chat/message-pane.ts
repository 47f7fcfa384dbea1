import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ChatStore, GroupState } from '../../core/chat.store';
import { SessionStore } from '../../core/session.store';
import { Composer } from './composer';
import { MemberList } from './member-list';
import { MessageList } from './message-list';

/** One open group: its header, messages, who is typing, the composer and its members. */
@Component({
  selector: 'chat-message-pane',
  imports: [MatButtonModule, MessageList, Composer, MemberList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pane">
      <section class="main" [attr.aria-label]="'Group ' + state().group.name">
        <header class="head">
          <h2># {{ state().group.name }}</h2>
          <span class="count">{{ state().group.memberCount }} {{ state().group.memberCount === 1 ? 'member' : 'members' }}</span>
          <button mat-button type="button" (click)="leave()">Leave</button>
        </header>
        <chat-message-list
          [messages]="state().messages ?? []"
          [outgoing]="store.activeOutgoing()"
          [hasOlder]="state().hasOlder"
          [myId]="myId()"
          [groupName]="state().group.name"
          [notices]="state().notices"
          (atBottom)="store.markRead()"
        />
        <p class="typing" aria-live="polite">{{ typingText() }}</p>
        <chat-composer (sent)="store.send($event)" (typing)="store.typing()" />
      </section>
      <chat-member-list class="members" [members]="state().members ?? []" />
    </div>
  `,
  styles: `
    :host { display: flex; flex: 1; min-height: 0; }
    .pane { display: flex; flex: 1; min-height: 0; }
    .main { display: flex; flex-direction: column; flex: 1; min-width: 0; }
    .head { display: flex; align-items: center; gap: 12px; padding: 8px 16px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    h2 { margin: 0; font: var(--mat-sys-title-large); flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .count { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .typing { margin: 0; padding: 0 16px; min-height: 20px; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); font-style: italic; }
    .members { width: 220px; border-left: 1px solid var(--mat-sys-outline-variant); }
    @media (max-width: 960px) { .members { display: none; } }
  `,
})
export class MessagePane {
  protected readonly store = inject(ChatStore);
  private readonly session = inject(SessionStore);
  readonly state = input.required<GroupState>();
  protected readonly myId = computed(() => this.session.user()?.id ?? '');
  protected readonly typingText = computed(() => {
    const names = this.state()
      .typing.filter((typist) => typist.user.id !== this.myId())
      .map((typist) => typist.user.displayName);
    if (names.length === 0) return '';
    if (names.length === 1) return `${names[0]} is typing…`;
    if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
    return 'Several people are typing…';
  });

  protected leave(): void {
    this.store.leave(this.state().group.name).subscribe();
  }
}
