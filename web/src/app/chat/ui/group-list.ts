import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatListModule } from '@angular/material/list';
import type { Group } from '@chat/protocol';

/** The groups I am in, each with its unread count, and apart from it how many of those mention me. */
@Component({
  selector: 'chat-group-list',
  imports: [MatListModule],
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
            @if (group.mentionUnread) {
              <span class="mentioned" [attr.aria-label]="group.mentionUnread === 1 ? '1 mention' : group.mentionUnread + ' mentions'">&#64;{{ group.mentionUnread }}</span>
            }
            @if (group.unread) {
              <span class="unread" [attr.aria-label]="group.unread + ' unread'">{{ group.unread }}</span>
            }
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
    .mentioned {
      padding: 0 6px; border-radius: 10px; text-align: center; font: var(--mat-sys-label-medium); font-weight: 700;
      background: var(--mat-sys-tertiary); color: var(--mat-sys-on-tertiary);
    }
    .unread {
      min-width: 20px; padding: 0 6px; border-radius: 10px; text-align: center;
      background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); font: var(--mat-sys-label-medium);
    }
  `,
})
export class GroupList {
  readonly groups = input.required<Group[]>();
  readonly activeName = input<string | null>(null);
  readonly picked = output<string>();
}
