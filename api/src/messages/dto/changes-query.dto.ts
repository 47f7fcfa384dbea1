import { CHANGES_PAGE_DEFAULT, CHANGES_PAGE_MAX, ChangesPage, ChangesQuery } from '@chat/protocol';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToWholeNumber } from '../../common/validation/whole-number';
import { MessageDto } from './message.dto';

export class ChangesQueryDto implements ChangesQuery {
  @ApiProperty({ description: 'Only changes with a higher rev: the last rev the client applied (0 for everything)', minimum: 0, example: 57 })
  @ToWholeNumber()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: CHANGES_PAGE_MAX, default: CHANGES_PAGE_DEFAULT })
  @IsOptional()
  @ToWholeNumber()
  @IsInt()
  @Min(1)
  @Max(CHANGES_PAGE_MAX)
  limit?: number;
}

export class ChangesPageDto implements ChangesPage {
  @ApiProperty({ type: [MessageDto], description: 'The current state of every message changed after `after`, ascending by rev, each once' })
  messages!: MessageDto[];

  @ApiProperty({ description: "The group's newest revision", example: 60 })
  lastRev!: number;

  @ApiProperty({ description: 'Further changes exist: ask again with `after` = the last message\'s rev', example: false })
  more!: boolean;
}
