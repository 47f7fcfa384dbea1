import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, input, output, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { codePointLength, type Message, MESSAGE_TEXT_MAX_LENGTH } from '@chat/protocol';
import { quoteOf } from '../../core/message-changes';
import type { MessageAction } from './message-action';

/**
 * Enter sends, Shift+Enter adds a line; the length limit shows near the end.
 * Above the field, the message being answered, with a way to cancel
 * (Escape too). The Up arrow in an empty field edits my last message.
 * The field takes the focus when a reply is chosen and when an edit ends.
 *
 * The field is the source of its text (`text` follows its input events) and
 * is cleared directly after a send. A `[value]="text()"` binding could miss
 * that clear: typed or pasted text followed at once by Enter takes the
 * signal '' → 'x' → '' within one change detection, which sees no change
 * and leaves the old text in the field.
 */
@Component({
  selector: 'chat-composer',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (replyingTo(); as original) {
      <div class="replying" role="status">
        <span class="what">
          Replying to <strong>{{ original.sender.displayName }}</strong>
          <span class="excerpt">{{ original.deleted ? 'Message deleted' : excerpt() }}</span>
        </span>
        <button mat-icon-button type="button" aria-label="Cancel reply" (click)="act.emit({ kind: 'cancel-reply' })">✕</button>
      </div>
    }
    <form class="composer" (submit)="$event.preventDefault(); submit()">
      <label class="visually-hidden" for="composer-text">Message</label>
      <textarea
        #box
        id="composer-text"
        rows="1"
        placeholder="Write a message"
        (input)="onInput($any($event.target).value)"
        (keydown.enter)="onEnter($any($event))"
        (keydown.arrowup)="onArrowUp($any($event))"
        (keydown.escape)="replyingTo() && act.emit({ kind: 'cancel-reply' })"
      ></textarea>
      @if (left() <= 200) {
        <span class="left" [class.over]="left() < 0" aria-live="polite">{{ left() }}</span>
      }
      <button mat-flat-button type="submit" [disabled]="!canSend()">Send</button>
    </form>
  `,
  styles: `
    .replying {
      display: flex; align-items: center; gap: 8px; margin: 0 16px; padding: 2px 4px 2px 12px;
      border-left: 3px solid var(--mat-sys-primary); border-radius: 4px; background: var(--mat-sys-surface-container);
      font: var(--mat-sys-body-small);
    }
    .what { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .excerpt { margin-left: 6px; color: var(--mat-sys-on-surface-variant); }
    .composer { display: flex; gap: 8px; align-items: flex-end; padding: 8px 16px 16px; }
    textarea {
      flex: 1; resize: none; max-height: 160px; field-sizing: content; min-height: 40px; box-sizing: border-box;
      padding: 10px 12px; border-radius: 12px; border: 1px solid var(--mat-sys-outline);
      background: var(--mat-sys-surface-container-low); color: var(--mat-sys-on-surface); font: var(--mat-sys-body-large);
    }
    textarea:focus { outline: 2px solid var(--mat-sys-primary); outline-offset: -1px; }
    .left { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); align-self: center; }
    .left.over { color: var(--mat-sys-error); }
  `,
})
export class Composer {
  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  protected readonly text = signal('');
  protected readonly left = computed(() => MESSAGE_TEXT_MAX_LENGTH - codePointLength(this.text().trim()));
  protected readonly canSend = computed(() => this.text().trim().length > 0 && this.left() >= 0);
  /** The message my next one answers, or `null`. */
  readonly replyingTo = input<Message | null>(null);
  /** Whether one of my messages is being edited in place. */
  readonly editing = input(false);
  readonly sent = output<string>();
  readonly typing = output<void>();
  /** `cancel-reply` and `edit-last`. */
  readonly act = output<MessageAction>();
  protected readonly excerpt = computed(() => quoteOf(this.replyingTo() ?? { text: '', deleted: true }).excerpt);

  private readonly replySeq = computed(() => this.replyingTo()?.seq);

  constructor() {
    let before = { replySeq: undefined as number | undefined, editing: false };
    effect(() => {
      const now = { replySeq: this.replySeq(), editing: this.editing() };
      // A reply was chosen (type it now), or an edit ended (back to typing).
      const chosen = now.replySeq !== undefined && now.replySeq !== before.replySeq;
      if (chosen || (before.editing && !now.editing)) untracked(() => this.box().nativeElement.focus());
      before = now;
    });
  }

  protected onArrowUp(event: KeyboardEvent): void {
    if (this.text() !== '' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    event.preventDefault();
    this.act.emit({ kind: 'edit-last' });
  }

  protected onInput(value: string): void {
    this.text.set(value);
    if (value.trim()) this.typing.emit();
  }

  protected onEnter(event: KeyboardEvent): void {
    if (event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  protected submit(): void {
    if (!this.canSend()) return;
    this.sent.emit(this.text().trim());
    this.box().nativeElement.value = '';
    this.text.set('');
  }
}
