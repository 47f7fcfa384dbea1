import { BadRequestException } from '@nestjs/common';
import { IsString } from 'class-validator';
import { createValidationPipe, MAX_INPUT_DEPTH } from './validation.pipe';

class NameDto {
  @IsString()
  name!: string;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const body = (value: unknown) => pipe.transform(value, { type: 'body', metatype: NameDto });

  it('accepts a body with exactly the DTO fields', async () => {
    await expect(body({ name: 'x' })).resolves.toEqual({ name: 'x' });
  });

  it('refuses an unknown field', async () => {
    await expect(body({ name: 'x', other: 1 })).rejects.toBeInstanceOf(BadRequestException);
  });

  // The whitelist never saw these (class-transformer drops two, class-validator skips one): found by fuzzing.
  it.each(['constructor', '__proto__', 'prototype'])('refuses "%s" as an unknown field, in a body and in a query', async (key) => {
    const value = JSON.parse(`{"name":"x",${JSON.stringify(key)}:-1}`);
    await expect(body(value)).rejects.toThrow(BadRequestException);
    await expect(pipe.transform(value, { type: 'query', metatype: NameDto })).rejects.toThrow(BadRequestException);
  });

  // class-transformer recursed into them and overflowed the stack: a 500 (found by fuzzing).
  it('refuses a body nested deeper than MAX_INPUT_DEPTH, however deep, with a 400', async () => {
    for (const depth of [MAX_INPUT_DEPTH, 5000]) {
      const value = JSON.parse(`{"name":"x","other":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      await expect(body(value)).rejects.toThrow(BadRequestException);
    }
    await expect(body(JSON.parse(`{"name":"x","other":${'['.repeat(5000)}${']'.repeat(5000)}}`))).rejects.toThrow(/nested too deeply/);
  });
});
