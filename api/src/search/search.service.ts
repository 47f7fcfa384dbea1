import { SEARCH_PAGE_DEFAULT, SearchPage, searchTerms } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { MemberAccess } from '../groups/member-access';
import { UserDirectory } from '../groups/user-directory';
import { mapMessage, usersShownBy } from '../messages/dto/message.dto';
import { GroupsRepository } from '../storage/groups.repository';
import type { GroupRecord } from '../storage/records';
import { SearchRepository } from '../storage/search.repository';
import type { SearchQueryDto } from './dto/search-query.dto';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

/**
 * Search (CONTRACT.md, "Search"): the messages the caller can read now,
 * in the groups and dms they are a member of at the time of asking.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly groups: GroupsRepository,
    private readonly access: MemberAccess,
    private readonly directory: UserDirectory,
  ) {}

  async find(userId: string, query: SearchQueryDto): Promise<SearchPage> {
    const after = query.before === undefined ? undefined : decodeSearchCursor(query.before);
    if (after === null) throw new DomainError('invalid', 'before must be the `next` of an earlier search page');
    // One group (404 unknown or a dm not yours, 403 not a member), or every group and dm of the caller's.
    const groups: GroupRecord[] = query.group === undefined ? await this.groups.listJoined(userId) : [await this.access.memberGroup(userId, query.group)];
    const limit = query.limit ?? SEARCH_PAGE_DEFAULT;
    const found = await this.search.search({ groupKeys: groups.map((group) => group.key), terms: searchTerms(query.q), after, limit });
    const names = new Map(groups.map((group) => [group.key, group.name]));
    const users = await this.directory.byIds(usersShownBy(found.messages));
    return {
      results: found.messages.map((message) => mapMessage(message, names.get(message.groupKey) ?? message.groupKey, users, userId)),
      next: found.next && encodeSearchCursor(found.next),
    };
  }
}
