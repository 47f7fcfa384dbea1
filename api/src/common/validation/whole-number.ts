import { Transform } from 'class-transformer';

/**
 * A query parameter as a whole number, for the IsInt/Min/Max checks that
 * follow: digits only, so `""`, `" 5"`, `0x10` and `1e2` (which Number()
 * would accept) are refused rather than read as 0, 5, 16 and 100.
 */
export const ToWholeNumber = () => Transform(({ value }) => (value === undefined ? undefined : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN));
