import type { SearchPage } from '@chat/protocol';
import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentSession } from '../auth/current-session.decorator';
import type { Session } from '../auth/session';
import { ApiStoreUnavailableResponse, ErrorDto } from '../common/error.dto';
import { SearchPageDto, SearchQueryDto } from './dto/search-query.dto';
import { SearchService } from './search.service';

const EXAMPLE_RESULT = {
  id: '6f1c2a9e-8a57-4bd4-a4f3-0c3f4b0e2a11',
  group: 'general',
  seq: 42,
  rev: 42,
  sender: { id: '0b6f3a43-54c3-4a8e-9c55-5b1d7e8d2f10', displayName: 'Ana' },
  text: 'Lunch next Friday at the conference centre?',
  createdAt: '2026-11-23T12:00:00.000Z',
  clientMsgId: 'c1f0e2d4',
  editedAt: null,
  deleted: false,
  replyTo: null,
  mentions: [],
  reactions: [{ emoji: '👍', count: 2, me: true }],
};

@ApiTags('search')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing, invalid, expired or revoked token' })
@ApiStoreUnavailableResponse()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Search the messages you can read',
    description:
      'In the groups and dms you are a member of now (or in `group` only), newest first. Every word and `"quoted phrase"` of `q` ' +
      'must occur in the current text, ignoring case; deleted messages are never found, edited ones by their current text. ' +
      'Page with `before` = `next` until `next` is null.',
  })
  @ApiOkResponse({ type: SearchPageDto, example: { results: [EXAMPLE_RESULT], next: 'MTc5NjU0NjcxNTgyOTAwMC40Mi5nZW5lcmFs' } })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A missing, empty or too long `q`, a bad `before` or `limit`, or an unknown parameter' })
  @ApiForbiddenResponse({ type: ErrorDto, description: '`group` is a group you are not a member of' })
  @ApiNotFoundResponse({ type: ErrorDto, description: '`group` does not exist (or is a dm you are not in)' })
  find(@CurrentSession() session: Session, @Query() query: SearchQueryDto): Promise<SearchPage> {
    return this.search.find(session.user.id, query);
  }
}
