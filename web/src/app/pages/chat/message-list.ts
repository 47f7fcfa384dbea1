import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Message } from '@chat/protocol';
import { ChatStore, MemberNotice } from '../../core/chat.store';
import type { OutgoingMessage } from '../../core/outbox.store';
import { toMessageItems } from './message-items';

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

/**
 * The messages of a group. Follows new messages only when already at the
 * bottom (otherwise offers a "New messages" button), loads older pages when
 * scrolled to the top without the view jumping, and shows my messages that
 * still wait for the server (pending, or failed with a retry).
 */
@Component({
  selector: 'chat-message-list',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './message-list.html',
  styleUrl: './message-list.scss',
})
export class MessageList {
  private readonly store = inject(ChatStore);
  readonly messages = input.required<Message[]>();
  readonly outgoing = input.required<OutgoingMessage[]>();
  readonly hasOlder = input.required<boolean>();
  readonly myId = input.required<string>();
  readonly groupName = input.required<string>();
  readonly notices = input<MemberNotice[]>([]);
  /** The newest message is in view: the read marker may move. */
  readonly atBottom = output<void>();

  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  protected readonly items = computed(() => toMessageItems(this.messages(), this.myId(), new Date(), this.notices()));
  protected readonly unseen = signal(false);
  protected readonly loadingOlder = signal(false);
  private stickToBottom = true;
  private lastGroup = '';
  private lastCount = 0;
  private lastNewest = 0;

  constructor() {
    afterRenderEffect({
      write: () => {
        const messages = this.messages();
        const outgoing = this.outgoing().length;
        const group = this.groupName();
        untracked(() => this.afterChange(group, messages, outgoing));
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
    if (element.scrollTop < 80 && this.hasOlder() && !this.loadingOlder()) void this.loadOlder();
  }

  protected jumpToNewest(): void {
    const element = this.viewport().nativeElement;
    element.scrollTop = element.scrollHeight;
    this.stickToBottom = true;
    this.unseen.set(false);
    this.atBottom.emit();
  }

  protected retry(item: OutgoingMessage): void {
    this.store.retry(item.clientMsgId);
  }

  protected discard(item: OutgoingMessage): void {
    this.store.discard(item.clientMsgId);
  }

  private afterChange(group: string, messages: Message[], outgoing: number): void {
    const element = this.viewport().nativeElement;
    const newest = messages[messages.length - 1]?.seq ?? 0;
    if (group !== this.lastGroup) {
      // A group was opened: start at its newest message.
      this.lastGroup = group;
      this.stickToBottom = true;
      this.unseen.set(false);
    }
    const grewAtEnd = newest > this.lastNewest || outgoing > 0;
    if (this.stickToBottom) {
      element.scrollTop = element.scrollHeight;
      if (newest > 0) this.atBottom.emit();
    } else if (grewAtEnd && messages.length > this.lastCount) {
      this.unseen.set(true);
    }
    this.lastCount = messages.length;
    this.lastNewest = newest;
  }

  private async loadOlder(): Promise<void> {
    const element = this.viewport().nativeElement;
    this.loadingOlder.set(true);
    const heightBefore = element.scrollHeight;
    const topBefore = element.scrollTop;
    try {
      const added = await this.store.loadOlder();
      if (added > 0) {
        // Keep the message that was on screen where it was.
        requestAnimationFrame(() => (element.scrollTop = topBefore + element.scrollHeight - heightBefore));
      }
    } finally {
      this.loadingOlder.set(false);
    }
  }
}

function isAtBottom(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
}
