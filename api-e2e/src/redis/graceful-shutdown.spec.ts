import { WsCloseCode } from '@chat/protocol';
import { expectNothingAcknowledgedLost, sigtermMidStream } from '../support/shutdown-stream';
import { useCluster } from './cluster';

/** With Redis each echo comes back through Redis: the drain waits for them before closing sockets. */
describe('graceful shutdown with Redis', () => {
  const cluster = useCluster(1, 'shutdown', { WS_RATE_LIMIT: '0', PASSWORD_HASH_COST: '10' });

  it('SIGTERM mid-stream: exit 0 within 10 s, sockets closed with 1001, every message stored was acknowledged', async () => {
    const [server] = cluster().servers;
    const result = await sigtermMidStream(server);
    expect({ code: result.exit.code, signal: result.exit.signal }).toEqual({ code: 0, signal: null });
    expect(result.exit.ms).toBeLessThan(10_000);
    expect(result.closeCodes.every((code) => code === WsCloseCode.GoingAway)).toBe(true);

    const restarted = await cluster().start();
    expectNothingAcknowledgedLost(result, await result.history(restarted));
  }, 60_000);
});
