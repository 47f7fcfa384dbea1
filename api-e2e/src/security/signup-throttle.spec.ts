import { ApiClient, uniqueEmail } from '../support/api-client';
import { expectNestError, expectRetryLater, expectStatus } from '../support/expect';
import { useServer } from '../support/setup';

const PASSWORD = 'correct horse battery';

function signUpper(baseUrl: () => string) {
  return (forwardedFor?: string, body: unknown = { email: uniqueEmail('signup'), password: PASSWORD }) =>
    new ApiClient(baseUrl()).request('POST', '/api/users', body, forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor });
}

describe('security: sign-ups per client address behind one proxy (TRUST_PROXY=1)', () => {
  const server = useServer({ TRUST_PROXY: '1', SIGNUP_BURST_PER_ADDRESS: '3', SIGNUP_PER_MINUTE_PER_ADDRESS: '1', PASSWORD_HASH_COST: '10' });
  const signUp = signUpper(() => server().baseUrl);

  it('3 from one address, the fourth 429 with Retry-After; other addresses are counted apart', async () => {
    for (let i = 0; i < 3; i++) expectStatus(await signUp('198.51.100.1'), 201);
    expectRetryLater(await signUp('198.51.100.1'), 429, 60);
    expectStatus(await signUp('198.51.100.2'), 201);
    expectStatus(await signUp(), 201); // no header: the proxy's own address (127.0.0.1)
  });

  it('counts by the address the proxy appended: what the client wrote before it changes nothing', async () => {
    for (let i = 0; i < 3; i++) expectStatus(await signUp(`10.0.0.${i}, 198.51.100.3`), 201);
    expectRetryLater(await signUp('10.0.0.99, 198.51.100.3'), 429, 60);
  });

  it('counts an IPv6 /64 as one address', async () => {
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:abcd:ef01:2345:6789']) expectStatus(await signUp(address), 201);
    expectRetryLater(await signUp('2001:db8:1:2::ffff'), 429, 60);
    expectStatus(await signUp('2001:db8:1:3::1'), 201);
  });

  it('does not count a refused body (400): it costs no hash', async () => {
    for (let i = 0; i < 5; i++) expectNestError(await signUp('198.51.100.4', { email: uniqueEmail('bad'), password: 'short' }), 400);
    for (let i = 0; i < 3; i++) expectStatus(await signUp('198.51.100.4'), 201);
  });
});

describe('security: sign-ups per client address without a trusted proxy (TRUST_PROXY=0, the default)', () => {
  const server = useServer({ SIGNUP_BURST_PER_ADDRESS: '3', SIGNUP_PER_MINUTE_PER_ADDRESS: '1', PASSWORD_HASH_COST: '10' });
  const signUp = signUpper(() => server().baseUrl);

  it('ignores X-Forwarded-For: whatever it says, they all come from 127.0.0.1', async () => {
    for (let i = 1; i <= 3; i++) expectStatus(await signUp(`198.51.100.${i}`), 201);
    expectRetryLater(await signUp('198.51.100.4'), 429, 60);
    expectRetryLater(await signUp(), 429, 60);
  });
});

describe('security: sign-ups with the default limits', () => {
  const server = useServer({ PASSWORD_HASH_COST: '10' });
  const signUp = signUpper(() => server().baseUrl);

  it('a test suite may register 300 users from one address, 50 at once; a flood beyond that is refused', async () => {
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => signUp()));
      expect(answers.map((res) => res.status)).toEqual(Array(50).fill(201));
    }
    // 60 a minute come back: of 50 more at once, only the few that refilled meanwhile pass.
    const more = await Promise.all(Array.from({ length: 50 }, () => signUp()));
    expect(more.filter((res) => res.status === 429).length).toBeGreaterThanOrEqual(35);
    expect(more.filter((res) => res.status !== 201 && res.status !== 429)).toEqual([]);
  }, 60_000);
});
