import { ChangeDetectionStrategy, Component, computed, ElementRef, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { codePointLength, MESSAGE_TEXT_MAX_LENGTH } from '@chat/protocol';

/**
 * Enter sends, Shift+Enter adds a line; the length limit shows near the end.
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
    <form class="composer" (submit)="$event.preventDefault(); submit()">
      <label class="visually-hidden" for="composer-text">Message</label>
      <textarea
        #box
        id="composer-text"
        rows="1"
        placeholder="Write a message"
        (input)="onInput($any($event.target).value)"
        (keydown.enter)="onEnter($any($event))"
      ></textarea>
      @if (left() <= 200) {
        <span class="left" [class.over]="left() < 0" aria-live="polite">{{ left() }}</span>
      }
      <button mat-flat-button type="submit" [disabled]="!canSend()">Send</button>
    </form>
  `,
  styles: `
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
  readonly sent = output<string>();
  readonly typing = output<void>();

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
