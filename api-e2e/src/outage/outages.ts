import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { TcpProxy } from '../redis/tcp-proxy';

/**
 * A dependency that a test takes away and gives back. By default through
 * a TCP relay of the test's own (only this test's servers lose it); with
 * `E2E_REAL_OUTAGE=1` (the dedicated `e2e-outage` step of CI, which runs
 * alone) the machine's real service is stopped and started again.
 */
export interface Outage {
  /** host:port the servers under test should connect to. */
  readonly port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** Restores if still cut, and frees what it holds; safe to call twice. */
  dispose(): Promise<void>;
}

export const realOutages = process.env.E2E_REAL_OUTAGE === '1';

export async function outageOf(service: 'postgres' | 'redis', target: { host: string; port: number }): Promise<Outage> {
  return realOutages ? new RealServiceOutage(service, target.port) : ProxyOutage.start(target);
}

class ProxyOutage implements Outage {
  private constructor(private readonly proxy: TcpProxy) {}

  static async start(target: { host: string; port: number }): Promise<ProxyOutage> {
    return new ProxyOutage(await TcpProxy.start(target));
  }

  get port(): number {
    return this.proxy.port;
  }

  async cut(): Promise<void> {
    this.proxy.cutOff();
  }

  async restore(): Promise<void> {
    this.proxy.restore();
  }

  async dispose(): Promise<void> {
    await this.proxy.stop();
  }
}

/**
 * Stops and starts the service the machine runs, with the commands that
 * started it (see the machine's notes): PostgreSQL's cluster with a fast
 * shutdown (sessions are terminated, as in a restart), Redis with SHUTDOWN
 * NOSAVE (it keeps nothing on disk here).
 */
class RealServiceOutage implements Outage {
  private down = false;

  constructor(
    private readonly service: 'postgres' | 'redis',
    readonly port: number,
  ) {}

  async cut(): Promise<void> {
    this.down = true;
    if (this.service === 'postgres') run('pg_ctlcluster', ['--skip-systemctl-redirect', postgresVersion(), 'main', 'stop', '-m', 'fast']);
    else run('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave']);
    await waitForPort(this.port, false);
  }

  async restore(): Promise<void> {
    if (this.service === 'postgres') run('pg_ctlcluster', ['--skip-systemctl-redirect', postgresVersion(), 'main', 'start']);
    else
      run('redis-server', [
        '--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(this.port),
        '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log',
      ]);
    await waitForPort(this.port, true);
    this.down = false;
  }

  async dispose(): Promise<void> {
    if (this.down) await this.restore();
  }
}

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'pipe', timeout: 60_000 });
}

function postgresVersion(): string {
  const [version] = readdirSync('/etc/postgresql');
  if (!version) throw new Error('no PostgreSQL cluster under /etc/postgresql');
  return version;
}

/** Until the port accepts connections (`open`) or refuses them. */
async function waitForPort(port: number, open: boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const accepting = await new Promise<boolean>((done) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (accepting === open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} did not ${open ? 'open' : 'close'} within ${timeoutMs} ms`);
}
