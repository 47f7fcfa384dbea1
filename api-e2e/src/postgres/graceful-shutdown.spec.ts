import { WsCloseCode } from '@chat/protocol';
import { createDatabase } from '../support/databases';
import { RunningServer, startServer } from '../support/server';
import { expectNothingAcknowledgedLost, sigtermMidStream } from '../support/shutdown-stream';

describe('graceful shutdown with PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let server: RunningServer | undefined;
  const env = () => ({ DATABASE_URL: database.url, AUTH_SECRET: 'shutdown-test-secret', WS_RATE_LIMIT: '0', PASSWORD_HASH_COST: '10' });

  beforeAll(async () => {
    database = await createDatabase();
  });

  afterAll(async () => {
    await server?.stop();
    await database.drop();
  });

  it('SIGTERM mid-stream: exit 0 within 10 s, sockets closed with 1001, every acknowledged message stored, seqs gapless', async () => {
    server = await startServer(env());
    const result = await sigtermMidStream(server);
    expect({ code: result.exit.code, signal: result.exit.signal }).toEqual({ code: 0, signal: null });
    expect(result.exit.ms).toBeLessThan(10_000);
    expect(result.closeCodes.every((code) => code === WsCloseCode.GoingAway)).toBe(true);

    server = await startServer(env());
    const history = await result.history(server);
    expectNothingAcknowledgedLost(result, history);
    console.log(`shutdown: ${result.acked.length} acknowledged, ${history.length} stored, exit 0 after ${result.exit.ms} ms`);
  }, 60_000);
});
