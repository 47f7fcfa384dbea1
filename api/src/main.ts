import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure-app';
import { shutDownOnSignals } from './app/graceful-shutdown';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { PostgresDatabase } from './storage/postgres/postgres-database';

async function bootstrap(): Promise<void> {
  // Loaded once, here: every module gets this one (AppModule.register), so AUTH_SECRET is drawn once.
  const config = loadOrExit();
  if (process.argv[2] === 'migrate') return migrateOnly(config);
  keepServingOnUnhandledRejections();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.listen(config.port, config.host);
  shutDownOnSignals(app);
  const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  console.log(`Chat is listening on ${address} (web /, REST /api, Swagger /api/docs, WebSocket /ws)`);
}

/** Fail fast, with a plain message, on a bad setting. */
function loadOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
}

/**
 * The last resort, not the fix: every async path handles its own failures
 * (a store that cannot be reached is a 503 or `unavailable`), but a promise
 * that rejects unobserved somewhere would otherwise end the process (Node's
 * default), and with it every user's connection. It is logged as a bug.
 */
function keepServingOnUnhandledRejections(): void {
  const logger = new Logger('Process');
  process.on('unhandledRejection', (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection (kept serving)'));
}

/** `node dist/api/main.js migrate`: brings the PostgreSQL schema up to date and exits. */
async function migrateOnly({ databaseUrl }: AppConfig): Promise<void> {
  if (!databaseUrl) throw new ConfigError('migrate needs DATABASE_URL');
  const database = new PostgresDatabase(databaseUrl);
  try {
    const applied = await database.migrate();
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
  } finally {
    await database.onApplicationShutdown();
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
