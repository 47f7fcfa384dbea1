/**
 * The "floor": the least a server can do to speak the part of the contract the
 * load generator uses. No validation, no storage beyond memory, one
 * JSON.stringify per message, turned into bytes once, and the same bytes
 * written to every member's socket (as the API does: a string would be
 * converted again on every send, which flatters the API's ratio).
 * Whatever the real API costs above this is the price of its features.
 * Messages have the contract's whole shape (rev, editedAt, ...), and an edit
 * (PATCH) takes the group's next rev and goes to every member as `edit`.
 * `mentions` are derived as the API derives them (members, first
 * appearance, never the sender, at most 20; a text without `<@` costs one
 * `includes`). A reaction (PUT / DELETE .../reactions/:emoji) that changes
 * something takes the next rev and goes to every member as `reaction`; each
 * request is handled in one synchronous turn, the floor's whole "lock".
 *
 * Run as its own process (so its CPU and RSS can be measured):
 *   PORT=4000 node -r @swc-node/register bench/src/floor-server.ts
 * (main.ts transpiles it and runs it with plain `node`, without a loader.)
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import type { AuthResponse, EditEvent, Frame, Message, OwnUser, ReactionEvent, SendData, User } from '@chat/protocol';

interface FloorGroup {
  name: string;
  seq: number;
  rev: number;
  members: Set<string>;
  /** Message seq n at index n - 1. */
  log: Message[];
  /** Per message (index seq - 1, filled when first reacted to): emoji → who reacted. */
  reacted: Array<Map<string, Set<string>> | undefined>;
}

const MENTIONS_MAX = 20;
const REACTION_EMOJI_MAX = 20;
const MENTION_TOKEN = /<@([^<>@\s]+)>/g;
const NO_MENTIONS: string[] = [];

/** The contract's rule without replies (the bench sends none). */
function mentionsOf(text: string, group: FloorGroup, senderId: string): string[] {
  if (!text.includes('<@')) return NO_MENTIONS;
  const ids: string[] = [];
  for (const [, id] of text.matchAll(MENTION_TOKEN)) {
    if (ids.length === MENTIONS_MAX) break;
    if (id !== senderId && group.members.has(id) && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

const users = new Map<string, OwnUser>(); // by token
const sockets = new Map<string, Set<WebSocket>>(); // by user id
const groups = new Map<string, FloorGroup>();
let nextUserId = 1;
let nextMessageId = 1;

function groupView(group: FloorGroup, user: OwnUser) {
  return { name: group.name, memberCount: group.members.size, joined: group.members.has(user.id), lastSeq: group.seq, lastRev: group.rev };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<any> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => reply(res, 500, { statusCode: 500, message: String(error) }));
});

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/api/health') return reply(res, 200, { status: 'ok' });
  const body = req.method === 'POST' || req.method === 'PATCH' ? await readJson(req) : {};
  if (req.method === 'POST' && path === '/api/users') {
    const email = String(body.email);
    const user: OwnUser = { id: String(nextUserId++), email, displayName: body.displayName ?? email.split('@')[0] };
    const token = randomBytes(16).toString('hex');
    users.set(token, user);
    const auth: AuthResponse = { user, token };
    return reply(res, 201, auth);
  }
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  const user = users.get(token);
  if (!user) return reply(res, 401, { statusCode: 401, message: 'Unauthorized' });
  if (req.method === 'POST' && path === '/api/groups') {
    const group: FloorGroup = { name: String(body.name), seq: 0, rev: 0, members: new Set([user.id]), log: [], reacted: [] };
    groups.set(group.name, group);
    return reply(res, 201, groupView(group, user));
  }
  const join = /^\/api\/groups\/([^/]+)\/members$/.exec(path);
  if (req.method === 'POST' && join) {
    const group = groups.get(decodeURIComponent(join[1]));
    if (!group) return reply(res, 404, { statusCode: 404, message: 'Not Found' });
    group.members.add(user.id);
    return reply(res, 200, groupView(group, user));
  }
  const one = /^\/api\/groups\/([^/]+)\/messages\/(\d+)$/.exec(path);
  if (req.method === 'PATCH' && one) {
    const group = groups.get(decodeURIComponent(one[1]));
    const message = group?.log[Number(one[2]) - 1];
    if (!group || !message) return reply(res, 404, { statusCode: 404, message: 'Not Found' });
    if (message.sender.id !== user.id) return reply(res, 403, { statusCode: 403, message: 'Forbidden' });
    message.text = String(body.text);
    message.editedAt = new Date().toISOString();
    message.rev = ++group.rev;
    message.mentions = mentionsOf(message.text, group, user.id);
    const edit: EditEvent = {
      group: group.name,
      seq: message.seq,
      rev: message.rev,
      text: message.text,
      editedAt: message.editedAt,
      mentions: message.mentions,
    };
    broadcast(group, 'edit', edit);
    return reply(res, 200, message);
  }
  const reaction = /^\/api\/groups\/([^/]+)\/messages\/(\d+)\/reactions\/([^/]+)$/.exec(path);
  if ((req.method === 'PUT' || req.method === 'DELETE') && reaction) {
    const group = groups.get(decodeURIComponent(reaction[1]));
    const seq = Number(reaction[2]);
    const message = group?.log[seq - 1];
    if (!group || !message) return reply(res, 404, { statusCode: 404, message: 'Not Found' });
    const status = react(group, message, decodeURIComponent(reaction[3]), user, req.method === 'PUT');
    res.writeHead(status).end();
    return;
  }
  const history = /^\/api\/groups\/([^/]+)\/messages$/.exec(path);
  if (req.method === 'GET' && history) {
    const group = groups.get(decodeURIComponent(history[1]));
    if (!group) return reply(res, 404, { statusCode: 404, message: 'Not Found' });
    // The newest `limit` below `before` (the bench reads no `after` pages).
    const query = new URL(req.url ?? '/', 'http://floor').searchParams;
    const limit = Number(query.get('limit') ?? 50);
    const end = Math.min(group.log.length, query.has('before') ? Number(query.get('before')) - 1 : group.log.length);
    return reply(res, 200, group.log.slice(Math.max(0, end - limit), Math.max(0, end)));
  }
  reply(res, 404, { statusCode: 404, message: 'Not Found' });
}

