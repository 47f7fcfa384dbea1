import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GroupsModule } from '../groups/groups.module';
import { ChatDrain } from './chat-drain';
import { ChatPresence } from './chat-presence';
import { ChatGateway } from './chat.gateway';
import { ConnectionRegistry } from './connection-registry';
import { FrameHandler } from './frame-handler';
import { Heartbeat } from './heartbeat';
import { LiveFanOut } from './live-fan-out';

@Module({
  imports: [AuthModule, GroupsModule],
  providers: [ChatGateway, ConnectionRegistry, FrameHandler, LiveFanOut, ChatPresence, Heartbeat, ChatDrain],
  exports: [ChatDrain],
})
export class ChatModule {}
