import { expectFound, useSearch, word } from '../support/search';

/**
 * "Its words (split on white space) and "quoted phrases" must all occur in the
 * message's current text ... as substrings", and the design's parsing of q: a
 * `"` starts a phrase that runs to the next `"` (or to the end), empty phrases
 * are dropped, and a q of nothing but `""` is one literal term. No stemming,
 * no stop words.
 */
describe('search: words and phrases', () => {
  const { writer } = useSearch();

  it('every word must occur, in any order; a word missing is no match', async () => {
    const t = word();
    const { user, say } = await writer('Words');
    const [m1, m2, m3] = await say(`${t} alpha beta gamma`, `gamma ${t} alpha`, `${t} beta`, 'beta gamma alpha');
    await expectFound(user, t, [m1, m2, m3]);
    await expectFound(user, `alpha ${t}`, [m1, m2]);
    await expectFound(user, `${t} alpha`, [m1, m2]);
    await expectFound(user, `gamma beta alpha ${t}`, [m1]);
    await expectFound(user, `beta ${t} beta`, [m1, m3]);
    await expectFound(user, `${t} alpha delta`, []);
    await expectFound(user, `${t} beta ${word()}`, []);
  });

  it('a phrase must occur contiguously, with its inner spaces as typed; words of it need not', async () => {
    const t = word();
    const { user, say } = await writer('Phrase');
    const [m1, m2, m3, m4, m5] = await say(`${t} the quick brown fox`, `${t} brown quick`, `${t} quick  brown`, `${t} quick, brown`, `${t} QUICK BROWN fox`);
    await expectFound(user, `"quick brown" ${t}`, [m1, m5]);
    await expectFound(user, `${t} "brown quick"`, [m2]);
    await expectFound(user, `"quick  brown" ${t}`, [m3]);
    await expectFound(user, `"quick, brown" ${t}`, [m4]);
    await expectFound(user, `${t} quick brown`, [m1, m2, m3, m4, m5]);
    await expectFound(user, `"${t} the quick"`, [m1]);
    await expectFound(user, `"brown fox" "${t} the"`, [m1]);
    await expectFound(user, `"brown fox" ${t}`, [m1, m5]);
    await expectFound(user, `"fox brown" ${t}`, []);
  });

  it('an unclosed quote runs to the end of q; a quote after a word starts a phrase there', async () => {
    const t = word();
    const { user, say } = await writer('Unclosed');
    const [m1, m2] = await say(`${t} north wind`, `${t} wind north`);
    await expectFound(user, `${t} "north wind`, [m1]);
    await expectFound(user, `${t} "wind north`, [m2]);
    await expectFound(user, `${t}"north wind"`, [m1]);
    await expectFound(user, `"north wind"${t}`, [m1]);
  });

  it('empty phrases are dropped; a q with no other term is one literal term (`""`, `"" ""`, `"`)', async () => {
    const t = word();
    const { user, say } = await writer('Empty');
    const [m1, m2, m3, m4, m5] = await say(`${t} north wind`, `${t} wind north`, `${t} said "" once`, `${t} said "" ""`, `${t} said " alone`);
    await expectFound(user, `${t} "" north`, [m1, m2]);
    await expectFound(user, `"" ${t} ""`, [m1, m2, m3, m4, m5]);
    await expectFound(user, '""', [m3, m4]);
    await expectFound(user, '  ""  ', [m3, m4]);
    await expectFound(user, '"" ""', [m4]);
    await expectFound(user, '"', [m3, m4, m5]);
  });

  it('q is trimmed, and words are split on any run of white space (spaces, tabs, newlines)', async () => {
    const t = word();
    const { user, say } = await writer('Spaces');
    const [m1, m2, m3] = await say(`${t} north wind`, `${t} wind\tnorth`, `${t}\nnorth`);
    await expectFound(user, `   ${t}   north   `, [m1, m2, m3]);
    await expectFound(user, `${t}\tnorth\n wind`, [m1, m2]);
    await expectFound(user, `\n${t}\t`, [m1, m2, m3]);
  });

  it('part of a word: at its start, in the middle, at its end', async () => {
    const t = word();
    const { user, say } = await writer('Part');
    const [m1, m2, m3] = await say(`${t} conference`, `${t} conferred`, `${t} reference`);
    await expectFound(user, `conf ${t}`, [m1, m2]);
    await expectFound(user, 'conf', [m1, m2]);
    await expectFound(user, `ence ${t}`, [m1, m3]);
    await expectFound(user, `feren ${t}`, [m1, m3]);
    await expectFound(user, t.slice(2, 8), [m1, m2, m3]);
    await expectFound(user, `"${t.slice(4)} conf"`, [m1, m2]);
  });

  it('no stemming and no stop words', async () => {
    const t = word();
    const { user, say } = await writer('Stem');
    const [m1, m2, m3, m4, m5] = await say(`${t} running`, `${t} runs`, `${t} ran`, `${t} the`, `${t} of it`);
    await expectFound(user, `run ${t}`, [m1, m2]);
    await expectFound(user, `runs ${t}`, [m2]);
    await expectFound(user, `ran ${t}`, [m3]);
    await expectFound(user, `running ${t}`, [m1]);
    await expectFound(user, `the ${t}`, [m4]);
    await expectFound(user, `${t} of`, [m5]);
    await expectFound(user, `it ${t}`, [m5]);
    await expectFound(user, `"of it" ${t}`, [m5]);
    await expectFound(user, 'the', [m4]);
  });
});
