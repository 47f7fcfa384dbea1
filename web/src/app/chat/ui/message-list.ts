import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Member, Message } from '@chat/protocol';
import type { MemberNotice } from '../state/activity.store';
import type { OutgoingMessage } from '../state/outbox.store';
import type { WhoReacted } from '../state/reactions.store';
import { MessageRenderer } from '../text/markdown';
import { namesOf, sameNames } from '../text/mention-names';
import type { Editing, MessageAction } from './message-action';
import { MessageBubble } from './message-bubble';
import { MessageText } from './message-text';
import { toMessageItems } from './message-items';

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;
/** How long a message found from a quote or a search stays marked. */
const FOUND_MS = 2000;

/**
 * The messages of a group. Follows new messages only when already at the
 * bottom (otherwise offers a "New messages" button), loads older pages when
 * scrolled to the top without the view jumping, and shows my messages that
 * still wait for the server (pending, or failed with a retry). Pressing
 * a quote scrolls to the original and focuses it, asking for its history
 * first when it is not loaded; a message to `reveal` (a search result) is
 * shown the same way, instead of the newest. Below a message opened far
 * back, the gap before the newest asks for its next page whenever it is in
 * view. Asks for older and newer pages, and says what is done to messages
 * (retries and discards too), through its outputs.
 */
@Component({
  selector: 'chat-message-list',
  imports: [MatButtonModule, MessageBubble, MessageText],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Back in view (another tab, a notification clicked): what arrived meanwhile at the bottom is read now.
  host: { '(document:visibilitychange)': 'onVisible()' },
  templateUrl: './message-list.html',
  styleUrl: './message-list.scss',
})
export class MessageList {
  readonly messages = input.required<Message[]>();
  readonly outgoing = input.required<OutgoingMessage[]>();
  readonly hasOlder = input.required<boolean>();
  /** An older page asked for is on its way. */
  readonly loadingOlder = input(false);
  /** The seq after which messages are missing up to the newest ones (a message far back is open). */
  readonly gapAfter = input<number | null>(null);
  /** A page of the gap is on its way. */
  readonly loadingNewer = input(false);
  /** A message to show instead of the newest (a new object each time it is asked for). */
  readonly reveal = input<{ seq: number } | null>(null);
  readonly myId = input.required<string>();
  readonly groupName = input.required<string>();
  /** What the log is called, when not "Messages in <group>" (a dm's names no one). */
  readonly label = input<string | null>(null);
  /** Senders' names open a dm with them (in a group, not in a dm). */
  readonly canMessage = input(false);
  readonly notices = input<MemberNotice[]>([]);
  /** The message being edited in place, if it is in this group. */
  readonly editing = input<Editing | null>(null);
  /** The group's members (`[]` until loaded): mentions show their names. */
  readonly members = input<Member[]>([]);
  /** Who reacted to which message, by seq, as far as loaded. */
  readonly whoReacted = input<ReadonlyMap<number, WhoReacted>>(new Map());
  readonly act = output<MessageAction>();
  /** The newest message is in view: the read marker may move. */
  readonly atBottom = output<void>();
  /** Scrolled to the top: the page before the first message is wanted. */
  readonly older = output<void>();
  /** The gap is in view: its next page is wanted. */
  readonly newer = output<void>();

  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  /** Everyone's name by id, the same map while nobody's changes (presence does not re-render the texts). */
  private readonly names = computed(() => namesOf(this.members(), this.messages()), { equal: sameNames });
  protected readonly renderer = computed(() => new MessageRenderer({ names: this.names(), myId: this.myId() }));
  protected readonly items = computed(() => toMessageItems(this.messages(), this.myId(), new Date(), this.notices(), this.gapAfter()));
  protected readonly unseen = signal(false);
  private stickToBottom = true;
  private lastGroup = '';
  private lastCount = 0;
  private lastNewest = 0;
  private lastOldest = 0;
  /** Where the view was when an older page was asked for, to keep it there once the page is in. */
  private beforeOlder: { height: number; top: number } | null = null;
  /** A quote's original or a search result, to show as soon as its history is in. */
  private wanted: number | null = null;
  private lastReveal: { seq: number } | null = null;

