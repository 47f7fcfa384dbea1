/**
 * Edits over REST, as a client makes them: `PATCH /api/groups/:name/messages/:seq
 * {text}` through one keep-alive agent per server process (no handshake per
 * edit), each request sent when its turn comes, answered or not (open loop).
 * An answer counts when it is 200 with the new text and a rev above the seq
 * (a message's rev is at least its seq, an edit's is above the message's);
 * anything else is an error of the run. Latency is measured by the members
 * who receive the `edit` (the text starts with the time of the PATCH), the
 * round trip here.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { EditMessageRequest, Message } from '@chat/protocol';
import type { Fleet } from './fleet';

/** Enough sockets for every edit in flight at a few hundred per second; kept open between edits. */
const SOCKETS_PER_SERVER = 16;

export class Editor {
  /** Requests sent and not yet answered. */
  pending = 0;
  private readonly agents = new Map<string, Agent>();

  constructor(
    private readonly fleet: Fleet,
    /** One operation of a user in `every` is an edit. */
    readonly every: number,
  ) {}

  edit(user: number, group: string, seq: number, text: string): void {
    const base = new URL(this.fleet.baseUrlOf(user));
    let agent = this.agents.get(base.host);
    if (!agent) this.agents.set(base.host, (agent = new Agent({ keepAlive: true, maxSockets: SOCKETS_PER_SERVER })));
    const path = `/api/groups/${encodeURIComponent(group)}/messages/${seq}`;
    const body: EditMessageRequest = { text };
    const payload = JSON.stringify(body);
    const start = performance.now();
    const attempt = (retry: boolean) => {
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          path,
          method: 'PATCH',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            authorization: `Bearer ${this.fleet.auths[user].token}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            this.pending--;
            const { tracker } = this.fleet;
            if (tracker.measuring) tracker.patchTimes.push(performance.now() - start);
            const raw = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200 || !isEdited(raw, seq, text)) this.fail(`PATCH ${path}: ${res.statusCode} ${raw.slice(0, 300)}`);
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed an idle kept-alive socket as this request went out on it: the request
        // never reached the server, so sending it again on a fresh socket is what any client does.
        if (retry && req.reusedSocket && error.code === 'ECONNRESET') return attempt(false);
        this.pending--;
        this.fail(`PATCH ${path}: ${error.message}`);
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

function isEdited(raw: string, seq: number, text: string): boolean {
  try {
    const message = JSON.parse(raw) as Message;
    return message.seq === seq && message.text === text && message.rev > seq && message.editedAt !== null && !message.deleted;
  } catch {
    return false;
  }
}
