import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { MetricsService } from './metrics.service';

/**
 * Public like /api/health, so Prometheus needs no token; it reveals counts,
 * never content. Behind a proxy, keep it off the public address.
 */
@ApiTags('metrics')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics of this instance (text exposition format)',
    description:
      'Node process metrics (`process_*`, `nodejs_*`, event-loop lag included) and the chat\'s own: `chat_ws_connections_open`, ' +
      '`chat_users_online`, `chat_messages_stored_total`, `chat_messages_delivered_total`, `chat_fanout_latency_seconds`, ' +
      '`chat_ws_errors_total{code}`, `chat_http_request_duration_seconds{method,route,status}`. See the README, "Observability".',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format, version 0.0.4', schema: { type: 'string', example: 'chat_ws_connections_open 2\n' } })
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
