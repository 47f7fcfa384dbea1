import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure-app';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  try {
    // Fail fast, with a plain message, on a bad setting.
    const config = loadConfig();
    // Better to refuse than to keep data in memory when durability was asked for.
    if (config.databaseUrl) throw new ConfigError('DATABASE_URL is set, but this version stores data in memory only');
    if (config.redisUrl) throw new ConfigError('REDIS_URL is set, but this version runs as a single instance only');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.port, config.host);
  const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  console.log(`Chat is listening on ${address} (web /, REST /api, Swagger /api/docs, WebSocket /ws)`);
}

void bootstrap();
