import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { MessageAction } from './message-action';
import { ReactionPicker } from './reaction-picker';

/** The actions on one message: React and Reply for everyone, Edit and Delete for its sender. */
@Component({
  selector: 'chat-message-toolbar',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'toolbar', '[attr.aria-label]': '"Actions on the message from " + senderName()' },
  // Icons as inline SVG (Material Symbols' paths): no icon font to load, and every machine draws them.
  template: `
    <button mat-icon-button type="button" aria-label="Add reaction" title="Add reaction" aria-haspopup="dialog" (click)="react($any($event.currentTarget))">
      <svg viewBox="0 -960 960 960" aria-hidden="true">
        <path d="M480-480Zm0 400q-83 0-156-31.5T197-197q-54-54-85.5-127T80-480q0-83 31.5-156T197-763q54-54 127-85.5T480-880q43 0 83 8.5t77 24.5v90q-35-20-75.5-31.5T480-800q-133 0-226.5 93.5T160-480q0 133 93.5 226.5T480-160q133 0 226.5-93.5T800-480q0-32-6.5-62T776-600h86q9 29 13.5 58.5T880-480q0 83-31.5 156T763-197q-54 54-127 85.5T480-80Zm320-600v-80h-80v-80h80v-80h80v80h80v80h-80v80h-80ZM620-520q25 0 42.5-17.5T680-580q0-25-17.5-42.5T620-640q-25 0-42.5 17.5T560-580q0 25 17.5 42.5T620-520Zm-280 0q25 0 42.5-17.5T400-580q0-25-17.5-42.5T340-640q-25 0-42.5 17.5T280-580q0 25 17.5 42.5T340-520Zm140 260q68 0 123.5-38.5T684-400H276q25 63 80.5 101.5T480-260Z" />
      </svg>
    </button>
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
  /** `react`, `reply`, `edit` or `delete` of this message. */
  readonly act = output<MessageAction>();
  private readonly picker = inject(ReactionPicker);

  protected async react(anchor: HTMLElement): Promise<void> {
    // Should the panel's chunk fail to load (offline), the button simply does nothing.
    const emoji = await this.picker.pick(anchor).catch(() => null);
    if (emoji) this.act.emit({ kind: 'react', seq: this.seq(), emoji, add: true });
  }
}
