import type { Dm } from '@chat/protocol';
import { Body, Controller, Get, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentSession } from '../auth/current-session.decorator';
import type { Session } from '../auth/session';
import { ApiStoreUnavailableResponse, ErrorDto } from '../common/error.dto';
import { CreateDmDto } from './dto/create-dm.dto';
import { DmDto } from './dto/dm.dto';
import { DmsService } from './dms.service';

const EXAMPLE_DM = {
  name: '@q4n7c2vyb5xk3m6ztw2rj7hdle',
  kind: 'dm',
  createdAt: '2026-12-06T09:00:00.000Z',
  createdBy: { id: '0b6f3a43-54c3-4a8e-9c55-5b1d7e8d2f10', displayName: 'Ana' },
  memberCount: 2,
  joined: true,
  lastSeq: 12,
  lastRev: 15,
  readSeq: 10,
  unread: 2,
  mentionUnread: 0,
  members: [
    { id: '0b6f3a43-54c3-4a8e-9c55-5b1d7e8d2f10', displayName: 'Ana' },
    { id: '9a7d0c1e-2b3f-4a5b-8c6d-7e8f9a0b1c2d', displayName: 'Ben' },
  ],
};

@ApiTags('dms')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing, invalid, expired or revoked token' })
@ApiStoreUnavailableResponse()
@Controller('dms')
export class DmsController {
  constructor(private readonly dms: DmsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's direct messages, newest activity first",
    description: 'By the newest message, else by when the dm was opened. `GET /api/groups` never lists dms.',
  })
  @ApiOkResponse({ type: [DmDto], example: [EXAMPLE_DM] })
  list(@CurrentSession() session: Session): Promise<Dm[]> {
    return this.dms.list(session.user.id);
  }

  @Post()
  @ApiOperation({
    summary: 'Open the direct message with a user (or find the one that exists)',
    description:
      'One dm per pair of users, whoever asks first and however many ask at once. Its `name` works in every group route ' +
      '(history, changes, messages, reactions) and WebSocket event; to anyone but its two members it does not exist (404). ' +
      'When it is created, both people receive the `dm` event.',
  })
  @ApiCreatedResponse({ type: DmDto, description: 'Created', example: EXAMPLE_DM })
  @ApiOkResponse({ type: DmDto, description: 'It existed already', example: EXAMPLE_DM })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Yourself, or an invalid body' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'The two users share no group' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such user' })
  async open(@CurrentSession() session: Session, @Body() body: CreateDmDto, @Res({ passthrough: true }) response: Response): Promise<Dm> {
    const { dm, created } = await this.dms.open(session.user, body.userId);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return dm;
  }
}
