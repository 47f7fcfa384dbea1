import { CHANGES_PAGE_MAX, ChangesPage } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { UserDirectory } from '../groups/user-directory';
import { GroupsRepository } from '../storage/groups.repository';
import { MessagesRepository } from '../storage/messages.repository';
import { mapMessages, usersShownBy } from './dto/message.dto';
import { MessageHistory } from './message-history';

/** MessageHistory read from storage, by group key (no membership check: delivery only sends to members). */
@Injectable()
export class StoredMessageHistory extends MessageHistory {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly messages: MessagesRepository,
    private readonly directory: UserDirectory,
  ) {
    super();
  }

  async changesSince(groupKey: string, afterRev: number): Promise<ChangesPage | null> {
    const [group, page] = await Promise.all([this.groups.findByKey(groupKey), this.messages.changes(groupKey, afterRev, CHANGES_PAGE_MAX)]);
    if (!group || !page) return null;
    const users = await this.directory.byIds(usersShownBy(page.messages));
    return { messages: mapMessages(page.messages, group.name, users), lastRev: page.lastRev, more: page.more };
  }
}
