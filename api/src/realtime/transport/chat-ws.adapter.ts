import { WS_MAX_FRAME_BYTES, WsCloseCode } from '@chat/protocol';
import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { Server, VerifyClientCallbackAsync } from 'ws';
import { AppConfig } from '../../config/app-config';
import { isOriginAllowed } from '../../config/origin-policy';
import { closeAll } from './close-sockets';

/**
 * Nest's `ws` adapter with what the contract needs from the transport:
 * - handshakes from origins outside ALLOWED_ORIGINS are refused with 403;
 * - a frame over 64 KiB closes the connection with 1009 (ws's maxPayload);
 * - frames are not parsed and routed by Nest (which silently drops
 *   non-JSON): the gateway decodes them itself and answers `error`;
 * - UTF-8 is checked by the gateway too, so bad text gets an `error`
 *   instead of ws closing the connection;
 * - on shutdown sockets are closed with 1001 (going away) so clients reconnect.
 */
export class ChatWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override create(port: number, options: Record<string, unknown> = {}): Server {
    const verifyClient: VerifyClientCallbackAsync = (info, done) =>
      isOriginAllowed(info.req.headers.origin, info.req, this.config.allowedOrigins)
        ? done(true)
        : done(false, 403, 'Origin not allowed');
    return super.create(port, {
      ...options,
      maxPayload: WS_MAX_FRAME_BYTES,
      skipUTF8Validation: true,
      perMessageDeflate: false,
      verifyClient,
    });
  }

  override bindMessageHandlers(): void {
    // The gateway reads raw frames itself (see ChatGateway).
  }

  /** Sockets still open at this point (ChatDrain closed the authenticated ones) get 1001 too, bounded in time. */
  override async close(server: Server): Promise<void> {
    await closeAll(server.clients, WsCloseCode.GoingAway, 'Server shutting down');
    await super.close(server);
  }
}
