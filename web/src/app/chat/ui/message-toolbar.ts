import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { MessageAction } from './message-action';

/** The actions on one message: Reply for everyone, Edit and Delete for its sender. */
@Component({
  selector: 'chat-message-toolbar',
  imports: [MatButtonModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'toolbar', '[attr.aria-label]': '"Actions on the message from " + senderName()' },
  template: `
    <button mat-icon-button type="button" aria-label="Reply" matTooltip="Reply" (click)="act.emit({ kind: 'reply', seq: seq() })"><span aria-hidden="true">↩</span></button>
    @if (mine()) {
      <button mat-icon-button type="button" aria-label="Edit" matTooltip="Edit" (click)="act.emit({ kind: 'edit', seq: seq() })"><span aria-hidden="true">✎</span></button>
      <button mat-icon-button type="button" aria-label="Delete" matTooltip="Delete" class="delete" (click)="act.emit({ kind: 'delete', seq: seq() })">
        <span aria-hidden="true">🗑</span>
      </button>
    }
  `,
  styles: `
    :host {
      display: flex; gap: 0; padding: 2px; border-radius: 18px;
      background: var(--mat-sys-surface-container-highest); box-shadow: var(--mat-sys-level2);
    }
    button { --mat-icon-button-state-layer-size: 32px; width: 32px; height: 32px; padding: 0; font-size: 16px; line-height: 1; }
    .delete { color: var(--mat-sys-error); }
  `,
})
export class MessageToolbar {
  readonly seq = input.required<number>();
  readonly mine = input.required<boolean>();
  readonly senderName = input.required<string>();
  /** `reply`, `edit` or `delete` of this message. */
  readonly act = output<MessageAction>();
}
