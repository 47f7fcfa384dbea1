import type { ChangesPage, Message } from '@chat/protocol';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
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
import { SeqParam } from '../common/validation/seq-param';
import { GROUP_NAME_PARAM } from '../groups/groups.controller';
import { ChangesPageDto, ChangesQueryDto } from './dto/changes-query.dto';
import { EditMessageDto } from './dto/edit-message.dto';
import { HistoryQueryDto } from './dto/history-query.dto';
import { MessageDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

export const SEQ_PARAM = { name: 'seq', description: "The message's seq in the group: a whole number, 1 or more", example: 42 };

const EXAMPLE_MESSAGE = {
  id: '6f1c2a9e-8a57-4bd4-a4f3-0c3f4b0e2a11',
  group: 'general',
  seq: 42,
  rev: 58,
  sender: { id: '0b6f3a43-54c3-4a8e-9c55-5b1d7e8d2f10', displayName: 'Ana' },
  text: 'Lunch at 12:30 instead?',
  createdAt: '2026-11-23T12:00:00.000Z',
  clientMsgId: 'c1f0e2d4',
  editedAt: '2026-11-23T12:01:10.000Z',
  deleted: false,
  replyTo: { seq: 41, sender: { id: '9a7d0c1e-2b3f-4a5b-8c6d-7e8f9a0b1c2d', displayName: 'Ben' }, excerpt: 'Lunch at noon?', deleted: false },
  mentions: ['9a7d0c1e-2b3f-4a5b-8c6d-7e8f9a0b1c2d'],
  reactions: [
    { emoji: '👍', count: 2, me: true },
    { emoji: '🎉', count: 1, me: false },
  ],
};

const EXAMPLE_TOMBSTONE = {
  ...EXAMPLE_MESSAGE,
  seq: 40,
  rev: 59,
  text: '',
  clientMsgId: 'a77c01b2',
  editedAt: null,
  deleted: true,
  replyTo: null,
  mentions: [],
  reactions: [],
};

@ApiTags('messages')
@ApiBearerAuth()
@ApiStoreUnavailableResponse()
@ApiUnauthorizedResponse({ type: ErrorDto })
@ApiParam(GROUP_NAME_PARAM)
@Controller('groups/:name')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get('messages')
  @ApiOperation({
    summary: 'History, ascending by seq',
    description:
      'With neither bound: the newest `limit` messages. `before`: older pages. `after`: the messages after a seq, ' +
      'oldest first (catch-up after a reconnect: pass the last seq seen). Deleted messages are tombstones in place.',
  })
  @ApiOkResponse({ type: [MessageDto], example: [EXAMPLE_TOMBSTONE, EXAMPLE_MESSAGE] })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A bound or limit out of range, or an unknown parameter' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'Not a member' })
  @ApiNotFoundResponse({ type: ErrorDto })
  history(@CurrentSession() session: Session, @Param('name') name: string, @Query() query: HistoryQueryDto): Promise<Message[]> {
    return this.messages.history(session.user.id, name, query);
  }

  @Patch('messages/:seq')
  @ApiOperation({
    summary: 'Edit your message',
    description:
      'Only its sender may. Sets `editedAt` and takes a new `rev`; every member receives `edit`. ' +
      'The same text again (after trimming) changes nothing: no new rev, no event, still 200. ' +
      'Neither `seq`, `lastSeq` nor read markers move.',
  })
  @ApiParam(SEQ_PARAM)
  @ApiOkResponse({ type: MessageDto, example: EXAMPLE_MESSAGE })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid text, or a seq that is not a whole number of 1 or more' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'Not the sender, or not a member' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such group or message' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The message is deleted' })
  edit(@CurrentSession() session: Session, @Param('name') name: string, @SeqParam() seq: number, @Body() body: EditMessageDto): Promise<Message> {
    return this.messages.edit(session.user, name, seq, body.text);
  }

  @Delete('messages/:seq')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete your message',
    description:
      'Only its sender may. The message becomes a tombstone at the same seq (text `""`, no reply, mentions or reactions) ' +
      'with a new `rev`; every member receives `delete`. Deleting a deleted message is 204 again and changes nothing. ' +
      'A repeat `send` of its clientMsgId echoes the tombstone to the sender and stores nothing.',
  })
  @ApiParam(SEQ_PARAM)
  @ApiNoContentResponse({ description: 'Deleted (or was already)' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A seq that is not a whole number of 1 or more' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'Not the sender, or not a member' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such group or message' })
  remove(@CurrentSession() session: Session, @Param('name') name: string, @SeqParam() seq: number): Promise<void> {
    return this.messages.remove(session.user, name, seq);
  }

  @Get('changes')
  @ApiOperation({
    summary: 'Catch up on changes after a revision',
    description:
      'The current state of every message whose `rev` is above `after` (new, edited or deleted), ascending by rev, ' +
      'each message once. `more`: ask again with `after` = the last message\'s rev. No window: any `after` works; ' +
      'one above `lastRev` finds nothing.',
  })
  @ApiOkResponse({ type: ChangesPageDto, example: { messages: [EXAMPLE_MESSAGE, EXAMPLE_TOMBSTONE], lastRev: 59, more: false } })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A missing or bad `after`, a limit out of 1..100, or an unknown parameter' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'Not a member' })
  @ApiNotFoundResponse({ type: ErrorDto })
  changes(@CurrentSession() session: Session, @Param('name') name: string, @Query() query: ChangesQueryDto): Promise<ChangesPage> {
    return this.messages.changes(session.user.id, name, query);
  }
}
