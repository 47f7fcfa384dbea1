import type { Message } from '@chat/protocol';
import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentSession } from '../auth/current-session.decorator';
import type { Session } from '../auth/session';
import { ApiStoreUnavailableResponse, ErrorDto } from '../common/error.dto';
import { HistoryQueryDto } from './dto/history-query.dto';
import { MessageDto } from './dto/message.dto';
import { GROUP_NAME_PARAM } from '../groups/groups.controller';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@ApiStoreUnavailableResponse()
@Controller('groups/:name/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOperation({
    summary: 'History, ascending by seq',
    description:
      'With neither bound: the newest `limit` messages. `before`: older pages. `after`: the messages after a seq, ' +
      'oldest first (catch-up after a reconnect: pass the last seq seen).',
  })
  @ApiParam(GROUP_NAME_PARAM)
  @ApiOkResponse({ type: [MessageDto] })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A bound or limit out of range, or an unknown parameter' })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'Not a member' })
  @ApiNotFoundResponse({ type: ErrorDto })
  history(@CurrentSession() session: Session, @Param('name') name: string, @Query() query: HistoryQueryDto): Promise<Message[]> {
    return this.messages.history(session.user.id, name, query);
  }
}
