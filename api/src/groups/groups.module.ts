import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { UserDirectory } from './user-directory';

@Module({
  imports: [MetricsModule],
  controllers: [GroupsController, MessagesController],
  providers: [GroupsService, MessagesService, UserDirectory],
  exports: [GroupsService, MessagesService],
})
export class GroupsModule {}
