import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../../metrics/metrics.service';
import { ConnectionRegistry } from './connection-registry';

/**
 * Points the connection gauges of /api/metrics at the registry. They are
 * read when Prometheus scrapes, so connecting and disconnecting do no
 * metrics work at all.
 */
@Injectable()
export class ConnectionGauges implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly registry: ConnectionRegistry,
  ) {}

  onModuleInit(): void {
    this.metrics.readConnectionsFrom(() => ({ connections: this.registry.size, users: this.registry.userCount }));
  }
}
