import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ConfigModule } from '../config/config.module';
import { EventsModule } from '../events/events.module';
import { GroupsModule } from '../groups/groups.module';
import { HealthModule } from '../health/health.module';
import { MetricsModule } from '../metrics/metrics.module';
import { StorageModule } from '../storage/storage.module';
import { UsersModule } from '../users/users.module';
import { WsDocsModule } from '../ws-docs/ws-docs.module';
import { WebClientModule } from './web-client.module';

@Module({
  imports: [
    ConfigModule,
    StorageModule,
    EventsModule,
    AuthModule,
    UsersModule,
    GroupsModule,
    RealtimeModule,
    MetricsModule,
    HealthModule,
    WsDocsModule,
    WebClientModule.register(),
  ],
})
export class AppModule {}
