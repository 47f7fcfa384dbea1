import { BadRequestException, PipeTransform } from '@nestjs/common';

/** A `:seq` path parameter: a whole number, 1 or more (digits only: no sign, no fraction, no exponent). */
export class SeqPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const seq = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(seq) || seq < 1) throw new BadRequestException('seq must be a whole number, 1 or more');
    return seq;
  }
}
