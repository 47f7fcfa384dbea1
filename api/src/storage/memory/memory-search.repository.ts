import { matchesSearch } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import type { MessageRecord } from '../records';
import { compareNewestFirst, positionOf, SearchRepository, SearchRequest, SearchResult } from '../search.repository';
import { withReply } from './history-changes';
import { MemoryDatabase } from './memory-database';

/**
 * Scans each group's messages from the newest back, stopping once it holds
 * one more match than a page needs: appends are synchronous here, so a
 * group's messages are in creation order. The current records are scanned,
 * so an edit or a delete changes what is found at once.
 */
@Injectable()
export class MemorySearchRepository extends SearchRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async search({ scope, terms, after, limit }: SearchRequest): Promise<SearchResult> {
    const groupKeys = 'groupKey' in scope ? [scope.groupKey] : [...(this.db.groupsOfUser.get(scope.memberId) ?? [])];
    const folded = terms.map((term) => term.toLowerCase());
    const found: MessageRecord[] = [];
    for (const key of groupKeys) {
      const log = this.db.messages.get(key);
      if (!log) continue;
      const { records } = log;
      let matches = 0;
      for (let i = records.length - 1; i >= 0 && matches <= limit; i--) {
        const message = records[i];
        if (message.deleted || (after && compareNewestFirst(positionOf(message), after) <= 0)) continue;
        if (matchesSearch(message.text, folded)) {
          found.push(withReply(log, message));
          matches++;
        }
      }
    }
    found.sort((a, b) => compareNewestFirst(positionOf(a), positionOf(b)));
    const messages = found.slice(0, limit);
    const groupNames = new Map(messages.map((message) => [message.groupKey, this.db.groups.get(message.groupKey)?.name ?? message.groupKey]));
    return { messages, groupNames, next: found.length > limit ? positionOf(messages[messages.length - 1]) : null };
  }
}
