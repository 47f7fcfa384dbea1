import { Lexer } from 'marked';
import { escapeHtml, MessageRenderer, renderMessage } from './markdown';
import { UNKNOWN_USER } from './mention-names';

const who = { names: new Map([['u-ben', 'Ben Ortiz'], ['u-ana', 'Ana <b>']]), myId: 'u-ben' };
const render = (text: string) => renderMessage(text, who);

/** The rendered HTML as a DOM, to ask what it holds. */
function dom(text: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = render(text);
  return root;
}

/** Messages that try to run script, load something or smuggle a dangerous link. */
export const XSS_CORPUS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<div style="background:url(javascript:alert(1))" onclick="alert(1)">div</div>',
  '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<style>@import "http://evil.example/x.css"</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</script>',
  '<img/src="x"/onerror=alert(1)>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](<javascript:alert(1)>)',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '![x](http://127.0.0.1:9/track.png)',
  '![x](javascript:alert(1))',
  '![x](x" onerror="alert(1))',
  '[![x](http://127.0.0.1:9/a.png)](http://127.0.0.1:9/)',
  '[a](http://x.example/"onmouseover="alert(1))',
  '**<img src=x onerror=alert(1)>**',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '> <iframe src=//evil.example></iframe>',
  '<@u-ben"><img src=x onerror=alert(1)>',
  '<@<img src=x onerror=alert(1)>>',
];

describe('renderMessage', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('formatting', () => {
    it('renders bold, italic, strike and inline code', () => {
      expect(render('**bold** *italic* ~~gone~~ `a < b`')).toBe(
        '<p><strong>bold</strong> <em>italic</em> <del>gone</del> <code>a &lt; b</code></p>\n',
      );
    });

    it('renders fenced code blocks, keeping their text as typed', () => {
      const root = dom('```js\nif (a < b) {\n  run();\n}\n```');
      expect(root.querySelector('pre > code')?.textContent).toBe('if (a < b) {\n  run();\n}\n');
    });

    it('renders quotes and lists', () => {
      const root = dom('> quoted\n\n- one\n- two\n\n1. first');
      expect(root.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
      expect([...root.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two']);
      expect(root.querySelector('ol > li')?.textContent).toBe('first');
    });

    it('keeps line breaks', () => {
      expect(render('one\ntwo')).toBe('<p>one<br>two</p>\n');
    });

    it('makes links clickable in a new tab without opener or referrer', () => {
      for (const text of ['[the docs](https://example.com/docs?a=1&b=2)', 'see https://example.com/docs?a=1&b=2', '<https://example.com/docs?a=1&b=2>']) {
        const anchor = dom(text).querySelector('a');
        expect(anchor?.getAttribute('href')).toBe('https://example.com/docs?a=1&b=2');
        expect(anchor?.getAttribute('target')).toBe('_blank');
        expect(anchor?.getAttribute('rel')).toBe('noopener noreferrer');
      }
      expect(dom('mail ana@example.com').querySelector('a')?.getAttribute('href')).toBe('mailto:ana@example.com');
    });

    it('leaves headings as the text that was typed', () => {
      expect(render('# not a title')).toBe('<p># not a title</p>\n');
    });

    it('renders text without Markdown as one escaped paragraph, as the parser would', () => {
      for (const text of ['hello there', 'Lunch at noon?', 'a. b, c; (d) "e" \'f\' 100%']) {
        expect(render(text)).toBe(`<p>${escapeHtml(text)}</p>`);
        expect(dom(text).textContent).toBe(text);
      }
    });
  });

  describe('mentions', () => {
    it('show as @displayName, mine marked, unknown ones readable', () => {
      const root = dom('hi <@u-ben> and <@u-ana>, not <@u-gone>');
      expect([...root.querySelectorAll('span.mention')].map((span) => span.textContent)).toEqual(['@Ben Ortiz', '@Ana <b>', `@${UNKNOWN_USER}`]);
      expect([...root.querySelectorAll('span.mention.me')].map((span) => span.textContent)).toEqual(['@Ben Ortiz']);
      expect(root.querySelector('b')).toBeNull();
    });

    it('work inside formatted text and links', () => {
      const root = dom('**<@u-ben>** > and [ask <@u-ana>](https://example.com)');
      expect(root.querySelector('strong > span.mention.me')?.textContent).toBe('@Ben Ortiz');
      expect(root.querySelector('a > span.mention')?.textContent).toBe('@Ana <b>');
    });

    it('stay tokens inside code', () => {
      expect(dom('`<@u-ben>`').querySelector('code')?.textContent).toBe('<@u-ben>');
    });
  });

  describe('an XSS corpus', () => {
    it.each(XSS_CORPUS)('%s runs nothing, loads nothing, and shows as text', (text) => {
      const root = dom(text);
      expect(root.querySelectorAll('script, iframe, img, svg, math, object, embed, form, input, style, meta, base, video, source, details, body, div')).toHaveLength(0);
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
          expect(attribute.name).toMatch(/^(href|target|rel|class|start)$/);
        }
        const href = element.getAttribute('href');
        if (href !== null) expect(href).toMatch(/^(https?:\/\/|mailto:)/i);
      }
      // Something readable is left (the text, the link's text or the alt text).
      expect(root.textContent?.trim().length).toBeGreaterThan(0);
    });

    it('shows HTML as the text that was typed', () => {
      expect(dom('<img src=x onerror=alert(1)>').textContent).toBe('<img src=x onerror=alert(1)>');
      expect(dom('&lt;script&gt;').textContent?.trim()).toBe('<script>');
      expect(dom('<b>not bold</b>').querySelector('b')).toBeNull();
    });

    it('turns an image into a link to it, never loading it', () => {
      const anchor = dom('![chart](https://example.com/chart.png)').querySelector('a');
      expect(anchor?.textContent).toBe('chart');
      expect(anchor?.getAttribute('href')).toBe('https://example.com/chart.png');
    });

    it('shows the text of a link to a script, not a link', () => {
      const root = dom('[x](JaVaScRiPt:alert(1))');
      expect(root.querySelector('a')).toBeNull();
      expect(root.textContent?.trim()).toBe('x');
    });
  });

  describe(MessageRenderer.name, () => {
    it('renders each text once', () => {
      const renderer = new MessageRenderer(who);
      const first = renderer.render('**once**');
      expect(renderer.render('**once**')).toBe(first);
      expect(first).toBe('<p><strong>once</strong></p>\n');
    });

    it('parses a text once, however often a timeline shows it', () => {
      const parse = jest.spyOn(Lexer.prototype, 'lex');
      const renderer = new MessageRenderer(who);
      const texts = Array.from({ length: 300 }, (_, i) => `message ${i} with **bold**, \`code\` and <@u-ana>`);
      const first = texts.map((text) => renderer.render(text));
      expect(texts.map((text) => renderer.render(text))).toEqual(first);
      expect(parse).toHaveBeenCalledTimes(300);
    });

    it('does not parse plain text at all', () => {
      const parse = jest.spyOn(Lexer.prototype, 'lex');
      new MessageRenderer(who).render('See you at noon, then.');
      expect(parse).not.toHaveBeenCalled();
    });
  });
});
