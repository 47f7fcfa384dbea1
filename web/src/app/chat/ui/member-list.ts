import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Member } from '@chat/protocol';

/** The group's members, online first, each with a presence dot. */
@Component({
  selector: 'chat-member-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3 id="members-title">Members</h3>
    <ul aria-labelledby="members-title">
      @for (member of sorted(); track member.id) {
        <li>
          <span class="dot" [class.online]="member.online" aria-hidden="true"></span>
          <span class="name">{{ member.displayName }}</span>
          <span class="visually-hidden">{{ member.online ? '(online)' : '(offline)' }}</span>
        </li>
      }
    </ul>
  `,
  styles: `
    :host { display: block; padding: 12px; overflow-y: auto; }
    h3 { margin: 0 0 8px; font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: flex; align-items: center; gap: 8px; padding: 4px 0; }
    .dot { width: 10px; height: 10px; border-radius: 50%; background: var(--mat-sys-outline); flex: none; }
    .dot.online { background: #2e9d57; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  `,
})
export class MemberList {
  readonly members = input.required<Member[]>();
  protected readonly sorted = computed(() =>
    [...this.members()].sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName)),
  );
}
