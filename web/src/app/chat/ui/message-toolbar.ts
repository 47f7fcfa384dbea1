import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { MessageAction } from './message-action';

/** The actions on one message: Reply for everyone, Edit and Delete for its sender. */
@Component({
  selector: 'chat-message-toolbar',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'toolbar', '[attr.aria-label]': '"Actions on the message from " + senderName()' },
  // Icons as inline SVG (Material Symbols' paths): no icon font to load, and every machine draws them.
  template: `
    <button mat-icon-button type="button" aria-label="Reply" title="Reply" (click)="act.emit({ kind: 'reply', seq: seq() })">
      <svg viewBox="0 -960 960 960" aria-hidden="true"><path d="M760-200v-160q0-50-35-85t-85-35H273l144 144-57 56-240-240 240-240 57 56-144 144h367q83 0 141.5 58.5T840-360v160h-80Z" /></svg>
    </button>
    @if (mine()) {
      <button mat-icon-button type="button" aria-label="Edit" title="Edit" (click)="act.emit({ kind: 'edit', seq: seq() })">
        <svg viewBox="0 -960 960 960" aria-hidden="true">
          <path d="M200-200h57l391-391-57-57-391 391v57Zm-80 80v-170l528-527q12-11 26.5-17t30.5-6q16 0 31 6t26 18l55 56q12 11 17.5 26t5.5 30q0 16-5.5 30.5T817-647L290-120H120Z" />
        </svg>
      </button>
      <button mat-icon-button type="button" aria-label="Delete" title="Delete" class="delete" (click)="act.emit({ kind: 'delete', seq: seq() })">
        <svg viewBox="0 -960 960 960" aria-hidden="true">
          <path d="M280-120q-33 0-56.5-23.5T200-200v-520h-40v-80h200v-40h240v40h200v80h-40v520q0 33-23.5 56.5T680-120H280Zm400-600H280v520h400v-520ZM360-280h80v-360h-80v360Zm160 0h80v-360h-80v360Z" />
        </svg>
      </button>
    }
  `,
  styles: `
    :host {
      display: flex; gap: 0; padding: 2px; border-radius: 18px;
      background: var(--mat-sys-surface-container-highest); box-shadow: var(--mat-sys-level2);
    }
    button { --mat-icon-button-state-layer-size: 32px; width: 32px; height: 32px; padding: 6px; }
    svg { display: block; width: 20px; height: 20px; fill: currentColor; }
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
