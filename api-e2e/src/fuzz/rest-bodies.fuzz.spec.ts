import type { Group } from '@chat/protocol';
import fc from 'fast-check';
import { createGroup, registerUser, TestUser, uniqueEmail, uniqueGroupName } from '../support/api-client';
import { useServer } from '../support/setup';
import { fuzzOptions, fuzzTimeout } from './fuzz-runs';
import { fuzzRequest, FuzzRequest } from './requests';

const DEFAULT_RUNS = 1500;

/**
 * Random and malformed REST requests against a running server: never a
 * 5xx, only the statuses the contract allows for the route, always Nest's
 * error shape, and nothing created by a refused request.
 */
describe('fuzz: REST requests', () => {
  const server = useServer({
    PASSWORD_HASH_COST: '10',
    // Thousands of failed logins from one address: throttling is tested elsewhere.
    LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000',
    LOGIN_MAX_FAILURES_PER_EMAIL: '1000000',
    LOGIN_MAX_FAILURES_PER_EMAIL_FROM_ADDRESS: '1000000',
  });

  let user: TestUser;
  let group: Group;
  beforeAll(async () => {
    user = await registerUser(server().baseUrl, 'Fuzzer');
    group = await createGroup(user, uniqueGroupName('fuzz'));
  });

  it(
    'never a 5xx, only allowed statuses, the error shape, and nothing created',
    async () => {
      const emails: string[] = [];
      const statuses = new Map<number, number>();
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(
          fuzzRequest(group.name, () => {
            const email = uniqueEmail('fuzz');
            emails.push(email);
            return email;
          }),
          async (request) => {
            cases += 1;
            const { status, body } = await send(server().baseUrl, user.token, request);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            expect({ status, allowed: request.allowed.includes(status) }).toEqual({ status, allowed: true });
            if (status >= 400) expectNestErrorShape(status, body);
          },
        ),
        fuzzOptions(DEFAULT_RUNS),
      );

      // Still healthy, and nothing was created: the one group, no message, no account for any generated email.
      expect((await fetch(`${server().baseUrl}/api/health`)).status).toBe(200);
      expect(server().process.exitCode).toBeNull();
      const groups = (await user.api.get<Group[]>('/api/groups')).body;
      expect(groups.map((g) => [g.name, g.lastSeq])).toEqual([[group.name, 0]]);
      expect((await user.api.get('/api/dms')).body).toEqual([]);
      for (const email of emails.slice(0, 20)) {
        const login = await user.api.withToken(undefined).post('/api/auth/login', { email, password: 'correct horse battery' });
        expect(login.status).toBe(401);
      }
      console.log(`fuzz: ${cases} REST requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    },
    fuzzTimeout(DEFAULT_RUNS),
  );
});

async function send(baseUrl: string, token: string, request: FuzzRequest): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: { authorization: `Bearer ${token}`, ...request.headers },
    body: request.body as BodyInit | undefined,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text: the shape check below fails on it
  }
  return { status: response.status, body };
}

function expectNestErrorShape(status: number, body: unknown): void {
  const error = body as { statusCode?: unknown; message?: unknown; error?: unknown };
  expect(typeof body === 'object' && body !== null ? Object.keys(body).sort() : body).toEqual(['error', 'message', 'statusCode']);
  expect(error.statusCode).toBe(status);
  expect(typeof error.error).toBe('string');
  const messages = Array.isArray(error.message) ? error.message : [error.message];
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) expect(typeof m === 'string' && m.length > 0).toBe(true);
}
