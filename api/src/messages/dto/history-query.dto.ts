import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, HistoryQuery } from '@chat/protocol';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToWholeNumber } from '../../common/validation/whole-number';

export class HistoryQueryDto implements HistoryQuery {
  @ApiPropertyOptional({ description: 'Only messages with a lower seq (older pages)', minimum: 1, example: 101 })
  @IsOptional()
  @ToWholeNumber()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;

  @ApiPropertyOptional({
    description: 'Only messages with a higher seq, starting right after it (catch-up after a reconnect)',
    minimum: 0,
    example: 40,
  })
  @IsOptional()
  @ToWholeNumber()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: HISTORY_PAGE_MAX, default: HISTORY_PAGE_DEFAULT })
  @IsOptional()
  @ToWholeNumber()
  @IsInt()
  @Min(1)
  @Max(HISTORY_PAGE_MAX)
  limit?: number;
}
