import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * GET /api/metrics and the one MetricsService that owns the registry.
 * Imported by the modules that record (realtime, messages) and by the app; Nest
 * keeps a single instance. HTTP requests are counted by the middleware in
 * http-metrics.middleware.ts, registered in configureApp.
 */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
