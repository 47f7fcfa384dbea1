import { readFileSync } from 'node:fs';
import { registerUser } from '../support/api-client';
import { sleep, SocketPool } from '../support/chat';
import { expectNestError } from '../support/expect';
import { useServer } from '../support/setup';

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  req?: { method: string; url: string; remoteAddress?: string };
  res?: { statusCode: number };
  [field: string]: unknown;
}

/** The JSON lines the server has written so far (its stdout and stderr). */
function logLines(file: string): LogLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('logs (LOG_LEVEL=info)', () => {
  const server = useServer({ LOG_LEVEL: 'info', PASSWORD_HASH_COST: '10' });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  it('writes a JSON line per request, at warn for a 4xx, with no token or password in it', async () => {
    const password = 'correct horse battery';
    const user = await registerUser(server().baseUrl, 'Logged');
    const url = `${server().baseUrl}/api/users/me?token=${user.token}&x=1`;
    const answer = await fetch(url, { headers: { authorization: 'Bearer not-a-valid-token' } });
    expectNestError({ status: answer.status, body: await answer.json(), headers: answer.headers }, 401);
    await fetch(`${server().baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.user.email, password }),
    });
    await sleep(200); // the line is written when the response finishes

    const raw = readFileSync(server().logFile, 'utf8');
    expect(raw).not.toContain(user.token);
    expect(raw).not.toContain('not-a-valid-token');
    expect(raw).not.toContain(password);
    const lines = logLines(server().logFile);
    const refused = lines.find((line) => line.req?.url.startsWith('/api/users/me'));
    expect(refused).toMatchObject({
      level: 40,
      req: { method: 'GET', url: '/api/users/me?token=[redacted]&x=1', remoteAddress: '127.0.0.1' },
      res: { statusCode: 401 },
    });
    const registered = lines.find((line) => line.req?.url === '/api/users');
    expect(registered).toMatchObject({ level: 30, req: { method: 'POST' }, res: { statusCode: 201 } });
  });

  it('writes a line when a WebSocket connects and disconnects, with the user and the class that logged it', async () => {
    const user = await registerUser(server().baseUrl, 'Socket');
    const socket = await sockets.connect(user);
    await socket.closeAndWait();
    await sleep(200);
    const mine = logLines(server().logFile).filter((line) => line['userId'] === user.user.id);
    expect(mine.map((line) => [line.msg, line.context, line.level])).toEqual([
      ['ws connected', 'ChatGateway', 30],
      ['ws disconnected', 'ChatGateway', 30],
    ]);
  });
});
