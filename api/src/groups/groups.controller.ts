import type { Group, GroupDetail } from '@chat/protocol';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
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
import { CreateGroupDto } from './dto/create-group.dto';
import { GroupDetailDto, GroupDto } from './dto/group.dto';
import { GroupsService } from './groups.service';

export const GROUP_NAME_PARAM = { name: 'name', description: 'The group name, URL-encoded; case does not matter', example: 'general' };

@ApiTags('groups')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing, invalid, expired or revoked token' })
@ApiStoreUnavailableResponse()
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @ApiOperation({ summary: 'Every group, each with `joined` for the caller' })
  @ApiOkResponse({ type: [GroupDto] })
  list(@CurrentSession() session: Session): Promise<Group[]> {
    return this.groups.list(session.user.id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a group; the caller is its first member' })
  @ApiCreatedResponse({ type: GroupDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid name' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The name is taken (regardless of case)' })
  create(@CurrentSession() session: Session, @Body() body: CreateGroupDto): Promise<Group> {
    return this.groups.create(session.user, body.name);
  }

  @Get(':name')
  @ApiOperation({ summary: 'A group; for a member also its members, each with `online`' })
  @ApiParam(GROUP_NAME_PARAM)
  @ApiOkResponse({ type: GroupDetailDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  detail(@CurrentSession() session: Session, @Param('name') name: string): Promise<GroupDetail> {
    return this.groups.detail(session.user.id, name);
  }

  @Post(':name/members')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Join the group (joining twice is not an error)' })
  @ApiParam(GROUP_NAME_PARAM)
  @ApiOkResponse({ type: GroupDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  join(@CurrentSession() session: Session, @Param('name') name: string): Promise<Group> {
    return this.groups.join(session.user, name);
  }

  @Delete(':name/members/me')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Leave the group' })
  @ApiParam(GROUP_NAME_PARAM)
  @ApiNoContentResponse({ description: 'Left (or was not a member)' })
  @ApiNotFoundResponse({ type: ErrorDto })
  leave(@CurrentSession() session: Session, @Param('name') name: string): Promise<void> {
    return this.groups.leave(session.user, name);
  }
}
