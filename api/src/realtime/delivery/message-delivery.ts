import type { Message } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { MetricsService } from '../../metrics/metrics.service';
import { encodeFrame } from '../transport/frame-encoder';
import { ConnectionRegistry } from './connection-registry';
import { toMembers } from './recipients';

/** Port: where the sequencer hands each group's messages, once each and in seq order. */
export abstract class InOrderMessages {
  /** `receivedAt`: when the message reached this instance (performance.now()); unknown for one read from storage. */
  abstract deliver(groupKey: string, message: Message, receivedAt: number | undefined): void;
}

/**
 * Writes a message to every connection here of every member (the sender's
 * included: that is its echo), encoded once. Metrics are recorded once per
 * message, with the number of frames written, never per socket.
 */
@Injectable()
export class MessageDelivery extends InOrderMessages {
  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly metrics: MetricsService,
  ) {
    super();
  }

  deliver(groupKey: string, message: Message, receivedAt: number | undefined): void {
    const frames = toMembers(this.registry, groupKey, encodeFrame('message', message));
    this.metrics.messageFannedOut(frames, receivedAt);
  }
}
