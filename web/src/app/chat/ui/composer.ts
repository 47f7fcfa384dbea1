import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, input, output, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { codePointLength, type Member, type Message, MESSAGE_TEXT_MAX_LENGTH } from '@chat/protocol';
import { quoteOf } from '../../core/message-changes';
import { insertMention, mentionCandidates, type MentionQuery, mentionQueryAt, toTokens } from '../text/mention-draft';
import type { MessageAction } from './message-action';

/**
 * Enter sends, Shift+Enter adds a line; the length limit shows near the end.
 * Above the field, the message being answered, with a way to cancel
 * (Escape too). The Up arrow in an empty field edits my last message.
 * The field takes the focus when a reply is chosen and when an edit ends.
 * Typing `@` offers the group's members (arrows to move, Enter or Tab to
 * pick, Escape to close): the field shows `@name`, the message sent holds
 * the mention token (`mention-draft.ts`).
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
    @if (candidates().length > 0) {
      <ul class="mentions" role="listbox" id="mention-options" aria-label="People to mention">
        @for (person of candidates(); track person.id; let i = $index) {
          <li
            role="option"
            [id]="'mention-option-' + i"
            [attr.aria-selected]="i === active()"
            [class.active]="i === active()"
            (mousedown)="$event.preventDefault(); pick(person)"
          >
            <span class="dot" [class.online]="person.online" aria-hidden="true"></span>{{ person.displayName }}
          </li>
        }
      </ul>
    }
    <form class="composer" (submit)="$event.preventDefault(); submit()">
      <label class="visually-hidden" for="composer-text">Message</label>
      <textarea
        #box
        id="composer-text"
        rows="1"
        placeholder="Write a message"
        aria-autocomplete="list"
        [attr.aria-controls]="candidates().length > 0 ? 'mention-options' : null"
        [attr.aria-activedescendant]="candidates().length > 0 ? 'mention-option-' + active() : null"
        (input)="onInput($any($event.target).value)"
        (keydown)="onKeydown($event)"
        (click)="findQuery()"
        (keyup.arrowleft)="findQuery()"
        (keyup.arrowright)="findQuery()"
        (blur)="query.set(null)"
      ></textarea>
      @if (left() <= 200) {
        <span class="left" [class.over]="left() < 0" aria-live="polite">{{ left() }}</span>
      }
      <button mat-flat-button type="submit" [disabled]="!canSend()">Send</button>
    </form>
  `,
  styles: `
    :host { display: block; position: relative; }
    .mentions {
      position: absolute; bottom: calc(100% - 4px); left: 16px; z-index: 3; min-width: 220px; max-width: calc(100% - 32px);
      margin: 0; padding: 4px 0; list-style: none; border-radius: 8px;
      background: var(--mat-sys-surface-container-highest); box-shadow: var(--mat-sys-level2);
    }
    .mentions li { display: flex; align-items: center; gap: 8px; padding: 6px 12px; cursor: pointer; font: var(--mat-sys-body-medium); }
    .mentions li.active { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--mat-sys-outline); flex: none; }
    .dot.online { background: #2e9d57; }
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
  /** Who each `@name` in the field stands for (filled as people are picked). */
  private readonly picked = signal<ReadonlyMap<string, string>>(new Map());
  /** The text as it would be sent. */
  private readonly outgoing = computed(() => toTokens(this.text().trim(), this.picked()));
  protected readonly left = computed(() => MESSAGE_TEXT_MAX_LENGTH - codePointLength(this.outgoing()));
  protected readonly canSend = computed(() => this.text().trim().length > 0 && this.left() >= 0);
  /** The message my next one answers, or `null`. */
  readonly replyingTo = input<Message | null>(null);
  /** Whether one of my messages is being edited in place. */
  readonly editing = input(false);
  /** The group's members, offered after `@`. */
  readonly members = input<Member[]>([]);
  readonly myId = input('');
  readonly sent = output<string>();
  readonly typing = output<void>();
  /** `cancel-reply` and `edit-last`. */
  readonly act = output<MessageAction>();
  protected readonly excerpt = computed(() => quoteOf(this.replyingTo() ?? { text: '', deleted: true }).excerpt);

  private readonly replySeq = computed(() => this.replyingTo()?.seq);
  /** The `@query` being typed, while the list is open. */
  protected readonly query = signal<MentionQuery | null>(null);
  protected readonly candidates = computed(() => {
    const query = this.query();
    return query ? mentionCandidates(this.members(), query.query, this.myId()) : [];
  });
  /** The highlighted one among the candidates. */
  protected readonly active = signal(0);

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

  protected onKeydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (this.candidates().length > 0 && this.onMentionKey(event)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.key === 'Enter') this.onEnter(event);
    else if (event.key === 'ArrowUp') this.onArrowUp(event);
    else if (event.key === 'Escape' && this.replyingTo()) this.act.emit({ kind: 'cancel-reply' });
  }

  /** The keys of the open list; `false` for any other key. */
  private onMentionKey(event: KeyboardEvent): boolean {
    const count = this.candidates().length;
    switch (event.key) {
      case 'ArrowDown':
        this.active.update((i) => (i + 1) % count);
        return true;
      case 'ArrowUp':
        this.active.update((i) => (i - 1 + count) % count);
        return true;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey) return false;
        this.pick(this.candidates()[Math.min(this.active(), count - 1)]);
        return true;
      case 'Escape':
        this.query.set(null);
        return true;
      default:
        return false;
    }
  }

  /** Puts `@name ` where the query was, and remembers whom it names. */
  protected pick(person: Member): void {
    const box = this.box().nativeElement;
    const query = this.query();
    if (!query) return;
    const { text, caret } = insertMention(box.value, query, box.selectionStart ?? box.value.length, person.displayName);
    box.value = text;
    box.setSelectionRange(caret, caret);
    box.focus();
    this.text.set(text);
    this.picked.update((picked) => new Map(picked).set(person.displayName, person.id));
    this.query.set(null);
  }

  /** Whether the caret follows an `@query`: the list opens (or closes) with it. */
  protected findQuery(): void {
    const box = this.box().nativeElement;
    const found = box.selectionStart === box.selectionEnd ? mentionQueryAt(box.value, box.selectionStart ?? 0) : null;
    const before = this.query();
    if (found?.query !== before?.query || found?.start !== before?.start) this.active.set(0);
    this.query.set(found);
  }

  protected onArrowUp(event: KeyboardEvent): void {
    if (this.text() !== '' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    event.preventDefault();
    this.act.emit({ kind: 'edit-last' });
  }

  protected onInput(value: string): void {
    this.text.set(value);
    this.findQuery();
    if (value.trim()) this.typing.emit();
  }

  private onEnter(event: KeyboardEvent): void {
    if (event.shiftKey) return;
    event.preventDefault();
    this.submit();
  }

  protected submit(): void {
    if (!this.canSend()) return;
    this.sent.emit(this.outgoing());
    this.box().nativeElement.value = '';
    this.text.set('');
    this.picked.set(new Map());
    this.query.set(null);
  }
}
