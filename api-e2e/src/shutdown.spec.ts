import { WsCloseCode } from '@chat/protocol';
import { createGroup, registerUser } from './support/api-client';
import { sendMessage } from './support/chat';
import { signalAndWait } from './support/exit';
import { RunningServer, startServer } from './support/server';
import { TestSocket } from './support/ws-client';

describe('shutdown (in memory)', () => {
  let server: RunningServer;
  afterEach(() => server?.stop());

  it.each(['SIGTERM', 'SIGINT'] as const)('%s: open sockets close with 1001, the process exits 0 within 10 s, and stops listening', async (signal) => {
    server = await startServer();
    const user = await registerUser(server.baseUrl, 'Leaving');
    const group = await createGroup(user);
    const { socket } = await TestSocket.connect(server.wsUrl, user.token);
    await sendMessage(socket, group.name, 'before the end');

    const exit = await signalAndWait(server.process, signal);
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(10_000);
    expect((await socket.waitForClose(1000)).code).toBe(WsCloseCode.GoingAway);
    await expect(fetch(`${server.baseUrl}/api/health`)).rejects.toThrow();
  });
});
