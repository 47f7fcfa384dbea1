import { Module } from '@nestjs/common';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';
import { MemberAccess } from './member-access';
import { UserDirectory } from './user-directory';

@Module({
  controllers: [GroupsController],
  providers: [GroupsService, UserDirectory, MemberAccess],
  exports: [GroupsService, UserDirectory, MemberAccess],
})
export class GroupsModule {}
