import { EditMessageRequest, MESSAGE_TEXT_MAX_LENGTH } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CodePointLength } from '../../common/validation/code-point-length';
import { IsStorableText } from '../../common/validation/storable-text';
import { Trim } from '../../common/validation/trim';

/** The same rule as a `send`'s text. */
export class EditMessageDto implements EditMessageRequest {
  @ApiProperty({ description: 'The new text: 1 to 4000 characters after trimming', maxLength: MESSAGE_TEXT_MAX_LENGTH, example: 'Lunch at 12:30 instead?' })
  @Trim()
  @IsString()
  @CodePointLength(1, MESSAGE_TEXT_MAX_LENGTH)
  @IsStorableText()
  text!: string;
}
