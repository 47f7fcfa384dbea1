import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * Provides the AppConfig loaded once in main.ts (or built by a test) to
 * every module: nothing here loads it again, so an AUTH_SECRET drawn at
 * start is the one every part of the app signs and verifies with.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
