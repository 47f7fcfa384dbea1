import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RealtimeModule } from '../realtime/realtime.module';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DmsModule } from '../dms/dms.module';
import { EventsModule } from '../events/events.module';
import { GroupsModule } from '../groups/groups.module';
import { HealthModule } from '../health/health.module';
import { MessagesModule } from '../messages/messages.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ReactionsModule } from '../reactions/reactions.module';
import { SearchModule } from '../search/search.module';
import { StorageModule } from '../storage/storage.module';
import { UsersModule } from '../users/users.module';
import { WsDocsModule } from '../ws-docs/ws-docs.module';
import { WebClientModule } from './web-client.module';

/** The whole app, built from the config main.ts loaded (once). */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        StorageModule,
        EventsModule,
        AuthModule,
        UsersModule,
        GroupsModule,
        DmsModule,
        MessagesModule,
        ReactionsModule,
        SearchModule,
        RealtimeModule,
        MetricsModule,
        HealthModule,
        WsDocsModule,
        WebClientModule.register(config.webRoot),
      ],
    };
  }
}
