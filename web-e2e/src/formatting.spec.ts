import { expect, Page, test } from '@playwright/test';
import { composer, delivered, deliveredText, send, tokenOf } from './support/chat';
import { withTwoInAGroup } from './support/people';

/** A message reaches the other screen within this. */
const LIVE = 2_000;

/** Sends each text as a `send` frame on a socket of the page's own session (faster than typing forty messages). */
async function sendFrames(page: Page, group: string, texts: string[]): Promise<void> {
  const token = await tokenOf(page);
  await page.evaluate(
    async ({ token, group, texts }) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
      await new Promise((ready) => ws.addEventListener('message', ready, { once: true }));
      const echoes = new Promise<void>((done) => {
        let left = texts.length;
        ws.addEventListener('message', (event) => JSON.parse(event.data).event === 'message' && --left === 0 && done());
      });
      texts.forEach((text, i) => ws.send(JSON.stringify({ event: 'send', data: { group, text, clientMsgId: `xss-${i}-${Date.now()}` } })));
      await echoes;
      ws.close();
    },
    { token, group, texts },
  );
}

/** Messages that try to run script, load something, or smuggle a dangerous link; `TRACK` is a URL of this server. */
function xssCorpus(track: string): string[] {
  return [
    '<img src=x onerror=alert("img")>',
    `<img src="${track}?img">`,
    '<script>alert("script")</script>',
    '<svg onload=alert("svg")><circle r="5"/></svg>',
    '<svg><script>alert("svg-script")</script></svg>',
    '<iframe src="javascript:alert(\'iframe\')"></iframe>',
    `<iframe src="${track}?iframe"></iframe>`,
    '<a href="javascript:alert(\'html-link\')">html link</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
    '<a href="vbscript:msgbox(1)">vb link</a>',
    '<div onclick="alert(\'div\')" style="position:fixed;inset:0">cover</div>',
    '<details open ontoggle=alert("details")>details</details>',
    '<input autofocus onfocus=alert("input")>',
    `<video><source src="${track}?video" onerror=alert("video")></video>`,
    `<object data="${track}?object"></object>`,
    `<link rel="stylesheet" href="${track}?css">`,
    `<style>body{background:url(${track}?style)}</style>`,
    '<math><mi xlink:href="javascript:alert(1)">math</mi></math>',
    '<<script>script>alert("nested")<</script>/script>',
    '<scr<script>ipt>alert("split")</script>',
    '<img/src="x"/onerror=alert("slash")>',
    '<IMG SRC=JaVaScRiPt:alert("case")>',
    '&lt;script&gt;alert("entities")&lt;/script&gt;',
    '&#60;img src=x onerror=alert("numeric")&#62;',
    '[click me](javascript:alert("md"))',
    '[click me too](JaVaScRiPt:alert("md-case"))',
    '[spaced]( javascript:alert("md-space"))',
    '[entity](&#106;avascript:alert("md-entity"))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[angle](<javascript:alert("md-angle")>)',
    '[ref link][r]\n\n[r]: javascript:alert("md-ref")',
    `![tracker](${track}?md-image)`,
    `![x](${track}?md-image-2 "title")`,
    `[![nested](${track}?md-nested)](${track}?md-nested-link)`,
    '![x](javascript:alert("md-image-js"))',
    '[quote](http://x.example/"onmouseover="alert(1))',
    '**<img src=x onerror=alert("bold")>**',
    '> <iframe src=//127.0.0.1:1/></iframe> quoted',
    '```html\n<script>alert("fenced")</script>\n```',
    '<@x"><img src=x onerror=alert("mention")>',
  ];
}

