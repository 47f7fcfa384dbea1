import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, input, output, signal, viewChild } from '@angular/core';
import { codePointLength, MESSAGE_TEXT_MAX_LENGTH } from '@chat/protocol';
import { fromTokens, toTokens } from '../text/mention-draft';

/**
 * A message's text edited in place: Enter saves, Shift+Enter adds a line,
 * Escape cancels. Mentions show as `@name` and are saved as the tokens
 * they were.
 */
@Component({
  selector: 'chat-message-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <textarea
      #box
      aria-label="Edit message"
      [attr.aria-describedby]="hintId()"
      [value]="editable().text"
      [disabled]="saving()"
      (input)="draft.set($any($event.target).value)"
      (keydown.enter)="onEnter($any($event))"
      (keydown.escape)="$event.preventDefault(); $event.stopPropagation(); cancelled.emit()"
    ></textarea>
    <p class="hint" [id]="hintId()">
      @if (left() < 0) {
        <span class="over">{{ -left() }} characters too many.</span>
      }
      Enter to save · Escape to cancel
    </p>
  `,
  styles: `
    :host { display: block; }
    textarea {
      width: 100%; box-sizing: border-box; resize: none; field-sizing: content; min-height: 40px; max-height: 240px;
      padding: 6px 8px; border-radius: 8px; border: 1px solid var(--mat-sys-outline);
      background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); font: var(--mat-sys-body-medium);
    }
    textarea:focus { outline: 2px solid var(--mat-sys-primary); outline-offset: -1px; }
    .hint { margin: 2px 0 4px; font: var(--mat-sys-label-small); color: var(--mat-sys-on-surface-variant); }
    .over { color: var(--mat-sys-error); }
  `,
})
export class MessageEditor {
  /** The text as it is now. */
  readonly text = input.required<string>();
  /** Names by user id, for the mentions in it. */
  readonly names = input<ReadonlyMap<string, string>>(new Map());
  readonly saving = input(false);
  readonly hintId = input.required<string>();
  readonly saved = output<string>();
  readonly cancelled = output<void>();

  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  protected readonly draft = signal<string | null>(null);
  protected readonly editable = computed(() => fromTokens(this.text(), this.names()));
  /** The text as it would be saved. */
  private readonly result = computed(() => toTokens((this.draft() ?? this.editable().text).trim(), this.editable().picked));
  protected readonly left = computed(() => MESSAGE_TEXT_MAX_LENGTH - codePointLength(this.result()));

  constructor() {
    // Opened to be typed in: the caret goes to the end of the text.
    afterNextRender(() => {
      const box = this.box().nativeElement;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    });
  }

  protected onEnter(event: KeyboardEvent): void {
    if (event.shiftKey || event.isComposing) return;
    event.preventDefault();
    const text = this.result();
    if (text && this.left() >= 0) this.saved.emit(text);
  }
}
