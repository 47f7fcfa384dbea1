import { isEmail, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * U+0000, or a UTF-16 surrogate without its partner. Neither can be stored
 * as sent: PostgreSQL's text type refuses U+0000 (the insert fails), and
 * UTF-8 cannot encode a lone surrogate (the driver turns it into U+FFFD,
 * so two different strings would be stored as one). JSON can still carry
 * both (`"\u0000"`, `"\ud800"`), so every string that reaches storage is
 * checked, and the rule is the same in memory and on PostgreSQL.
 */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain U+0000 or unpaired surrogates';

/** A string field must be storable as sent (see above); other types are left to the type check. */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStorableText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isStorableText(value),
        defaultMessage: (args) => `${args?.property} ${UNSTORABLE_TEXT_MESSAGE}`,
      },
    },
    options,
  );
}

/**
 * class-validator's IsEmail, made safe: validator.js calls encodeURI on the
 * address, which throws on a lone surrogate (a 500): unstorable text is
 * simply not a valid address (docs/decisions/input-hardening.md).
 */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isStorableText(value) && isEmail(value),
        defaultMessage: (args) => `${args?.property} must be a valid email address`,
      },
    },
    options,
  );
}
