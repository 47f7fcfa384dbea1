import { codePointLength } from '@chat/protocol';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Length in Unicode code points, the unit of every length in the contract
 * (class-validator's own length check counts differently).
 */
export function CodePointLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'codePointLength',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = codePointLength(value);
          return length >= min && length <= max;
        },
        defaultMessage: (args) =>
          min === max
            ? `${args?.property} must be ${min} characters long`
            : `${args?.property} must be ${min} to ${max} characters long`,
      },
    },
    options,
  );
}
