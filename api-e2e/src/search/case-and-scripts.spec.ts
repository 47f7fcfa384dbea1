import { expectFound, useSearch, word } from '../support/search';

/**
 * "Ignoring case (lower-casing both sides: `Ä` finds `ä`; `ß` need not find
 * `SS`), as substrings: ... `東京` finds `東京タワー`". `Straße`/`STRASSE` is
 * deliberately not asserted either way.
 */
describe('search: case and scripts', () => {
  const { writer } = useSearch();

  it('ASCII case is ignored, in the query and in the text, words and phrases', async () => {
    const t = word();
    const { user, say } = await writer('Ascii');
    const [m1, m2, m3] = await say(`${t} Hello World`, `${t} hello world`, `${t.toUpperCase()} HELLO`);
    await expectFound(user, `HELLO ${t.toUpperCase()}`, [m1, m2, m3]);
    await expectFound(user, `hello ${t}`, [m1, m2, m3]);
    await expectFound(user, `hElLo`, [m1, m2, m3]);
    await expectFound(user, `"hello world" ${t}`, [m1, m2]);
    await expectFound(user, `"HELLO WORLD" ${t}`, [m1, m2]);
    await expectFound(user, `"${t.toUpperCase()} HELLO WORLD"`, [m1, m2]);
    await expectFound(user, `"${t} hello"`, [m1, m2, m3]);
  });

  it('`Ä` finds `ä` and the reverse; `ÄRGER` finds `ärger`; other letters with marks and other scripts too; `a` is not `ä`', async () => {
    const t = word();
    const { user, say } = await writer('Umlaut');
    const [m1, m2, m3, m4, m5, m6, m7] = await say(`${t} Ärger`, `${t} ärger`, `${t} ÄRGER`, `${t} arger`, `${t} ÉCOLE Über`, `${t} Привет`, `${t} Straße`);
    await expectFound(user, `ÄRGER ${t}`, [m1, m2, m3]);
    await expectFound(user, `ärger ${t}`, [m1, m2, m3]);
    await expectFound(user, 'Ärger', [m1, m2, m3]);
    await expectFound(user, `Ä ${t}`, [m1, m2, m3]);
    await expectFound(user, `ä ${t}`, [m1, m2, m3]);
    await expectFound(user, 'ä', [m1, m2, m3]);
    await expectFound(user, 'Ä', [m1, m2, m3]);
    await expectFound(user, `arger ${t}`, [m4]);
    await expectFound(user, `école über ${t}`, [m5]);
    await expectFound(user, 'ÜBER', [m5]);
    await expectFound(user, 'ПРИВЕТ', [m6]);
    await expectFound(user, `привет ${t}`, [m6]);
    // ß lower-cased is ß: `straße` and `STRAßE` find it (`STRASSE` is not asserted either way).
    await expectFound(user, 'straße', [m7]);
    await expectFound(user, `STRAßE ${t}`, [m7]);
  });

  it('CJK: a part of a run of characters without spaces, one character or more', async () => {
    const { user, say } = await writer('Cjk');
    const [m1, m2, m3, m4, m5] = await say('東京タワーに行く', '京都', '東 only', '서울특별시', '我爱北京天安门');
    await expectFound(user, '東京', [m1]);
    await expectFound(user, 'タワー', [m1]);
    await expectFound(user, '東京タワー', [m1]);
    await expectFound(user, '行く', [m1]);
    await expectFound(user, '京', [m1, m2, m5]);
    await expectFound(user, '東', [m1, m3]);
    await expectFound(user, '京都', [m2]);
    await expectFound(user, '"東京 タワー"', []);
    await expectFound(user, '東京 タワー', [m1]);
    await expectFound(user, 'タワー 東京', [m1]);
    await expectFound(user, '서울', [m4]);
    await expectFound(user, '北京', [m5]);
    await expectFound(user, '天安门', [m5]);
    await expectFound(user, '東京 only', []);
  });

  it('emoji and other characters outside the BMP', async () => {
    const t = word();
    const { user, say } = await writer('Astral');
    const [m1, m2, m3, m4] = await say(`${t} party 🎉🎉`, `${t} 𝒜𝒷𝒸 math`, `${t} 👍🏽`, `${t} 👍`);
    await expectFound(user, '🎉', [m1]);
    await expectFound(user, `🎉 ${t}`, [m1]);
    await expectFound(user, '🎉🎉🎉', []);
    await expectFound(user, '𝒷', [m2]);
    await expectFound(user, `𝒜𝒷𝒸 ${t}`, [m2]);
    await expectFound(user, '👍🏽', [m3]);
    await expectFound(user, '👍', [m3, m4]);
  });
});
