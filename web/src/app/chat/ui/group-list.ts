import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatListModule } from '@angular/material/list';
import type { Group } from '@chat/protocol';
import { UnreadBadges } from './unread-badges';

/** The groups I am in, each with its unread count, and apart from it how many of those mention me. */
@Component({
  selector: 'chat-group-list',
  imports: [MatListModule, UnreadBadges],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="title" id="my-groups">My groups</h2>
    @if (groups().length === 0) {
      <p class="none">You are not in any group yet.</p>
    }
    <mat-nav-list aria-labelledby="my-groups">
      @for (group of groups(); track group.name) {
        <a
          mat-list-item
          href="#"
          [activated]="group.name === activeName()"
          [attr.aria-current]="group.name === activeName() ? 'page' : null"
          (click)="$event.preventDefault(); picked.emit(group.name)"
        >
          <span class="row">
            <span class="name"># {{ group.name }}</span>
            <chat-unread-badges [unread]="group.unread" [mentions]="group.mentionUnread" />
          </span>
        </a>
      }
    </mat-nav-list>
  `,
  styles: `
    .title { font: var(--mat-sys-title-small); margin: 16px 8px 4px; color: var(--mat-sys-on-surface-variant); }
    .none { margin: 4px 8px; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .row { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
  `,
})
export class GroupList {
  readonly groups = input.required<Group[]>();
  readonly activeName = input<string | null>(null);
  readonly picked = output<string>();
}
