import { HISTORY_PAGE_MAX, Message } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { UserDirectory } from '../groups/user-directory';
import { GroupsRepository } from '../storage/groups.repository';
import { MessagesRepository } from '../storage/messages.repository';
import { mapMessages } from './dto/message.dto';
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

  async since(groupKey: string, afterSeq: number): Promise<Message[]> {
    const group = await this.groups.findByKey(groupKey);
    if (!group) return [];
    const page = await this.messages.page(groupKey, { after: afterSeq, limit: HISTORY_PAGE_MAX });
    return mapMessages(page, group.name, await this.directory.byIds(page.map((message) => message.senderId)));
  }
}
