import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createDatabase, usePostgres } from './databases';

/** The built API that `nx e2e api-e2e` depends on. */
const MAIN = resolve(__dirname, '../../../dist/api/main.js');
const LOG_DIR = resolve(__dirname, '../../../tmp/e2e-logs');

export interface RunningServer {
  port: number;
  baseUrl: string;
  wsUrl: string;
  /** The process, for tests that kill it. */
  process: ChildProcess;
  /** Where the server's stdout and stderr go. */
  logFile: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a port nobody listens on (other servers run on this machine). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/**
 * Starts `node dist/api/main.js` on a free port with the given environment and
 * waits until `/api/health` answers `{"status":"ok"}`. Every spec starts its
 * own server, so specs never share state and can run in parallel. Extra
 * environment (DATABASE_URL, REDIS_URL, ...) comes from `E2E_SERVER_ENV_*`
 * variables too, so the same suite runs against other stores.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  // Against PostgreSQL every server gets a database of its own, unless the test passes one (restarts).
  const database = usePostgres && !env.DATABASE_URL ? await createDatabase() : undefined;
  if (database) env = { ...env, DATABASE_URL: database.url };
  const port = await freePort();
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `api-${port}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ...inheritedServerEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, logFile);
  return {
    port,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    process: child,
    logFile,
    stop: async () => {
      await stopProcess(child);
      await database?.drop();
    },
  };
}

function inheritedServerEnv(): Record<string, string> {
  const prefix = 'E2E_SERVER_ENV_';
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith(prefix) && value !== undefined) env[key.slice(prefix.length)] = value;
  }
  return env;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode} before answering; see ${logFile}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200 && (await response.json()).status === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer /api/health within 20 s; see ${logFile}`);
}

/** Stops only the process this test started: SIGTERM, then SIGKILL after 5 s. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
