import type WebSocket from 'ws';

/** How long a client gets to answer our close frame before its socket is cut. */
export const CLOSE_GRACE_MS = 2000;

/**
 * Closes the sockets (the close frame follows whatever was written before
 * it) and waits until they are closed; one whose client does not answer
 * within CLOSE_GRACE_MS is cut, rather than waiting ws's 30 s.
 */
export async function closeAll(sockets: Iterable<WebSocket>, code: number, reason: string): Promise<void> {
  const closing = [...sockets].map(
    (socket) =>
      new Promise<void>((done) => {
        if (socket.readyState === socket.CLOSED) return done();
        socket.once('close', () => done());
        const cut = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
        cut.unref();
        socket.once('close', () => clearTimeout(cut));
        if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
      }),
  );
  await Promise.all(closing);
}
