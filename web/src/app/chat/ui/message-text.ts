import { ChangeDetectionStrategy, Component, computed, input, ViewEncapsulation } from '@angular/core';
import type { MessageRenderer } from '../text/markdown';

/**
 * A message's text, formatted (`MessageRenderer`: Markdown, mentions, no
 * HTML of its own). Its styles are not encapsulated, since the formatted
 * elements come from [innerHTML]; every rule is under `.formatted`.
 */
@Component({
  selector: 'chat-message-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { class: 'formatted', '[innerHTML]': 'html()' },
  template: '',
  styles: `
    .formatted { display: block; white-space: normal; overflow-wrap: anywhere; }
    .formatted p, .formatted ul, .formatted ol, .formatted blockquote, .formatted pre { margin: 0 0 4px; }
    .formatted > :last-child { margin-bottom: 0; }
    /* A one-paragraph message ends in line with what follows it, such as "(edited)". */
    .formatted > p:only-child { display: inline; }
    .formatted ul, .formatted ol { padding-left: 20px; }
    .formatted blockquote {
      padding: 0 0 0 8px; border-left: 3px solid var(--mat-sys-outline); color: var(--mat-sys-on-surface-variant);
    }
    .formatted code {
      padding: 0 4px; border-radius: 4px; font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.92em;
      background: color-mix(in srgb, var(--mat-sys-on-surface) 9%, transparent);
    }
    .formatted pre {
      padding: 6px 8px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap;
      background: color-mix(in srgb, var(--mat-sys-on-surface) 9%, transparent);
    }
    .formatted pre code { padding: 0; background: none; }
    .formatted a { color: var(--mat-sys-primary); }
    .mine .formatted a { color: inherit; }
    .formatted .mention {
      padding: 0 3px; border-radius: 4px; font-weight: 600;
      color: var(--mat-sys-primary); background: color-mix(in srgb, var(--mat-sys-primary) 12%, transparent);
    }
    .formatted .mention.me { color: inherit; background: color-mix(in srgb, #f5b400 40%, transparent); }
  `,
})
export class MessageText {
  readonly text = input.required<string>();
  readonly renderer = input.required<MessageRenderer>();
  protected readonly html = computed(() => this.renderer().render(this.text()));
}
