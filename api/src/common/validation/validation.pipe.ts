import { ValidationPipe } from '@nestjs/common';

/**
 * Every REST input is validated by its DTO: unknown fields are refused (400),
 * strings are transformed (trimmed) before the checks, and non-object bodies
 * are refused rather than ignored.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
  });
}
