import type { Message } from '@chat/protocol';
import type { TestUser } from '../support/api-client';
import { expectFound, useSearch, word } from '../support/search';

/**
 * "URLs and code work": every character is literal (the design: `%`, `_`, `\`
 * and others; `100%` finds `100%`, not `100x`). Each query is URL-encoded as
 * a client must, so what arrives is exactly the text typed.
 */
describe('search: URLs, code and punctuation are literal', () => {
  const { writer } = useSearch();

  /** The texts, by key; each ends with the describe's own word so the table's rows can also ask for it. */
  const TEXTS = {
    url: 'see https://example.com/a?b=c&d=e#top',
    urlOther: 'see https://example.com/a?bxc',
    code: 'call foo_bar() now',
    codeOther: 'call fooxbar() now',
    percent: 'it is 100% done',
    percentX: 'it is 100x done',
    thousand: 'count 1000 done',
    encoded: 'literally 100%25 here',
    underscore: 'name a_b here',
    underscoreX: 'name axb here',
    plain: 'name ab here',
    windows: 'path C:\\temp\\new here',
    unix: 'path C:/temp/new here',
    regex: 'regex a.*b [x] (y) $z ^w {2} a|b',
    regexOther: 'regex aXYZb',
    sql: "it's O'Brien; DROP TABLE messages; --",
    symbols: 'R&D + C++ = 42',
    html: '<b>bold</b> &amp; <i>',
    backtick: 'run `npm test` then ~/x',
  } as const;
  type Key = keyof typeof TEXTS;

  let user: TestUser;
  let t: string;
  const sent = {} as Record<Key, Message>;
  beforeAll(async () => {
    t = word();
    const w = await writer('Literal');
    user = w.user;
    for (const key of Object.keys(TEXTS) as Key[]) [sent[key]] = await w.say(`${TEXTS[key]} ${t}`);
  });

  it.each<[string, Key[]]>([
    ['https://example.com/a?b=c', ['url']],
    ['https://example.com/a?b=c&d=e#top', ['url']],
    ['example.com/a?b', ['url', 'urlOther']],
    ['#top', ['url']],
    ['?', ['url', 'urlOther']],
    ['foo_bar()', ['code']],
    ['foo_bar', ['code']],
    ['bar()', ['code', 'codeOther']],
    ['100%', ['percent', 'encoded']],
    ['100% done', ['percent']],
    ['"100% done"', ['percent']],
    ['%', ['percent', 'encoded']],
    ['%25', ['encoded']],
    ['100', ['percent', 'percentX', 'thousand', 'encoded']],
    ['a_b', ['underscore']],
    ['_', ['code', 'underscore']],
    ['a_b here', ['underscore']],
    ['C:\\temp', ['windows']],
    ['\\', ['windows']],
    ['\\temp\\new', ['windows']],
    ['C:/temp', ['unix']],
    ['a.*b', ['regex']],
    ['.*', ['regex']],
    ['[x]', ['regex']],
    ['(y)', ['regex']],
    ['$z', ['regex']],
    ['^w', ['regex']],
    ['{2}', ['regex']],
    ['a|b', ['regex']],
    ["O'Brien;", ['sql']],
    ["it's", ['sql']],
    ["'", ['sql']],
    ['DROP TABLE', ['sql']],
    ['"; --"', ['sql']],
    ['R&D', ['symbols']],
    ['C++', ['symbols']],
    ['+', ['symbols']],
    ['= 42', ['symbols']],
    ['<b>bold</b>', ['html']],
    ['&amp;', ['html']],
    ['`npm test`', ['backtick']],
    ['~/x', ['backtick']],
  ])('%s', async (q, keys) => {
    await expectFound(user, q, keys.map((k) => sent[k]));
    // With the describe's word as a second term, the same messages.
    await expectFound(user, `${q} ${t}`, keys.map((k) => sent[k]));
  });
});
