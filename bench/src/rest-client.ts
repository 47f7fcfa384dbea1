/**
 * REST calls made while a load runs (edits, reactions), as a client makes
 * them: one keep-alive agent per server process (no handshake per call),
 * each request sent when its turn comes, answered or not (open loop). The
 * round trip of every answer inside a measuring window goes to the
 * tracker's `requestTimes`; a failed request is an error of the run.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Fleet } from './fleet';

/** Enough sockets for every call in flight at a few hundred per second; kept open between calls. */
const SOCKETS_PER_SERVER = 16;

export class RestClient {
  /** Requests sent and not yet answered. */
  pending = 0;
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly fleet: Fleet) {}

  /**
   * Sends `method path` as `user` (a JSON body when `body` is given) and
   * hands the answer to `answered`, which says what is wrong with it (null: nothing).
   */
  call(user: number, method: string, path: string, body: unknown, answered: (status: number, raw: string) => string | null): void {
    const base = new URL(this.fleet.baseUrlOf(user));
    let agent = this.agents.get(base.host);
    if (!agent) this.agents.set(base.host, (agent = new Agent({ keepAlive: true, maxSockets: SOCKETS_PER_SERVER })));
    const payload = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string | number> = { authorization: `Bearer ${this.fleet.auths[user].token}`, 'content-length': Buffer.byteLength(payload) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const start = performance.now();
    const attempt = (retry: boolean) => {
      const req = request({ host: base.hostname, port: base.port, path, method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          this.pending--;
          const { tracker } = this.fleet;
          if (tracker.measuring) tracker.requestTimes.push(performance.now() - start);
          const raw = Buffer.concat(chunks).toString();
          const problem = answered(res.statusCode ?? 0, raw);
          if (problem) this.fail(`${method} ${path}: ${res.statusCode} ${problem}: ${raw.slice(0, 300)}`);
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed an idle kept-alive socket as this request went out on it: the request
        // never reached the server, so sending it again on a fresh socket is what any client does.
        if (retry && req.reusedSocket && error.code === 'ECONNRESET') return attempt(false);
        this.pending--;
        this.fail(`${method} ${path}: ${error.message}`);
      });
      req.end(payload);
    };
    this.pending++;
    attempt(true);
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
  }

  private fail(sample: string): void {
    const { tracker } = this.fleet;
    tracker.errors++;
    if (tracker.errorSamples.length < 10) tracker.errorSamples.push(sample);
  }
}
