import type { ErrorBody } from '@chat/protocol';
import { ApiProperty, ApiServiceUnavailableResponse } from '@nestjs/swagger';

/** Nest's error shape, shared by every failure. */
export class ErrorDto implements ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['email must be a valid email address'],
  })
  message!: string | string[];

  @ApiProperty({ example: 'Bad Request' })
  error!: string;
}

/** Every route that reads or writes storage can answer this while PostgreSQL is unreachable. */
export const ApiStoreUnavailableResponse = () =>
  ApiServiceUnavailableResponse({
    type: ErrorDto,
    description: 'The database is unreachable right now; retry after the `Retry-After` seconds. Nothing was changed.',
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', example: 2 } } },
  });
