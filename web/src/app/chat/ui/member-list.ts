import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Member, User } from '@chat/protocol';

/** The group's members, online first, each with a presence dot and, for everyone but me, "Message" (a dm). */
@Component({
  selector: 'chat-member-list',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3 id="members-title">Members</h3>
    <ul aria-labelledby="members-title">
      @for (member of sorted(); track member.id) {
        <li>
          <span class="dot" [class.online]="member.online" aria-hidden="true"></span>
          <span class="name">{{ member.displayName }}</span>
          <span class="visually-hidden">{{ member.online ? '(online)' : '(offline)' }}</span>
          @if (member.id !== myId()) {
            <button
              mat-icon-button
              type="button"
              class="message"
              [attr.aria-label]="'Message ' + member.displayName"
              [attr.title]="'Message ' + member.displayName"
              (click)="dmWith.emit({ id: member.id, displayName: member.displayName })"
            >
              <svg viewBox="0 -960 960 960" aria-hidden="true">
                <path [attr.d]="bubble" />
              </svg>
            </button>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    :host { display: block; padding: 12px; overflow-y: auto; }
    h3 { margin: 0 0 8px; font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: flex; align-items: center; gap: 8px; min-height: 32px; }
    .dot { width: 10px; height: 10px; border-radius: 50%; background: var(--mat-sys-outline); flex: none; }
    .dot.online { background: #2e9d57; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
    .message {
      --mat-icon-button-state-layer-size: 32px; width: 32px; height: 32px; padding: 6px; flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
    svg { display: block; width: 20px; height: 20px; fill: currentColor; }
  `,
})
export class MemberList {
  readonly members = input.required<Member[]>();
  /** Me, to whom no dm is offered. */
  readonly myId = input('');
  /** "Message" was pressed on someone: open the dm with them. */
  readonly dmWith = output<User>();
  // Material Symbols' "chat" bubble, inline like the message toolbar's icons.
  protected readonly bubble =
    'M240-400h320v-80H240v80Zm0-120h480v-80H240v80Zm0-120h480v-80H240v80ZM80-80v-720q0-33 23.5-56.5T160-880h640q33 0 56.5 23.5T880-800v480q0 33-23.5 56.5T800-240H240L80-80Zm126-240h594v-480H160v525l46-45Zm-46 0v-480 480Z';
  protected readonly sorted = computed(() =>
    [...this.members()].sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName)),
  );
}
