import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { DatabaseHealthIndicator } from './database.health';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** Liveness, exactly as the contract says: the process can answer. It checks nothing else, so a restart never hinges on a dependency. */
  @Get()
  @ApiOperation({ summary: 'Liveness: 200 when the server can serve' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: whether this instance can reach what it stores to, for a load balancer to send it traffic. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: 200 when the database (PostgreSQL, when DATABASE_URL is set) and Redis (when REDIS_URL is set) answer a ping; 503 when one does not',
  })
  ready(): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.database.check()];
    if (this.redis.configured) checks.push(() => this.redis.check());
    return this.checks.check(checks);
  }
}
