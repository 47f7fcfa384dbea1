import { validate } from 'class-validator';
import { IsEmailAddress, isStorableText, IsStorableText } from './storable-text';

class Probe {
  @IsEmailAddress()
  email!: string;

  @IsStorableText()
  name!: unknown;
}

const probe = (email: string, name: unknown = 'ok') => Object.assign(new Probe(), { email, name });

describe(isStorableText.name, () => {
  it.each([['plain'], ['emoji \ud83d\ude00'], ['controls \u0007\t\n'], ['']])('accepts %j', (text) => {
    expect(isStorableText(text)).toBe(true);
  });

  it.each([['nul \u0000'], ['lone high \ud800'], ['lone low \udc00'], ['swapped \udc00\ud800'], ['high at the end \ud83d']])('refuses %j', (text) => {
    expect(isStorableText(text)).toBe(false);
  });
});

describe('IsEmailAddress and IsStorableText', () => {
  it('accept a valid address and storable text', async () => {
    expect(await validate(probe('ana@example.com'))).toEqual([]);
  });

  // validator.js threw a URIError on a lone surrogate, which answered 500 (found by fuzzing).
  it('refuse an address with a lone surrogate instead of throwing', async () => {
    const errors = await validate(probe('\n\r\udc00\ufeff'));
    expect(errors.map((e) => e.property)).toEqual(['email']);
  });

  it('refuse unstorable text and leave other types to the type check', async () => {
    expect((await validate(probe('ana@example.com', 'a\u0000b'))).map((e) => e.property)).toEqual(['name']);
    expect(await validate(probe('ana@example.com', 42))).toEqual([]);
  });
});
