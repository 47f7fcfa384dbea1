import type { ClientFrame, ErrorEvent, WsErrorCode } from '@chat/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { isStoreUnavailable } from '../../common/errors/store-unavailable';
import { MessagesService } from '../../messages/messages.service';
import { MetricsService } from '../../metrics/metrics.service';
import type { Connection } from './connection';
import { decodeClientFrame } from './frame-decoder';
import { ShutdownState } from './shutdown-state';

const ERROR_CODES: Partial<Record<DomainError['code'], WsErrorCode>> = {
  forbidden: 'forbidden',
  not_found: 'not_found',
  invalid: 'bad_request',
  unavailable: 'unavailable',
};

/**
 * What a connection's frames do: rate limit, decode, hand to the messages
 * service, and turn any failure into an `error` event. Nothing here closes
 * the connection.
 */
@Injectable()
export class FrameHandler {
  private readonly logger = new Logger(FrameHandler.name);

  constructor(
    private readonly messages: MessagesService,
    private readonly metrics: MetricsService,
    private readonly shutdown: ShutdownState,
  ) {}

  /**
   * Handles one frame. Once shutdown has begun, new frames are ignored:
   * unacknowledged, so the client resends them (same clientMsgId) after it
   * reconnects, and the server's idempotency stores each once.
   */
  async handle(connection: Connection, raw: Buffer, isBinary: boolean): Promise<void> {
    if (!this.shutdown.accepting) return;
    // Counted, not collected: this runs for every frame (docs/decisions/hot-path-allocations.md).
    this.shutdown.frameTaken();
    try {
      // Every frame costs a token, valid or not, so a flood of garbage is limited too.
      const allowed = connection.limiter.take();
      const decoded = decodeClientFrame(raw, isBinary);
      if (!allowed) {
        const clientMsgId = decoded.ok ? clientMsgIdOf(decoded.frame) : decoded.clientMsgId;
        return this.sendError(connection, withId({ code: 'rate_limited', message: 'Too many frames; slow down' }, clientMsgId));
      }
      if (!decoded.ok) {
        return this.sendError(connection, withId({ code: 'bad_request', message: decoded.message }, decoded.clientMsgId));
      }
      try {
        await this.dispatch(connection, decoded.frame);
      } catch (error) {
        this.sendError(connection, withId(this.toWsError(error), clientMsgIdOf(decoded.frame)));
      }
    } catch (error) {
      // Callers drop this promise (a socket's 'message' listener): it must never reject.
      this.logger.error({ err: error }, 'frame handling failed');
    } finally {
      this.shutdown.frameDone();
    }
  }

  /** Every `error` event goes out here, so each is counted by code. */
  private sendError(connection: Connection, error: ErrorEvent): void {
    this.metrics.wsErrorSent(error.code);
    connection.emit('error', error);
  }

  private async dispatch(connection: Connection, frame: ClientFrame): Promise<void> {
    const user = connection.session.user;
    switch (frame.event) {
      case 'send': {
        const { group, text, clientMsgId, replyTo } = frame.data;
        const { message, created } = await this.messages.send(user, group, text, clientMsgId, replyTo);
        // A new message reaches this socket through fan-out; a repeat is acknowledged here only
        // (docs/decisions/ordering-and-acknowledgement.md).
        if (!created) {
          connection.emit('message', message);
          this.metrics.messageEchoed();
        }
        return;
      }
      case 'typing':
        return this.messages.typing(user, frame.data.group);
      case 'read':
        return this.messages.markRead(user, frame.data.group, frame.data.seq, connection.id);
    }
  }

  /**
   * A frame that got this far was valid (the decoder answers `bad_request`
   * for the rest), so a failure that is not the domain's own verdict is the
   * server's: `unavailable`, which tells the client to keep the message and
   * resend it with the same clientMsgId. A store that cannot be reached is
   * expected now and then (warn); anything else is a bug (error).
   */
  private toWsError(error: unknown): { code: WsErrorCode; message: string } {
    const code = error instanceof DomainError ? ERROR_CODES[error.code] : undefined;
    if (code) return { code, message: (error as DomainError).message };
    if (isStoreUnavailable(error)) this.logger.warn({ err: error }, 'a store is unreachable: answered unavailable');
    else this.logger.error({ err: error }, 'frame handling failed');
    return { code: 'unavailable', message: 'The server could not handle this now; send it again shortly (same clientMsgId)' };
  }
}

function clientMsgIdOf(frame: ClientFrame): string | undefined {
  return frame.event === 'send' ? frame.data.clientMsgId : undefined;
}

function withId<T extends object>(error: T, clientMsgId: string | undefined): T & { clientMsgId?: string } {
  return clientMsgId === undefined ? error : { ...error, clientMsgId };
}
