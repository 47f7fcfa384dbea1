import type { ErrorBody } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';

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
