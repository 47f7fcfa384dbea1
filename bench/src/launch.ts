/**
 * Starting and stopping the servers under test as their own processes, pinned
 * to core 0 when `taskset` exists, on free ports.
 *
 * Targets:
 * - `floor`: the raw-`ws` fan-out server (floor-server.ts);
 * - `api`: the real API in memory (the default configuration);
 * - `api-pg`: the real API on a PostgreSQL database of its own, dropped after;
 * - `api-redis`: two API instances on one such database, sharing live events
 *   through Redis under a key prefix of their own; users alternate between them.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as ts from 'typescript';
import { createBenchDatabase } from './postgres';

export const TARGETS = ['floor', 'api', 'api-pg', 'api-redis'] as const;
export type Target = (typeof TARGETS)[number];

export const WORKSPACE_ROOT = join(__dirname, '..', '..');
export const API_MAIN = join(WORKSPACE_ROOT, 'dist', 'api', 'main.js');
export const SERVER_CORE = 0;
export const GENERATOR_CORE = 1;
export const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Settings of the real API under test (printed with the results). */
export const API_ENV: Record<string, string> = {
  WS_RATE_LIMIT: '0',
  // Registration speed only: the measured window does no password hashing.
  PASSWORD_HASH_COST: '10',
  // The generator signs up thousands of users from one address, past the per-address sign-up limit.
  SIGNUP_BURST_PER_ADDRESS: '1000000',
  LOG_LEVEL: 'warn',
};

export interface LaunchOptions {
  /** Extra environment for API processes (e.g. WS_PING_INTERVAL_MS). */
  env?: Record<string, string>;
  /** Directory for V8 CPU profiles of the server processes (node --cpu-prof). */
  cpuProfileDir?: string;
  /** Run every server with --inspect (for memory after a forced GC, see inspector.ts). */
  inspect?: boolean;
}

export interface RunningServer {
  target: Target;
  /** Every server process: CPU and memory are summed over them. */
  pids: number[];
  /** One per process; the load spreads users over them. */
  baseUrls: string[];
  /** The inspector port of each process, when launched with `inspect`. */
  inspectPorts: number[];
  /** The database of api-pg / api-redis (for seeding), else null. */
  databaseUrl: string | null;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130)); // and 'exit' above stops the servers
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

interface Process {
  pid: number;
  baseUrl: string;
  inspectPort: number | null;
  stop(): Promise<void>;
}

async function startProcess(name: string, args: string[], extraEnv: Record<string, string>, inspect = false): Promise<Process> {
  const port = await freePort();
  const inspectPort = inspect ? await freePort() : null;
  if (inspectPort) args = [`--inspect=127.0.0.1:${inspectPort}`, ...args];
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1' };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX']) if (!(key in extraEnv)) delete env[key];
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
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await waitHealthy(baseUrl, child);
  } catch (error) {
    await stop();
    throw new Error(`${name} did not start: ${(error as Error).message}\n${output.join('')}`);
  }
  return { pid: child.pid ?? 0, baseUrl, inspectPort, stop };
}

const inspectPortsOf = (processes: Process[]) => processes.flatMap((p) => (p.inspectPort ? [p.inspectPort] : []));

export async function startServer(target: Target, options: LaunchOptions = {}): Promise<RunningServer> {
  if (target === 'floor') {
    const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
    const floor = await startProcess('floor server', [...profile, '-e', floorServerScript()], {}, options.inspect);
    return { target, pids: [floor.pid], baseUrls: [floor.baseUrl], inspectPorts: inspectPortsOf([floor]), databaseUrl: null, stop: floor.stop };
  }
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run "npx nx build api" first`);
  const database = target === 'api' ? null : await createBenchDatabase();
  const env: Record<string, string> = { ...API_ENV, ...options.env };
  if (database) env['DATABASE_URL'] = database.url;
  if (target === 'api-redis') Object.assign(env, { REDIS_URL, REDIS_PREFIX: `bench:${randomBytes(4).toString('hex')}:` });
  const args = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, API_MAIN] : [API_MAIN];
  const processes: Process[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await database?.drop();
  };
  try {
    // The first instance runs the migrations; the second starts on a migrated database.
    processes.push(await startProcess(target, args, env, options.inspect));
    if (target === 'api-redis') processes.push(await startProcess(`${target} (second instance)`, args, env, options.inspect));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    target,
    pids: processes.map((p) => p.pid),
    baseUrls: processes.map((p) => p.baseUrl),
    inspectPorts: inspectPortsOf(processes),
    databaseUrl: database?.url ?? null,
    stop,
  };
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