/** Adds (`added`) or removes `user`'s reaction; a change takes the next rev and goes to every member. */
function react(group: FloorGroup, message: Message, emoji: string, user: OwnUser, added: boolean): number {
  let byEmoji = group.reacted[message.seq - 1];
  if (!byEmoji) group.reacted[message.seq - 1] = byEmoji = new Map();
  let who = byEmoji.get(emoji);
  if (added === Boolean(who?.has(user.id))) return 204;
  if (!who) {
    if (byEmoji.size === REACTION_EMOJI_MAX) return 409;
    byEmoji.set(emoji, (who = new Set()));
  }
  if (added) who.add(user.id);
  else who.delete(user.id);
  const at = message.reactions.findIndex((r) => r.emoji === emoji);
  if (!who.size) {
    byEmoji.delete(emoji);
    message.reactions.splice(at, 1);
  } else if (at < 0) message.reactions.push({ emoji, count: 1, me: false });
  else message.reactions[at].count = who.size;
  message.rev = ++group.rev;
  const reactor: User = { id: user.id, displayName: user.displayName };
  const event: ReactionEvent = { group: group.name, seq: message.seq, rev: message.rev, emoji, user: reactor, added, count: who.size };
  broadcast(group, 'reaction', event);
  return 204;
}

/** One JSON.stringify, one Buffer, the same bytes to every socket of every member. */
function broadcast(group: FloorGroup, event: string, data: unknown): void {
  const encoded = Buffer.from(JSON.stringify({ event, data }));
  for (const member of group.members) {
    for (const s of sockets.get(member) ?? []) s.send(encoded, { binary: false });
  }
}

const wss = new WebSocketServer({ server, path: '/ws' });

wss.on('connection', (socket, req) => {
  const token = new URL(req.url ?? '/', 'http://floor').searchParams.get('token') ?? '';
  const user = users.get(token);
  if (!user) return socket.close(4401, 'Unauthorized');
  const mine = sockets.get(user.id) ?? new Set<WebSocket>();
  sockets.set(user.id, mine);
  mine.add(socket);
  socket.on('close', () => mine.delete(socket));
  const memberOf = [...groups.values()].filter((g) => g.members.has(user.id)).map((g) => g.name);
  socket.send(JSON.stringify({ event: 'ready', data: { user, groups: memberOf } }));

  socket.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as Frame<string, SendData>;
    if (frame.event !== 'send') return;
    const group = groups.get(frame.data.group);
    if (!group) return;
    const text = frame.data.text;
    const message: Message = {
      id: String(nextMessageId++),
      group: group.name,
      seq: ++group.seq,
      rev: ++group.rev,
      // Others see the sender without the email, as from the real server.
      sender: { id: user.id, displayName: user.displayName },
      text,
      createdAt: new Date().toISOString(),
      clientMsgId: frame.data.clientMsgId,
      editedAt: null,
      deleted: false,
      replyTo: null,
      mentions: mentionsOf(text, group, user.id),
      reactions: [],
    };
    group.log.push(message);
    broadcast(group, 'message', message);
  });
});

const port = Number(process.env['PORT'] ?? 4000);
const host = process.env['HOST'] ?? '127.0.0.1';
server.listen(port, host, () => console.log(`floor server listening on http://${host}:${port}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    for (const client of wss.clients) client.terminate();
    server.close(() => process.exit(0));
  });
}
