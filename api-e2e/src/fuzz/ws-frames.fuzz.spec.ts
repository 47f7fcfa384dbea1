import type { ErrorEvent, Message } from '@chat/protocol';
import fc from 'fast-check';
import { createGroup, registerUser, TestUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, ConnectedSocket, fullHistory, range, SocketPool } from '../support/chat';
import { useServer } from '../support/setup';
import { expectedOutcome, fuzzFrame, FuzzFrame } from './frames';
import { fuzzOptions, fuzzTimeout } from './fuzz-runs';

const DEFAULT_RUNS = 1500;
const ERROR_CODES = ['bad_request', 'forbidden', 'not_found', 'rate_limited'];

/**
 * Random and malformed frames against a running server. For every frame:
 * an invalid one gets exactly one `error` and the connection stays open; a
 * valid send right after it is stored and echoed; nothing a rejected frame
 * said is stored. Afterwards the server is healthy and history is exactly
 * the accepted messages, seqs 1..n.
 */
describe('fuzz: WebSocket frames', () => {
  // Thousands of frames a second from one socket: no rate limit here (it is tested elsewhere).
  const server = useServer({ WS_RATE_LIMIT: '0', PASSWORD_HASH_COST: '10' });
  const sockets = new SocketPool(server);
  afterAll(() => sockets.closeAll());

  let user: TestUser;
  let group: string;
  beforeAll(async () => {
    user = await registerUser(server().baseUrl, 'Fuzzer');
    group = (await createGroup(user, uniqueGroupName('fuzz'))).name;
  });

  it(
    'every invalid frame gets one error, the connection keeps working, and only valid sends are stored',
    async () => {
      const socket = await sockets.connect(user);
      const stored: string[] = [];
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(fuzzFrame(group), async (frame) => {
          cases += 1;
          const outcome = expectedOutcome(frame, group);
          send(socket, frame);
          if (outcome === 'error') expectErrorShape(await socket.next('error', undefined, 5000));
          if (outcome === 'stored') {
            const id = JSON.parse(String(frame.payload)).data.clientMsgId as string;
            await socket.next('message', (m) => m.clientMsgId === id);
            // A nasty value can repeat ("__proto__" as a clientMsgId): a repeat is echoed, not stored again.
            if (!stored.includes(id)) stored.push(id);
          }
          // The connection still works: a valid send right after is stored and echoed.
          const probe = clientMsgId('probe');
          socket.send('send', { group, text: `probe after case ${cases}`, clientMsgId: probe });
          await socket.next('message', (m) => m.clientMsgId === probe);
          stored.push(probe);
          expect(socket.isOpen).toBe(true);
        }),
        fuzzOptions(DEFAULT_RUNS),
      );

      // Nothing left over: no second error for a frame, no echo of a rejected send.
      expect((await socket.drainAll(300)).map((f) => f.event)).toEqual([]);
      const messages: Message[] = await fullHistory(user, group);
      expect(messages.map((m) => m.clientMsgId)).toEqual(stored);
      expect(messages.map((m) => m.seq)).toEqual(range(1, stored.length));
      const health = await fetch(`${server().baseUrl}/api/health`);
      expect(health.status).toBe(200);
      expect(server().process.exitCode).toBeNull();
      console.log(`fuzz: ${cases} WebSocket frames, ${stored.length} messages stored`);
    },
    fuzzTimeout(DEFAULT_RUNS),
  );
});

function send(socket: ConnectedSocket, frame: FuzzFrame): void {
  socket.ws.send(frame.payload, { binary: frame.binary });
}

function expectErrorShape(error: ErrorEvent): void {
  expect(ERROR_CODES).toContain(error.code);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  const extra = Object.keys(error).filter((key) => !['code', 'message', 'clientMsgId'].includes(key));
  expect(extra).toEqual([]);
  if ('clientMsgId' in error) expect(typeof error.clientMsgId).toBe('string');
}
