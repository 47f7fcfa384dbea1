import { Injectable } from '@nestjs/common';
import type { HistoryChange } from '../../events/live-event';
import { MetricsService } from '../../metrics/metrics.service';
import { encodeFrame } from '../transport/frame-encoder';
import { ConnectionRegistry } from './connection-registry';
import { toMembers } from './recipients';

/** Port: where the sequencer hands each group's history changes, once each and in rev order. */
export abstract class InOrderChanges {
  /** `receivedAt`: when the change reached this instance (performance.now()); unknown for one read from storage. */
  abstract deliver(groupKey: string, change: HistoryChange, receivedAt: number | undefined): void;
}

/**
 * Writes a change (`message`, `edit`, `delete`) to every connection here
 * of every member (for a message the sender's included: that is its echo),
 * encoded once. Metrics are recorded once per message, with the number of
 * frames written, never per socket.
 */
@Injectable()
export class MessageDelivery extends InOrderChanges {
  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly metrics: MetricsService,
  ) {
    super();
  }

  deliver(groupKey: string, change: HistoryChange, receivedAt: number | undefined): void {
    const frames = toMembers(this.registry, groupKey, encodeFrame(change.event, change.data));
    if (change.event === 'message') this.metrics.messageFannedOut(frames, receivedAt);
  }
}
