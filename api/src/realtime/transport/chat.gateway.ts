import { WS_PATH, WsCloseCode } from '@chat/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { SessionsService } from '../../auth/sessions.service';
import { AppConfig } from '../../config/app-config';
import { GroupsService } from '../../groups/groups.service';
import { mapOwnUser, mapUser } from '../../users/dto/user.dto';
import { ChatPresence } from '../delivery/chat-presence';
import { Connection } from './connection';
import { ConnectionCap } from './connection-cap';
import { ConnectionRegistry } from '../delivery/connection-registry';
import { FrameHandler } from './frame-handler';
import { Heartbeat } from './heartbeat';
import { LiveFanOut } from '../delivery/live-fan-out';
import { closeWhenExpired } from './session-expiry';
import { ShutdownState } from './shutdown-state';

/** Frames a client may send before `ready` (they are handled right after it). */
const MAX_EARLY_FRAMES = 64;

/**
 * The `/ws` endpoint: transport only. It authenticates the handshake,
 * registers the connection, sends `ready`, and hands every frame to the
 * FrameHandler. Origin checks and the frame size limit live in ChatWsAdapter.
 */
@Injectable()
@WebSocketGateway({ path: WS_PATH })
export class ChatGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('ChatGateway');
  private readonly connections = new WeakMap<WebSocket, Connection>();

  constructor(
    private readonly sessions: SessionsService,
    private readonly groups: GroupsService,
    private readonly registry: ConnectionRegistry,
    private readonly frames: FrameHandler,
    private readonly presence: ChatPresence,
    private readonly heartbeat: Heartbeat,
    private readonly fanOut: LiveFanOut,
    private readonly config: AppConfig,
    private readonly cap: ConnectionCap,
    private readonly shutdown: ShutdownState,
  ) {}

  /**
   * Nest drops the promise of this hook, so nothing of it may reject: a
   * store that cannot be reached while the socket opens (the token's
   * revocation, its groups) closes it with 1013, "try again later".
   */
  handleConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    return this.open(socket, request).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'ws could not be opened now');
      if (socket.readyState === WebSocket.OPEN) socket.close(WsCloseCode.TryAgainLater, 'Try again later');
    });
  }

  private async open(socket: WebSocket, request: IncomingMessage): Promise<void> {
    // Frames can arrive while we authenticate: keep them, in order, until `ready` is out.
    const early: Array<[Buffer, boolean]> = [];
    const keep = (raw: Buffer, isBinary: boolean) => early.length < MAX_EARLY_FRAMES && early.push([raw, isBinary]);
    socket.on('message', keep);

    const session = await this.sessions.authenticate(tokenOf(request));
    if (socket.readyState !== WebSocket.OPEN) return; // gone while we checked
    if (!session) {
      socket.close(WsCloseCode.Unauthorized, 'Missing, invalid, expired or revoked token');
      return;
    }
    // Authenticated after shutdown began (ChatDrain has taken its list of sockets): go away now.
    if (!this.shutdown.accepting) {
      socket.close(WsCloseCode.GoingAway, 'Server shutting down');
      return;
    }
    // No `await` from here to registry.add, or simultaneous handshakes could overshoot the cap.
    if (this.cap.isFull(session.user.id)) {
      socket.close(WsCloseCode.TooManyConnections, 'Too many open connections for this user');
      return;
    }
    const connection = new Connection(socket, session, mapUser(session.user), this.config.wsRateLimit);
    this.connections.set(socket, connection);
    this.registry.add(connection);
    closeWhenExpired(connection);
    const groups = await this.groups.joinedNames(connection.userId);
    if (connection.closed) return;
    for (const group of groups) this.fanOut.follow(connection.userId, group.key, group);

    this.heartbeat.watch(connection);
    connection.emit('ready', { user: mapOwnUser(session.user), groups: groups.map((group) => group.name) });
    this.logger.log({ userId: connection.userId, connectionId: connection.id }, 'ws connected');

    socket.off('message', keep);
    socket.on('message', (raw: Buffer, isBinary: boolean) => void this.frames.handle(connection, raw, isBinary));
    for (const [raw, isBinary] of early) await this.frames.handle(connection, raw, isBinary);
    await this.presence.opened(connection);
  }

  /** Never rejects (see handleConnection); presence handles its own failures. */
  async handleDisconnect(socket: WebSocket): Promise<void> {
    const connection = this.connections.get(socket);
    if (!connection) return;
    connection.closed = true;
    const groupKeys = [...this.registry.groupsOf(connection.userId)];
    this.registry.remove(connection);
    this.logger.log({ userId: connection.userId, connectionId: connection.id }, 'ws disconnected');
    await this.presence.closed(connection, groupKeys);
  }
}

/**
 * Browsers cannot set headers on a WebSocket, so the token rides in the
 * query string (`/ws?token=`); other clients may send a bearer header.
 */
function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}
