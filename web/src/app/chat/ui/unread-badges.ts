import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * A conversation's badges in a list: how many of its unread messages
 * mention me (`@N`, apart, so "someone called me" stands out from
 * "something new"), and how many are unread. Nothing when there are none.
 */
@Component({
  selector: 'chat-unread-badges',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (mentions()) {
      <span class="mentioned" [attr.aria-label]="mentions() === 1 ? '1 mention' : mentions() + ' mentions'">&#64;{{ mentions() }}</span>
    }
    @if (unread()) {
      <span class="unread" [attr.aria-label]="unread() + ' unread'">{{ unread() }}</span>
    }
  `,
  styles: `
    :host { display: flex; align-items: center; gap: 8px; flex: none; }
    :host:empty { display: none; }
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
export class UnreadBadges {
  readonly unread = input<number | undefined>(0);
  readonly mentions = input<number | undefined>(0);
}
