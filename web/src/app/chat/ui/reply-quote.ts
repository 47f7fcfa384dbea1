import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ReplyTo } from '@chat/protocol';

/** The quote of the message a reply answers; pressing it shows the original. */
@Component({
  selector: 'chat-reply-quote',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="quote" [class.gone]="quote().deleted" [attr.aria-label]="label()" (click)="show.emit(quote().seq)">
      <span class="who">↩ {{ senderName() }}</span>
      <span class="excerpt">{{ quote().deleted ? 'Message deleted' : quote().excerpt }}</span>
    </button>
  `,
  styles: `
    :host { display: block; min-width: 0; }
    .quote {
      display: flex; gap: 6px; max-width: 100%; margin: 2px 0; padding: 2px 8px; box-sizing: border-box;
      border: 0; border-left: 3px solid var(--mat-sys-outline); border-radius: 4px; cursor: pointer; text-align: start;
      background: color-mix(in srgb, var(--mat-sys-on-surface) 6%, transparent); color: inherit; font: var(--mat-sys-body-small);
    }
    .quote:hover { background: color-mix(in srgb, var(--mat-sys-on-surface) 12%, transparent); }
    .quote:focus-visible { outline: 2px solid var(--mat-sys-primary); }
    .who { font-weight: 600; flex: none; }
    .excerpt { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    .gone .excerpt { font-style: italic; opacity: 0.8; }
  `,
})
export class ReplyQuote {
  readonly quote = input.required<ReplyTo>();
  readonly myId = input.required<string>();
  /** The seq of the original. */
  readonly show = output<number>();

  protected readonly senderName = computed(() => (this.quote().sender.id === this.myId() ? 'You' : this.quote().sender.displayName));
  protected readonly label = computed(() => {
    const quote = this.quote();
    const what = quote.deleted ? 'a deleted message' : `${this.senderName()}: ${quote.excerpt}`;
    return `Reply to ${what}. Show the original`;
  });
}
