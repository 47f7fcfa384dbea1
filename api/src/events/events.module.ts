import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LiveEvents } from './live-events';
import { LocalLiveEvents } from './local-live-events';
import { RedisLiveEvents } from './redis-live-events';

/** In-process events by default; through Redis when REDIS_URL is set, so every instance hears them. */
@Global()
@Module({
  providers: [
    {
      provide: LiveEvents,
      inject: [AppConfig],
      useFactory: (config: AppConfig): LiveEvents | Promise<LiveEvents> =>
        config.redisUrl ? RedisLiveEvents.connect(config.redisUrl, config.redisPrefix) : new LocalLiveEvents(),
    },
  ],
  exports: [LiveEvents],
})
export class EventsModule {}
