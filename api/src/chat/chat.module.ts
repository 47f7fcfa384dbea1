import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GroupsModule } from '../groups/groups.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ChatDrain } from './chat-drain';
import { ChatPresence } from './chat-presence';
import { ChatGateway } from './chat.gateway';
import { ConnectionCap } from './connection-cap';
import { ConnectionGauges } from './connection-gauges';
import { ConnectionRegistry } from './connection-registry';
import { FrameHandler } from './frame-handler';
import { Heartbeat } from './heartbeat';
import { LiveFanOut } from './live-fan-out';
import { LiveResync } from './live-resync';

@Module({
  imports: [AuthModule, GroupsModule, MetricsModule],
  providers: [ChatGateway, ConnectionRegistry, FrameHandler, LiveFanOut, LiveResync, ChatPresence, Heartbeat, ConnectionGauges, ChatDrain, ConnectionCap],
  exports: [ChatDrain],
})
export class ChatModule {}
