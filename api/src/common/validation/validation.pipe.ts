import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';

/**
 * Keys the whitelist below never refuses: class-transformer drops
 * `__proto__` and `constructor` without a word (its guard against prototype
 * pollution), class-validator's whitelist lets `prototype` through, and
 * neither refuses a key that names a member every object inherits
 * (`valueOf`, `toString`, `hasOwnProperty`, …: the fuzz suite found
 * `valueOf` accepted). They are refused here like any other unknown field
 * (docs/decisions/input-hardening.md); no DTO has such a field.
 */
const KEYS_THE_WHITELIST_MISSES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'])];

/**
 * class-transformer copies a body recursively, so a deeply nested body
 * (well under 16 KiB) would overflow the stack. No body of the contract
 * nests at all; this leaves room.
 */
export const MAX_INPUT_DEPTH = 8;

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && typeof value === 'object' && value !== null) {
      if (isDeeperThan(value, MAX_INPUT_DEPTH)) throw new BadRequestException(`${metadata.type} is nested too deeply`);
      const dropped = KEYS_THE_WHITELIST_MISSES.filter((key) => Object.prototype.hasOwnProperty.call(value, key));
      if (dropped.length > 0) throw new BadRequestException(dropped.map((key) => `property ${key} should not exist`));
    }
    return super.transform(value, metadata);
  }
}

/** Without recursion, so that measuring cannot overflow the stack either. */
function isDeeperThan(root: object, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Every REST input is validated by its DTO: unknown fields are refused (400),
 * strings are transformed (trimmed) before the checks, and non-object bodies
 * are refused rather than ignored.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
  });
}
