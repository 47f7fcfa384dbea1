import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MessageHistory } from './message-history';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { StoredMessageHistory } from './stored-message-history';

/** A group's messages (send, history), typing and read markers; and the history port live delivery reads. */
@Module({
  imports: [GroupsModule, MetricsModule],
  controllers: [MessagesController],
  providers: [MessagesService, { provide: MessageHistory, useClass: StoredMessageHistory }],
  exports: [MessagesService, MessageHistory],
})
export class MessagesModule {}
