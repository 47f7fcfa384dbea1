import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { ChatDrain } from '../realtime/transport/chat-drain';

/** A shutdown that has not finished by then is stuck somewhere: exit 1 rather than hang. */
export const SHUTDOWN_DEADLINE_MS = 10_000;
/** How long HTTP requests in flight may take to finish once the sockets are closed. */
const HTTP_GRACE_MS = 5_000;

/**
 * SIGTERM or SIGINT: a graceful shutdown, then exit 0; exit 1 if it fails or
 * takes longer than SHUTDOWN_DEADLINE_MS. (Nest's own enableShutdownHooks
 * re-raises the signal, so the process never exits 0, and has no deadline.)
 */
export function shutDownOnSignals(app: NestExpressApplication): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const deadline = setTimeout(() => {
      console.error(`Shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    shutDown(app, signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * In this order, so that nothing acknowledged is lost and nothing waits on
 * a closed pool:
 * 1. stop accepting: the listening socket closes (no new request, no new WebSocket);
 * 2. the chat drains: frames already taken are handled (sends stored, echoes written),
 *    then every socket closes with 1001;
 * 3. HTTP requests in flight finish (idle keep-alive connections are closed);
 * 4. Nest's shutdown hooks close the database pool, Redis and the timers.
 */
async function shutDown(app: NestExpressApplication, signal: NodeJS.Signals): Promise<void> {
  const logger = new Logger('Shutdown');
  logger.log({ signal }, 'shutting down');
  const server: Server = app.getHttpServer();
  const stopped = new Promise<void>((done) => server.close(() => done()));
  await app.get(ChatDrain).drain();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const grace = new Promise<void>((done) => setTimeout(done, HTTP_GRACE_MS).unref());
  await Promise.race([stopped, grace]);
  clearInterval(sweep);
  server.closeAllConnections();
  await app.close();
  logger.log('stopped');
}
