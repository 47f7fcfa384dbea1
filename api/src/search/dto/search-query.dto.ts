import { SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX, SEARCH_QUERY_MAX_LENGTH, SearchPage, SearchQuery } from '@chat/protocol';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CodePointLength } from '../../common/validation/code-point-length';
import { IsStorableText } from '../../common/validation/storable-text';
import { Trim } from '../../common/validation/trim';
import { ToWholeNumber } from '../../common/validation/whole-number';
import { MessageDto } from '../../messages/dto/message.dto';

export class SearchQueryDto implements SearchQuery {
  @ApiProperty({
    description:
      'Trimmed, 1 to 200 code points. Its words (split on white space) and `"quoted phrases"` must all occur in the current text, ' +
      'ignoring case, as substrings (`conf` finds `conference`, `東京` finds `東京タワー`); no stemming, no stop words.',
    example: 'lunch "next friday"',
  })
  @Trim()
  @IsString()
  @CodePointLength(1, SEARCH_QUERY_MAX_LENGTH)
  @IsStorableText()
  q!: string;

  @ApiPropertyOptional({ description: 'Only this group or dm (its name, as in the group routes)', example: 'general' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  group?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page', example: 'MTc5NjU0NjcxNTgyOTAwMC4xMi5nZW5lcmFs' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SEARCH_PAGE_MAX, default: SEARCH_PAGE_DEFAULT })
  @IsOptional()
  @ToWholeNumber()
  @IsInt()
  @Min(1)
  @Max(SEARCH_PAGE_MAX)
  limit?: number;
}

export class SearchPageDto implements SearchPage {
  @ApiProperty({ type: [MessageDto], description: 'Newest first, by `createdAt` then `seq`; never a deleted message' })
  results!: MessageDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Pass as `before` for older results; `null` when there is nothing older. A page may hold fewer than `limit` results, ' +
      'even none, and still have a `next` (terms of one or two characters are searched a bounded slice at a time): ' +
      'keep asking while it is not null.',
    example: 'MTc5NjU0NjcxNTgyOTAwMC4xMi5nZW5lcmFs',
  })
  next!: string | null;
}
