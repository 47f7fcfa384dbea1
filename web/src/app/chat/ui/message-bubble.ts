import { ChangeDetectionStrategy, Component, computed, ElementRef, input, output, viewChild } from '@angular/core';
import type { WhoReacted } from '../state/reactions.store';
import type { MessageRenderer } from '../text/markdown';
import type { MessageAction } from './message-action';
import type { MessageRow } from './message-items';
import { MessageEditor } from './message-editor';
import { MessageText } from './message-text';
import { ReactionBar } from './reaction-bar';
import { MessageToolbar } from './message-toolbar';
import { ReplyQuote } from './reply-quote';

/** How long a touch must rest on a message to show its actions. */
const LONG_PRESS_MS = 500;

/**
 * One delivered message: its sender (in a group, a button that opens a dm
 * with them), its quote, its formatted text (or the editor, or
 * "Message deleted"), "(edited)", its reactions and its actions. One that
 * mentions me stands out. The actions show on hover, and
 * whenever the message or one of its buttons has the focus: Tab reaches
 * them, and a long press on a touch screen focuses the message.
 */
@Component({
  selector: 'chat-message',
  imports: [MessageToolbar, MessageEditor, ReplyQuote, MessageText, ReactionBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article
      #article
      class="message"
      tabindex="0"
      [class.mine]="mine()"
      [class.first]="showSender()"
      [class.deleted]="message().deleted"
      [class.mentions-me]="mentionsMe()"
      [attr.data-seq]="message().seq"
      [attr.aria-label]="label()"
      (pointerdown)="pressStart($event)"
      (pointerup)="pressEnd()"
      (pointercancel)="pressEnd()"
      (pointerleave)="pressEnd()"
      (contextmenu)="onContextMenu($event)"
    >
      @if (showSender()) {
        <header>
          @if (offersDm()) {
            <button
              type="button"
              class="sender"
              [attr.aria-label]="'Message ' + senderName()"
              [attr.title]="'Message ' + senderName()"
              (click)="act.emit({ kind: 'dm', user: message().sender })"
            >
              {{ senderName() }}
            </button>
          } @else {
            <span class="sender">{{ senderName() }}</span>
          }
          <time [attr.datetime]="message().createdAt">{{ time() }}</time>
        </header>
      }
      @if (message().replyTo; as quote) {
        <chat-reply-quote [quote]="quote" [myId]="myId()" (show)="act.emit({ kind: 'find', seq: $event })" />
      }
      @if (message().deleted) {
        <p class="text gone">Message deleted</p>
      } @else if (editing()) {
        <chat-message-editor
          [text]="message().text"
          [names]="renderer().who.names"
          [saving]="saving()"
          [hintId]="'edit-hint-' + message().seq"
          (saved)="act.emit({ kind: 'save', seq: message().seq, text: $event })"
          (cancelled)="act.emit({ kind: 'cancel-edit' })"
        />
      } @else {
        <div class="body">
          <chat-message-text class="text" [text]="message().text" [renderer]="renderer()" />
          @if (message().editedAt) {
            <span class="edited" [attr.title]="editedTitle()">(edited)</span>
          }
        </div>
        @if (message().reactions.length > 0) {
          <chat-reaction-bar
            [reactions]="message().reactions"
            [who]="whoReacted()"
            [myId]="myId()"
            [seq]="message().seq"
            (toggled)="act.emit({ kind: 'react', seq: message().seq, emoji: $event.emoji, add: $event.add })"
            (peek)="act.emit({ kind: 'who-reacted', seq: message().seq })"
          />
        }
        <chat-message-toolbar
          class="actions"
          [seq]="message().seq"
          [mine]="mine()"
          [senderName]="senderName()"
          (act)="act.emit($event)"
        />
      }
    </article>
  `,
  styleUrl: './message-bubble.scss',
})
export class MessageBubble {
  readonly item = input.required<MessageRow>();
  readonly myId = input.required<string>();
  readonly editing = input(false);
  readonly saving = input(false);
  /** Formats the text (one for the whole list: it remembers what it rendered). */
  readonly renderer = input.required<MessageRenderer>();
  /** Who reacted, once someone looked. */
  readonly whoReacted = input<WhoReacted | undefined>(undefined);
  /** The sender's name opens a dm with them (in a group; in a dm it would open the same one). */
  readonly canMessage = input(false);
  readonly act = output<MessageAction>();

  private readonly article = viewChild.required<ElementRef<HTMLElement>>('article');
  private pressTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly message = computed(() => this.item().message);
  protected readonly mine = computed(() => this.item().mine);
  protected readonly showSender = computed(() => this.item().showSender);
  protected readonly time = computed(() => this.item().time);
  protected readonly mentionsMe = computed(() => !this.mine() && (this.message().mentions ?? []).includes(this.myId()));
  /** Someone else's name in a group opens a dm with them; a deleted message keeps no action at all. */
  protected readonly offersDm = computed(() => this.canMessage() && !this.mine() && !this.message().deleted);
  protected readonly senderName = computed(() => (this.mine() ? 'You' : this.message().sender.displayName));
  protected readonly label = computed(() => `${this.senderName()}, ${this.time()}${this.mentionsMe() ? ', mentions you' : ''}`);
  protected readonly editedTitle = computed(() => {
    const at = this.message().editedAt;
    return at ? `Edited ${new Date(at).toLocaleString()}` : null;
  });

  protected pressStart(event: PointerEvent): void {
    if (event.pointerType !== 'touch') return;
    this.pressEnd();
    this.pressTimer = setTimeout(() => this.article().nativeElement.focus(), LONG_PRESS_MS);
  }

  protected pressEnd(): void {
    clearTimeout(this.pressTimer);
    this.pressTimer = undefined;
  }

  /** A long press opens the browser's menu on some phones: the message's own actions stand in for it. */
  protected onContextMenu(event: MouseEvent): void {
    if ((event as PointerEvent).pointerType === 'touch' || this.pressTimer !== undefined) {
      event.preventDefault();
      this.article().nativeElement.focus();
    }
  }
}
