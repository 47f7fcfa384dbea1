import { WsCloseCode } from '@chat/protocol';
import type { Connection } from './connection';

/** setTimeout's longest delay (about 24.8 days); a longer AUTH_TOKEN_TTL is waited out in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes the connection with 4401 when its token expires, as logout does.
 * The session has ended: REST already answers 401 to that token, the web
 * client goes back to sign-in on 4401 as it would on its next REST call,
 * and a socket must not outlive its token (one opened with a stolen token
 * would otherwise stay open for good).
 */
export function closeWhenExpired(connection: Connection): void {
  const left = connection.session.expiresAt.getTime() - Date.now();
  if (left <= 0) return connection.close(WsCloseCode.Unauthorized, 'Session expired');
  const timer = setTimeout(() => closeWhenExpired(connection), Math.min(left, MAX_TIMER_MS));
  timer.unref();
  connection.socket.once('close', () => clearTimeout(timer));
}
