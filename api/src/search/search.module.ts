import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

@Module({
  imports: [GroupsModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}
