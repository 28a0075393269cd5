import {
  DatabaseFaults,
  expectEventually,
  PlatformClient,
  ReferralBuilder,
  startStack,
  type Stack,
} from '@platform/testing';

jest.setTimeout(180_000);

/**
 * ADR 0051 with every service as its own process (main.js, the process fault policy installed): PostgreSQL
 * terminates the platform's connections again and again while clients work through the gateway. No process exits,
 * no request gets a 500 or hangs, and afterwards everything succeeds again. The faults touch only the stack's own
 * test database.
 */
describe('the platform under database faults', () => {
  let stack: Stack;
  let client: PlatformClient;
  let faults: DatabaseFaults;
  let actors: Awaited<ReturnType<PlatformClient['actors']>>;
  const BOUND_MS = 10_000;

  beforeAll(async () => {
    stack = await startStack();
    client = new PlatformClient(stack.gateway);
    faults = new DatabaseFaults(stack.databaseUrl);
    actors = await client.actors();
  });
  afterAll(async () => {
    await faults?.close();
    await stack?.stop();
  });

  /** One call through the gateway: its status and Retry-After, or 'timeout' past the bound. */
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    try {
      const response = await fetch(`${stack.gateway}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(BOUND_MS),
      });
      const text = await response.text();
      return { status: response.status as number | 'timeout', retryAfter: response.headers.get('retry-after'), text };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return { status: 'timeout' as const, retryAfter: null, text: '' };
      throw error;
    }
  };
  const newReferral = () => ReferralBuilder.valid().forProvider(actors.provider.id, actors.provider.offerId).build();

  it('keeps every process up; 2xx or 503 + Retry-After during the faults, all 2xx after', async () => {
    const { jobcenter, provider } = actors;
    const course = await client.startedCourse(jobcenter, provider);
    const stopTerminating = faults.terminateRepeatedly(100);
    const results: Array<Awaited<ReturnType<typeof call>>> = [];
    const until = Date.now() + 8000;
    await Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (let i = 0; Date.now() < until; i++) {
          switch ((worker + i) % 3) {
            case 0:
              results.push(await call('POST', '/api/v1/referrals', jobcenter, newReferral()));
              break;
            case 1:
              results.push(await call('GET', `/api/v1/referrals/${course}`, jobcenter));
              break;
            default:
              results.push(await call('GET', `/api/v1/referrals/${course}/placements`, provider.token));
          }
        }
      }),
    );
    const { terminated } = await stopTerminating();
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    process.stdout.write(
      `platform under database faults: ${terminated} connections terminated; ${JSON.stringify(counts)}\n`,
    );

    expect(stack.unexpectedExits()).toEqual([]);
    expect(terminated).toBeGreaterThan(10);
    expect(counts['503']).toBeGreaterThan(0);
    const unexpected = results.filter((r) => r.status !== 200 && r.status !== 201 && r.status !== 503);
    expect(unexpected.map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    expect(results.filter((r) => r.status === 503).every((r) => Number(r.retryAfter) > 0)).toBe(true);

    // Afterwards: every service ready again by itself, and every request succeeds.
    await expectEventually(async () => {
      for (const url of Object.values(stack.services)) expect((await fetch(`${url}/health`)).status).toBe(200);
    });
    const after: Array<number | 'timeout'> = [];
    for (let i = 0; i < 5; i++) {
      after.push((await call('POST', '/api/v1/referrals', jobcenter, newReferral())).status);
      after.push((await call('GET', `/api/v1/referrals/${course}`, jobcenter)).status);
      after.push((await call('GET', `/api/v1/referrals/${course}/placements`, provider.token)).status);
    }
    expect(after).toEqual(Array(5).fill([201, 200, 200]).flat());
    expect(stack.unexpectedExits()).toEqual([]);
  });
});
