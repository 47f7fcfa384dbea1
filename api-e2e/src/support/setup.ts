import { RunningServer, startServer } from './server';

/**
 * Starts a server of its own for the enclosing describe block (beforeAll) and
 * stops it afterwards (afterAll). Returns a getter, valid inside tests.
 */
export function useServer(env: Record<string, string> = {}): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer(env);
  }, 30000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}
