import type { ReactionWithUsers } from '@chat/protocol';
import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
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
import { EmojiParam } from '../common/validation/emoji-param';
import { SeqParam } from '../common/validation/seq-param';
import { GROUP_NAME_PARAM } from '../groups/groups.controller';
import { SEQ_PARAM } from '../messages/messages.controller';
import { ReactionWithUsersDto } from './dto/reaction-with-users.dto';
import { ReactionsService } from './reactions.service';

const EMOJI_PARAM = {
  name: 'emoji',
  description: 'One fully-qualified RGI emoji (`^\\p{RGI_Emoji}$` with the `v` flag), URL-encoded: 👍 is `%F0%9F%91%8D`',
  example: '👍',
};

const NOT_FOUND = 'No such group or message, or the message is deleted';

@ApiTags('reactions')
@ApiBearerAuth()
@ApiStoreUnavailableResponse()
@ApiUnauthorizedResponse({ type: ErrorDto })
@ApiParam(GROUP_NAME_PARAM)
@ApiParam(SEQ_PARAM)
@ApiForbiddenResponse({ type: ErrorDto, description: 'Not a member' })
@ApiNotFoundResponse({ type: ErrorDto, description: NOT_FOUND })
@Controller('groups/:name/messages/:seq/reactions')
export class ReactionsController {
  constructor(private readonly reactions: ReactionsService) {}

  @Put(':emoji')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'React to a message',
    description:
      'Any member, once per emoji: a second PUT changes nothing (no rev, no event), still 204. Otherwise the message takes ' +
      'a new `rev` and every member receives `reaction` with `added: true` and the emoji\'s new count. Never changes unread counts.',
  })
  @ApiParam(EMOJI_PARAM)
  @ApiNoContentResponse({ description: 'Reacted (or had already)' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Not one emoji, or a seq that is not a whole number of 1 or more' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The message holds 20 different emoji already, and this is not one of them' })
  add(@CurrentSession() session: Session, @Param('name') name: string, @SeqParam() seq: number, @EmojiParam() emoji: string): Promise<void> {
    return this.reactions.add(session.user, name, seq, emoji);
  }

  @Delete(':emoji')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove your reaction',
    description:
      'Only your own. Without one, nothing changes (no rev, no event), still 204. Otherwise a new `rev` and ' +
      '`reaction` with `added: false`; an emoji whose count reaches 0 leaves the list (added again, it goes last).',
  })
  @ApiParam(EMOJI_PARAM)
  @ApiNoContentResponse({ description: 'Removed (or was not there)' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Not one emoji, or a seq that is not a whole number of 1 or more' })
  remove(@CurrentSession() session: Session, @Param('name') name: string, @SeqParam() seq: number, @EmojiParam() emoji: string): Promise<void> {
    return this.reactions.remove(session.user, name, seq, emoji);
  }

  @Get()
  @ApiOperation({
    summary: 'Who reacted',
    description:
      'Beyond the contract, for a "who reacted" hint: the message\'s reactions in the order of `message.reactions`, each with ' +
      'the users who reacted, oldest first.',
  })
  @ApiOkResponse({
    type: [ReactionWithUsersDto],
    example: [{ emoji: '👍', count: 2, me: true, users: [{ id: '0b6f3a43-54c3-4a8e-9c55-5b1d7e8d2f10', displayName: 'Ana' }, { id: '9a7d0c1e-2b3f-4a5b-8c6d-7e8f9a0b1c2d', displayName: 'Ben' }] }],
  })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A seq that is not a whole number of 1 or more' })
  list(@CurrentSession() session: Session, @Param('name') name: string, @SeqParam() seq: number): Promise<ReactionWithUsers[]> {
    return this.reactions.list(session.user.id, name, seq);
  }
}
