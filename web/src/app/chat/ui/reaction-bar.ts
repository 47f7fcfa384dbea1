import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal, untracked } from '@angular/core';
import type { Reaction, User } from '@chat/protocol';
import type { WhoReacted } from '../state/reactions.store';

/** One emoji's chip, my part in it toggled by a click. */
export interface ReactionToggle {
  emoji: string;
  add: boolean;
}

/**
 * The reactions under a message: each emoji with its count, mine
 * highlighted (and pressed, for assistive technology). A click adds or
 * takes back mine. Hovering or focusing one shows who reacted, asked for
 * (`peek`) the first time and after each change of the message.
 */
@Component({
  selector: 'chat-reaction-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'group', 'aria-label': 'Reactions' },
  template: `
    @for (reaction of reactions(); track reaction.emoji) {
      <span class="chip-wrap" (mouseenter)="look(reaction.emoji)" (mouseleave)="looking.set(null)">
        <button
          type="button"
          class="chip"
          [class.me]="reaction.me"
          [attr.aria-pressed]="reaction.me"
          [attr.aria-label]="label(reaction)"
          [attr.aria-describedby]="looking() === reaction.emoji ? tipId() : null"
          (focus)="look(reaction.emoji)"
          (blur)="looking.set(null)"
          (click)="toggled.emit({ emoji: reaction.emoji, add: !reaction.me })"
        >
          <span class="emoji">{{ reaction.emoji }}</span><span class="count">{{ reaction.count }}</span>
        </button>
        @if (looking() === reaction.emoji) {
          <span class="who" role="tooltip" [id]="tipId()">{{ whoText(reaction) }}</span>
        }
      </span>
    }
  `,
  styles: `
    :host { display: flex; flex-wrap: wrap; gap: 4px; margin: 2px 0 4px; }
    .chip-wrap { position: relative; }
    .chip {
      display: inline-flex; align-items: center; gap: 4px; height: 24px; padding: 0 8px; border-radius: 12px; cursor: pointer;
      border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest);
      color: var(--mat-sys-on-surface); font: var(--mat-sys-label-medium);
    }
    .chip:hover { background: var(--mat-sys-surface-container-highest); }
    .chip:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 1px; }
    .chip.me { border-color: var(--mat-sys-primary); background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .emoji { font-size: 15px; line-height: 1; font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', sans-serif; }
    .who {
      position: absolute; bottom: calc(100% + 4px); left: 0; z-index: 2; width: max-content; max-width: 240px;
      padding: 4px 8px; border-radius: 6px; background: var(--mat-sys-inverse-surface); color: var(--mat-sys-inverse-on-surface);
      font: var(--mat-sys-body-small); pointer-events: none;
    }
  `,
})
export class ReactionBar {
  readonly reactions = input.required<Reaction[]>();
  /** Who reacted, when loaded (possibly for an older revision of the message). */
  readonly who = input<WhoReacted | undefined>(undefined);
  readonly myId = input.required<string>();
  readonly seq = input.required<number>();
  readonly toggled = output<ReactionToggle>();
  /** Someone looks at the reactions: who reacted is wanted. */
  readonly peek = output<void>();

  protected readonly looking = signal<string | null>(null);
  protected readonly tipId = computed(() => `who-reacted-${this.seq()}`);

  constructor() {
    // Reactions changed while someone looks (a click of theirs, someone else's): ask again.
    let before: Reaction[] | undefined;
    effect(() => {
      const now = this.reactions();
      if (before !== undefined && now !== before && untracked(this.looking) !== null) this.peek.emit();
      before = now;
    });
  }

  protected look(emoji: string): void {
    this.looking.set(emoji);
    this.peek.emit();
  }

  protected label(reaction: Reaction): string {
    const people = reaction.count === 1 ? '1 person' : `${reaction.count} people`;
    return `${reaction.emoji} ${people}${reaction.me ? ', including you' : ''}`;
  }

  protected whoText(reaction: Reaction): string {
    const users = this.who()?.reactions.find((known) => known.emoji === reaction.emoji)?.users;
    if (!users) return reaction.me ? 'You reacted · loading who else…' : 'Loading who reacted…';
    const names = users.map((user: User) => (user.id === this.myId() ? 'You' : user.displayName));
    const more = reaction.count - names.length;
    return `${listed(more > 0 ? [...names, `${more} more`] : names)} reacted with ${reaction.emoji}`;
  }
}

function listed(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
