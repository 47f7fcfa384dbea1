import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DmsModule } from '../dms/dms.module';
import { GroupsModule } from '../groups/groups.module';
import { MessagesModule } from '../messages/messages.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ChatPresence } from './delivery/chat-presence';
import { ConnectionGauges } from './delivery/connection-gauges';
import { ConnectionRegistry } from './delivery/connection-registry';
import { LiveFanOut } from './delivery/live-fan-out';
import { LiveResync } from './delivery/live-resync';
import { InOrderChanges, MessageDelivery } from './delivery/message-delivery';
import { MessageSequencer } from './delivery/message-sequencer';
import { ChatDrain } from './transport/chat-drain';
import { ChatGateway } from './transport/chat.gateway';
import { ConnectionCap } from './transport/connection-cap';
import { FrameHandler } from './transport/frame-handler';
import { Heartbeat } from './transport/heartbeat';
import { ShutdownState } from './transport/shutdown-state';

/**
 * The `/ws` side of the chat:
 * - transport/: the socket, its frames and their limits (adapter, gateway,
 *   connection, decoder, heartbeat, rate limit, expiry, cap, shutdown, drain);
 * - delivery/: who gets which live event on this instance, in what order
 *   (registry, fan-out, sequencer, presence, resync, gauges).
 * The domain (messages, groups) never imports either.
 */
@Module({
  imports: [AuthModule, GroupsModule, DmsModule, MessagesModule, MetricsModule],
  providers: [
    ChatGateway,
    FrameHandler,
    Heartbeat,
    ConnectionCap,
    ShutdownState,
    ChatDrain,
    ConnectionRegistry,
    LiveFanOut,
    MessageSequencer,
    { provide: InOrderChanges, useClass: MessageDelivery },
    LiveResync,
    ChatPresence,
    ConnectionGauges,
  ],
  exports: [ChatDrain],
})
export class RealtimeModule {}
