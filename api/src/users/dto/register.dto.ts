import {
  DISPLAY_NAME_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RegisterRequest,
} from '@chat/protocol';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { CodePointLength } from '../../common/validation/code-point-length';
import { IsEmailAddress, IsStorableText } from '../../common/validation/storable-text';
import { Trim, TrimLowerCase } from '../../common/validation/trim';

export class EmailPasswordDto {
  @ApiProperty({ description: 'Trimmed and lower-cased before use', maxLength: EMAIL_MAX_LENGTH, example: 'ana@example.com' })
  @TrimLowerCase()
  @IsString()
  @CodePointLength(1, EMAIL_MAX_LENGTH)
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, example: 'correct horse battery' })
  @IsString()
  @CodePointLength(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;
}

export class RegisterDto extends EmailPasswordDto implements RegisterRequest {
  @ApiPropertyOptional({
    description: 'Trimmed; defaults to the part of the email before @',
    minLength: 1,
    maxLength: DISPLAY_NAME_MAX_LENGTH,
    example: 'Ana',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @CodePointLength(1, DISPLAY_NAME_MAX_LENGTH)
  // Every control character (Unicode Cc: C0, DEL and the C1 range U+0080-U+009F).
  @Matches(/^\P{Cc}*$/u, { message: 'displayName must not contain control characters' })
  @IsStorableText()
  displayName?: string;
}