  constructor() {
    afterRenderEffect({
      write: () => {
        const messages = this.messages();
        const outgoing = this.outgoing().length;
        const group = this.groupName();
        const reveal = this.reveal();
        this.gapAfter();
        untracked(() => this.afterChange(group, messages, outgoing, reveal));
      },
    });
  }

  protected onScroll(): void {
    const element = this.viewport().nativeElement;
    this.stickToBottom = isAtBottom(element);
    if (this.stickToBottom) {
      this.unseen.set(false);
      this.atBottom.emit();
    }
    if (element.scrollTop < 80 && this.hasOlder() && !this.loadingOlder()) {
      this.beforeOlder = { height: element.scrollHeight, top: element.scrollTop };
      this.older.emit();
    }
    this.askNewerIfGapInView();
  }

  protected onVisible(): void {
    if (document.visibilityState === 'visible' && this.stickToBottom && this.messages().length > 0) this.atBottom.emit();
  }

  protected onAct(action: MessageAction): void {
    if (action.kind !== 'find') return this.act.emit(action);
    if (this.show(action.seq)) return;
    this.wanted = action.seq;
    this.act.emit(action);
  }

  protected jumpToNewest(): void {
    const element = this.viewport().nativeElement;
    element.scrollTop = element.scrollHeight;
    this.stickToBottom = true;
    this.unseen.set(false);
    this.atBottom.emit();
  }

  protected askNewer(): void {
    if (!this.loadingNewer()) this.newer.emit();
  }

  private afterChange(group: string, messages: Message[], outgoing: number, reveal: { seq: number } | null): void {
    const element = this.viewport().nativeElement;
    const newest = messages[messages.length - 1]?.seq ?? 0;
    const oldest = messages[0]?.seq ?? 0;
    if (group !== this.lastGroup) {
      // A group was opened: start at its newest message.
      this.lastGroup = group;
      this.stickToBottom = true;
      this.unseen.set(false);
      this.beforeOlder = null;
      this.wanted = null;
    }
    if (reveal !== this.lastReveal) {
      // Asked to show a message (a search result): go there, not to the newest, once it is in.
      this.lastReveal = reveal;
      if (reveal) {
        this.wanted = reveal.seq;
        this.stickToBottom = false;
      }
    }
    const grewAtEnd = newest > this.lastNewest || outgoing > 0;
    if (this.stickToBottom) {
      element.scrollTop = element.scrollHeight;
      if (newest > 0) this.atBottom.emit();
    } else if (grewAtEnd && messages.length > this.lastCount) {
      this.unseen.set(true);
    }
    if (this.beforeOlder && oldest < this.lastOldest) {
      // An older page came in above: keep the message that was on screen where it was.
      element.scrollTop = this.beforeOlder.top + element.scrollHeight - this.beforeOlder.height;
      this.beforeOlder = null;
    }
    if (this.wanted !== null && this.show(this.wanted)) this.wanted = null;
    this.lastCount = messages.length;
    this.lastNewest = newest;
    this.lastOldest = oldest;
    // A short page around a message may leave the gap on screen: fill it until it is not.
    if (this.wanted === null) this.askNewerIfGapInView();
  }

  private askNewerIfGapInView(): void {
    if (this.gapAfter() === null || this.loadingNewer()) return;
    const viewport = this.viewport().nativeElement;
    const gap = viewport.querySelector<HTMLElement>('.gap');
    if (!gap) return;
    const shown = viewport.getBoundingClientRect();
    const at = gap.getBoundingClientRect();
    if (at.bottom >= shown.top && at.top <= shown.bottom) this.newer.emit();
  }

  /** Scrolls to a loaded message, focuses and marks it; `false` when it is not loaded. */
  private show(seq: number): boolean {
    const element = this.viewport().nativeElement.querySelector<HTMLElement>(`article[data-seq="${seq}"]`);
    if (!element) return false;
    this.stickToBottom = false;
    this.beforeOlder = null;
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
    element.classList.add('found');
    setTimeout(() => element.classList.remove('found'), FOUND_MS);
    return true;
  }
}

function isAtBottom(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
}
