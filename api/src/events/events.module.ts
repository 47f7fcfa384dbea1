import { Global, Module } from '@nestjs/common';
import { LiveEvents } from './live-events';
import { LocalLiveEvents } from './local-live-events';

@Global()
@Module({
  providers: [{ provide: LiveEvents, useClass: LocalLiveEvents }],
  exports: [LiveEvents],
})
export class EventsModule {}
