import DOMPurify from 'dompurify';
import { Marked, type MarkedExtension, type Tokens } from 'marked';
import { mentionName } from './mention-names';

/** The names to show for user ids, and who I am (mentions of me stand out). */
export interface MentionNames {
  /** id → displayName of the people this client knows (members, senders). */
  names: ReadonlyMap<string, string>;
  myId: string;
}

/** Only these links are clickable: the web, and e-mail. Never `javascript:`, `data:`, `vbscript:` or relative ones. */
const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
const MENTION_TOKEN = /^<@([^<>@\s]+)>/;
/** Text without any of these renders as one escaped paragraph: no Markdown, link, mention or entity in it. */
const NEEDS_MARKDOWN = /[*_`~[\]<>#|!\\&:@=+-]|\n|www\.|^\s*\d+[.)]|^ {4}|^\t/;

/** What a rendered message may hold; anything else is dropped, keeping its text. */
const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span', 'hr'];
const ALLOWED_ATTR = ['href', 'target', 'rel', 'class', 'start'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** How many rendered texts one renderer keeps (a timeline holds a few hundred messages). */
const MEMO_MAX = 2000;

/**
 * Message text to HTML: Markdown (bold, italic, strike, `code`, fenced
 * blocks, quotes, lists, links), with mention tokens as `@name`. Safe by
 * construction and then sanitised:
 * - HTML in the text is shown as text, never parsed;
 * - an image is never loaded: it becomes a link to it (its alt text);
 * - a link is clickable only for http(s) and mailto, and opens a new tab
 *   with `rel="noopener noreferrer"`; any other shows its text only;
 * - headings stay text (`# x` is a line starting with #, as typed);
 * - DOMPurify then keeps only the tags and attributes above, whatever
 *   the parser might produce.
 * One renderer per set of names; it remembers what it rendered, by text.
 */
export class MessageRenderer {
  private readonly marked: Marked;
  private readonly memo = new Map<string, string>();

  constructor(readonly who: MentionNames) {
    this.marked = new Marked({ gfm: true, breaks: true }, safeRendering(), mentions(who));
  }

  render(text: string): string {
    const known = this.memo.get(text);
    if (known !== undefined) return known;
    const html = NEEDS_MARKDOWN.test(text) ? sanitize(this.marked.parse(text, { async: false })) : `<p>${escapeHtml(text)}</p>`;
    if (this.memo.size >= MEMO_MAX) this.memo.delete(this.memo.keys().next().value as string);
    this.memo.set(text, html);
    return html;
  }
}

/** One text, rendered without a memo (tests, notifications). */
export function renderMessage(text: string, who: MentionNames): string {
  return new MessageRenderer(who).render(text);
}

function link(href: string, inner: string): string {
  const url = href.trim();
  if (!SAFE_HREF.test(url)) return inner;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
}

function safeRendering(): MarkedExtension {
  return {
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      heading({ tokens, depth, raw }: Tokens.Heading) {
        const marks = raw.trimStart().startsWith('#') ? `${'#'.repeat(depth)} ` : '';
        return `<p>${marks}${this.parser.parseInline(tokens)}</p>\n`;
      },
      link({ href, tokens }: Tokens.Link) {
        return link(href, this.parser.parseInline(tokens));
      },
      image({ href, text }: Tokens.Image) {
        return link(href, escapeHtml(text || href));
      },
      checkbox: ({ checked }: Tokens.Checkbox) => (checked ? '[x] ' : '[ ] '),
    },
  };
}

function mentions({ names, myId }: MentionNames): MarkedExtension {
  return {
    extensions: [
      {
        name: 'mention',
        level: 'inline',
        start: (src: string) => {
          const at = src.indexOf('<@');
          return at < 0 ? undefined : at;
        },
        tokenizer(src: string) {
          const match = MENTION_TOKEN.exec(src);
          return match ? { type: 'mention', raw: match[0], id: match[1] } : undefined;
        },
        renderer(token) {
          const id = String(token['id']);
          const name = escapeHtml(mentionName(id, names));
          return `<span class="${id === myId ? 'mention me' : 'mention'}">@${name}</span>`;
        },
      },
    ],
  };
}

let purifier: ReturnType<typeof DOMPurify> | null = null;

function sanitize(html: string): string {
  purifier ??= createPurifier();
  return purifier.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP: SAFE_HREF, ALLOW_DATA_ATTR: false });
}

/** An instance of its own, so its hook applies to messages only. */
function createPurifier(): ReturnType<typeof DOMPurify> {
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    if (!node.hasAttribute('href')) return;
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  return instance;
}
