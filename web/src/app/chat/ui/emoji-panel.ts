import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, output, viewChild } from '@angular/core';
import Picker from 'emoji-picker-element/picker.js';
import type { EmojiClickEvent } from 'emoji-picker-element/shared.js';
import { asReaction } from '../text/reaction-emoji';

/** One press away: the reactions people use most. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢', '👀', '🙏'];

/**
 * Emoji data, served by this app (copied from emoji-picker-element-data at
 * build time, web/project.json): the picker never asks a CDN.
 */
export function emojiDataUrl(baseUri = document.baseURI): string {
  return new URL('emoji/data.json', baseUri).href;
}

/**
 * What "Add reaction" opens: the usual reactions, then every emoji
 * (emoji-picker-element, with search, categories and skin tones). This
 * file and the picker are loaded only when it is first opened.
 */
@Component({
  selector: 'chat-emoji-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'dialog', 'aria-label': 'Add a reaction' },
  template: `
    <div class="quick" role="group" aria-label="Frequent reactions">
      @for (emoji of quick; track emoji; let first = $first) {
        <button #quickButton type="button" [attr.aria-label]="'React with ' + emoji" [attr.data-first]="first || null" (click)="pick(emoji)">{{ emoji }}</button>
      }
    </div>
    <div #slot class="slot"></div>
  `,
  styles: `
    /* A fixed size, known before the picker has drawn anything, so the overlay places it on screen at once. */
    :host {
      display: block; width: min(344px, 92vw); border-radius: 12px; overflow: hidden; box-shadow: var(--mat-sys-level3);
      background: var(--mat-sys-surface-container-high);
    }
    .quick { display: flex; justify-content: space-between; padding: 6px 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .quick button {
      width: 36px; height: 36px; border: 0; border-radius: 50%; background: none; font-size: 22px; line-height: 1; cursor: pointer;
      font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', sans-serif;
    }
    .quick button:hover, .quick button:focus-visible { background: var(--mat-sys-surface-container-highest); outline: none; }
    .slot { height: 320px; }
  `,
})
export class EmojiPanel {
  protected readonly quick = QUICK_REACTIONS;
  private readonly slot = viewChild.required<ElementRef<HTMLElement>>('slot');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  /** An emoji was chosen. */
  readonly picked = output<string>();

  constructor() {
    afterNextRender(() => {
      const picker = new Picker({ dataSource: emojiDataUrl(), locale: 'en' });
      // Made here, outside the template: styled here too.
      Object.assign(picker.style, { width: '100%', height: '100%' });
      picker.style.setProperty('--border-size', '0');
      picker.style.setProperty('--background', 'var(--mat-sys-surface-container-high)');
      const onClick = (event: EmojiClickEvent) => event.detail.unicode && this.pick(event.detail.unicode);
      picker.addEventListener('emoji-click', onClick);
      this.slot().nativeElement.append(picker);
      this.host.nativeElement.querySelector<HTMLButtonElement>('button[data-first]')?.focus();
    });
  }

  protected pick(emoji: string): void {
    const reaction = asReaction(emoji);
    if (reaction) this.picked.emit(reaction);
  }
}

