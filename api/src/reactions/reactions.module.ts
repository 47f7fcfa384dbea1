import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { ReactionsController } from './reactions.controller';
import { ReactionsService } from './reactions.service';

/** Reactions on messages: a change of the group's history like an edit, by any member. */
@Module({
  imports: [GroupsModule],
  controllers: [ReactionsController],
  providers: [ReactionsService],
})
export class ReactionsModule {}
