import { ApiClient, ApiResponse, uniqueEmail } from '../support/api-client';
import { expectRetryLater, expectStatus } from '../support/expect';
import { useServer } from '../support/setup';

const FLOOD = 60;
const PASSWORD = 'correct horse battery';

/**
 * Sixty anonymous sign-ups at once, each a 128 MiB scrypt of the real cost.
 * Hashing takes at most two of libuv's four threads and queues a bounded
 * number (10 here, instead of the default 100, so that a flood of 60
 * overflows it without costing 100 hashes of CPU); the rest are refused at
 * once. Files (and DNS) keep the other threads, so a static file answers
 * fast throughout, and the server is healthy afterwards.
 */
describe('security: a flood of sign-ups', () => {
  const server = useServer({ PASSWORD_HASH_COST: '17', PASSWORD_HASH_CONCURRENCY: '2', PASSWORD_HASH_QUEUE_LIMIT: '10' });
  const anon = () => new ApiClient(server().baseUrl);

  it('gets only 201, 429 or 503 (some refused), while a static file still answers within a second', async () => {
    const staticFile = () => fetch(`${server().baseUrl}/api/ws-docs/asyncapi.json`);
    expect((await staticFile()).status).toBe(200); // warm: its first read is not what is measured
    let floodDoneAt = Infinity;
    let answered = 0;
    const signUp = () => anon().post('/api/users', { email: uniqueEmail('flood'), password: PASSWORD }).finally(() => (answered += 1));
    const flood = Promise.all(Array.from({ length: FLOOD }, signUp)).finally(() => (floodDoneAt = performance.now()));

    // Static file reads while the hashes run (they must not wait behind scrypt for a thread), once the
    // server has taken in the whole burst: the refusals come back at once, the hashes take seconds.
    while (answered < FLOOD / 2 && floodDoneAt === Infinity) await new Promise((resolve) => setTimeout(resolve, 20));
    const reads: Array<{ status: number; ms: number; at: number }> = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const res = await staticFile();
      await res.arrayBuffer();
      reads.push({ status: res.status, ms: performance.now() - started, at: performance.now() });
    }

    const answers = await flood;
    const statuses = count(answers);
    expect(Object.keys(statuses).filter((status) => !['201', '429', '503'].includes(status))).toEqual([]);
    expect(statuses['201']).toBeGreaterThan(0);
    expect((statuses['429'] ?? 0) + (statuses['503'] ?? 0)).toBeGreaterThan(0);
    for (const refused of answers.filter((res) => res.status !== 201)) expectRetryLater(refused, refused.status as 429 | 503, 60);

    // The reads happened during the flood, and each was fast.
    expect(reads.filter((read) => read.at > floodDoneAt)).toEqual([]);
    for (const read of reads) expect(read).toEqual({ status: 200, ms: expect.any(Number), at: read.at });
    expect(Math.max(...reads.map((read) => read.ms))).toBeLessThan(1000);

    // Still up and well: healthy, the accounts made work, and a sign-up after the flood is served.
    expect(server().process.exitCode).toBeNull();
    expectStatus(await anon().get('/api/health'), 200);
    const made = answers.find((res) => res.status === 201) as ApiResponse;
    expectStatus(await anon().withToken(made.body.token).get('/api/users/me'), 200);
    expectStatus(await anon().post('/api/users', { email: uniqueEmail('after'), password: PASSWORD }), 201);
  }, 60_000);
});

function count(answers: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
