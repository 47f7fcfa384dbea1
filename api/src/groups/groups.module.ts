import { Module } from '@nestjs/common';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';
import { UserDirectory } from './user-directory';

@Module({
  controllers: [GroupsController],
  providers: [GroupsService, UserDirectory],
  exports: [GroupsService, UserDirectory],
})
export class GroupsModule {}
