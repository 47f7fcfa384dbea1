/**
 * Starting and stopping the server under test as its own process, pinned to
 * core 0 when `taskset` exists, on a free port.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as ts from 'typescript';

export type Target = 'floor' | 'api';

export const WORKSPACE_ROOT = join(__dirname, '..', '..');
export const API_MAIN = join(WORKSPACE_ROOT, 'dist', 'api', 'main.js');
export const SERVER_CORE = 0;
export const GENERATOR_CORE = 1;

/** Settings of the real API under test (printed with the results). */
export const API_ENV: Record<string, string> = {
  WS_RATE_LIMIT: '0',
  // Registration speed only: the measured window does no password hashing.
  PASSWORD_HASH_COST: '10',
  LOG_LEVEL: 'warn',
};

export interface RunningServer {
  target: Target;
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130)); // and 'exit' above stops the server
}

export const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

/** Pins this process (the load generator) to one core, when `taskset` exists. */
export function pinSelf(core: number): boolean {
  if (!hasTaskset) return false;
  return spawnSync('taskset', ['-cp', String(core), String(process.pid)], { stdio: 'ignore' }).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The floor server's source, transpiled to plain JavaScript and run with
 * `node -e`: no TypeScript loader in its process, so its RSS is comparable to
 * the API's bundle. `-e` resolves `ws` from the working directory, the workspace root.
 */
function floorServerScript(): string {
  const source = readFileSync(join(__dirname, 'floor-server.ts'), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

export async function startServer(target: Target): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  let args: string[];
  if (target === 'api') {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run "npx nx build api" first`);
    // In memory, one instance: no database or Redis in the picture.
    delete env['DATABASE_URL'];
    delete env['REDIS_URL'];
    Object.assign(env, API_ENV);
    args = [API_MAIN];
  } else {
    args = ['-e', floorServerScript()];
  }
  const command = hasTaskset ? 'taskset' : process.execPath;
  // taskset execs node, so the child's pid is the server's.
  const argv = hasTaskset ? ['-c', String(SERVER_CORE), process.execPath, ...args] : args;
  const child = spawn(command, argv, { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => children.delete(child));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await waitHealthy(baseUrl, child);
  } catch (error) {
    await stop();
    throw new Error(`${target} server did not start: ${(error as Error).message}\n${output.join('')}`);
  }
  return { target, pid: child.pid ?? 0, baseUrl, stop };
}

async function waitHealthy(baseUrl: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no 200 from /api/health within ${timeoutMs} ms`);
}
