import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatListModule } from '@angular/material/list';
import type { Dm } from '@chat/protocol';
import { otherPerson } from '../state/dms';
import { UnreadBadges } from './unread-badges';

/** My dms, newest activity first, each under the other person's name, with the same badges as a group. */
@Component({
  selector: 'chat-dm-list',
  imports: [MatListModule, UnreadBadges],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="title" id="my-dms">Direct messages</h2>
    @if (rows().length === 0) {
      <p class="none">None yet. Press “Message” beside someone in a group to write to them alone.</p>
    }
    <mat-nav-list aria-labelledby="my-dms">
      @for (row of rows(); track row.dm.name) {
        <a
          mat-list-item
          href="#"
          [activated]="row.dm.name === activeName()"
          [attr.aria-current]="row.dm.name === activeName() ? 'page' : null"
          (click)="$event.preventDefault(); picked.emit(row.dm.name)"
        >
          <span class="row">
            <span class="avatar" aria-hidden="true">{{ row.initial }}</span>
            <span class="name">{{ row.person }}</span>
            <chat-unread-badges [unread]="row.dm.unread" [mentions]="row.dm.mentionUnread" />
          </span>
        </a>
      }
    </mat-nav-list>
  `,
  styles: `
    .title { font: var(--mat-sys-title-small); margin: 16px 8px 4px; color: var(--mat-sys-on-surface-variant); }
    .none { margin: 4px 8px; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .row { display: flex; align-items: center; gap: 8px; }
    .avatar {
      flex: none; width: 24px; height: 24px; border-radius: 50%; display: grid; place-items: center;
      background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); font: var(--mat-sys-label-medium);
    }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
  `,
})
export class DmList {
  readonly dms = input.required<Dm[]>();
  readonly myId = input.required<string>();
  readonly activeName = input<string | null>(null);
  readonly picked = output<string>();

  protected readonly rows = computed(() =>
    this.dms().map((dm) => {
      const person = otherPerson(dm, this.myId())?.displayName ?? 'Direct message';
      // The first character as a person reads it (an emoji or an accented letter is one).
      return { dm, person, initial: [...person][0]?.toUpperCase() ?? '?' };
    }),
  );
}