test.describe('formatted text', () => {
  test('Markdown renders: bold, italic, code, a fenced block, a quote and a link opening a new tab', async ({ browser, request }) => {
    await withTwoInAGroup(browser, request, 'markdown', async ({ alice, bob }) => {
      await send(alice.page, 'Ship **today** or *tomorrow*, run `npm test` first, see https://example.com/notes');
      const box = composer(alice.page);
      await box.fill('> the docs say\n\nand then:\n```\nnpm ci\nnpm test\n```');
      await box.press('Enter');
      await expect(delivered(bob.page)).toHaveCount(2, { timeout: LIVE });

      const first = delivered(bob.page).first();
      await expect(first.locator('.text strong')).toHaveText('today');
      await expect(first.locator('.text em')).toHaveText('tomorrow');
      await expect(first.locator('.text code')).toHaveText('npm test');
      const link = first.locator('.text a');
      await expect(link).toHaveText('https://example.com/notes');
      await expect(link).toHaveAttribute('href', 'https://example.com/notes');
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer');

      const second = delivered(bob.page).nth(1);
      await expect(second.locator('.text blockquote')).toHaveText('the docs say');
      await expect(second.locator('.text pre code')).toHaveText('npm ci\nnpm test\n');
      // The markers are gone: what shows is the formatted text.
      await expect(first.locator('.text')).toHaveText('Ship today or tomorrow, run npm test first, see https://example.com/notes');
    });
  });

  test('an XSS corpus sent as messages runs nothing, loads nothing, and shows as text', async ({ browser, request, baseURL }) => {
    // A URL of this very server, so that no Content-Security-Policy would stop a load: only the rendering can.
    const track = `${baseURL}/track.png`;
    const corpus = xssCorpus(track);
    await withTwoInAGroup(browser, request, 'xss', async ({ group, alice, bob }) => {
      const dialogs: string[] = [];
      const tracked: string[] = [];
      for (const page of [alice.page, bob.page]) {
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        page.on('request', (r) => (r.url().includes('/track.png') || r.url().startsWith('http://127.0.0.1:1') ? tracked.push(r.url()) : undefined));
      }
      await sendFrames(alice.page, group, corpus);
      await expect(delivered(bob.page)).toHaveCount(corpus.length, { timeout: 10_000 });
      // Once live, once from history.
      await bob.page.reload();
      await expect(delivered(bob.page)).toHaveCount(corpus.length, { timeout: 10_000 });

      for (const page of [alice.page, bob.page]) {
        const list = page.getByRole('log');
        const found = await list.evaluate((root) => ({
          handlers: [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
          forbidden: [...root.querySelectorAll('.text')].flatMap((text) =>
            [...text.querySelectorAll('script, iframe, img, svg, math, object, embed, video, source, link, style, input, details, form')].map((el) => el.tagName),
          ),
          hrefs: [...root.querySelectorAll('.text a')].map((a) => a.getAttribute('href') ?? ''),
          styled: [...root.querySelectorAll('.text [style]')].length,
          empty: [...root.querySelectorAll('article.message[data-seq] .text')].filter((el) => (el.textContent ?? '').trim() === '').length,
        }));
        expect(found.handlers).toEqual([]);
        expect(found.forbidden).toEqual([]);
        expect(found.hrefs.filter((href) => !/^(https?:\/\/|mailto:)/i.test(href))).toEqual([]);
        expect(found.styled).toBe(0);
        expect(found.empty).toBe(0);
      }
      // Links that remain are plain web links: following the images' ones is a person's choice, never automatic.
      await expect(deliveredText(bob.page, '<script>alert("script")</script>')).toHaveCount(1);
      await expect(deliveredText(bob.page, '<img src=x onerror=alert("img")>')).toHaveCount(1);
      await expect(deliveredText(bob.page, '<script>alert("entities")</script>')).toHaveCount(1);
      await expect(deliveredText(bob.page, 'click me')).toHaveCount(1);
      await expect(deliveredText(bob.page, 'click me').locator('a')).toHaveCount(0);
      await expect(deliveredText(bob.page, 'tracker').locator('a')).toHaveAttribute('href', `${track}?md-image`);
      expect(dialogs).toEqual([]);
      expect(tracked).toEqual([]);
    });
  });
});
