import { randomUUID } from 'node:crypto';
import { DatabaseFaults, expectEventually } from '@platform/testing';
import { startPlacements, validPlacement, type PlacementsHarness } from './harness';

jest.setTimeout(60_000);

/**
 * ADR 0051: a database that cuts the service's connections (pg_terminate_backend, FATAL 57P01 — what a restart does)
 * or goes away must not end the service. Requests meanwhile succeed or get 503 + Retry-After (never 500, never a
 * hang), /health reports the database down and then up, and the service recovers by itself.
 * The faults touch only this test's own database.
 */
describe('placements under database faults', () => {
  let h: PlacementsHarness;
  let faults: DatabaseFaults;
  let provider: string;
  let referralId: string;
  const REQUEST_BOUND_MS = 10_000;

  beforeAll(async () => {
    h = await startPlacements();
    faults = new DatabaseFaults((h.dataSource.options as { url: string }).url);
    provider = await h.token('provider', h.provider);
    referralId = await h.startedCourse();
  });

  afterAll(async () => {
    await faults?.close();
    await h?.close();
  });

  /** One request, classified: its status, or 'timeout' past the bound. */
  const call = async (
    kind: 'write' | 'read',
  ): Promise<{ status: number | 'timeout'; problem?: unknown; retryAfter?: string }> => {
    const request =
      kind === 'write'
        ? h.http
            .post(`/api/v1/referrals/${referralId}/placements`)
            .set('authorization', `Bearer ${provider}`)
            .set('idempotency-key', randomUUID())
            .send(validPlacement())
        : h.http.get(`/api/v1/referrals/${referralId}/placements`).set('authorization', `Bearer ${provider}`);
    try {
      const res = await request.timeout({ response: REQUEST_BOUND_MS });
      return {
        status: res.status,
        problem: res.status >= 500 ? { type: res.body.type, contentType: res.headers['content-type'] } : undefined,
        retryAfter: res.headers['retry-after'],
      };
    } catch (error) {
      if ((error as { timeout?: unknown }).timeout) return { status: 'timeout' };
      throw error;
    }
  };

  const histogram = (statuses: Array<number | 'timeout'>) =>
    statuses.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

  it('keeps serving while its connections are terminated again and again: 2xx or 503, never 500 or a hang', async () => {
    const stopTerminating = faults.terminateRepeatedly(100);
    const results: Array<Awaited<ReturnType<typeof call>>> = [];
    const until = Date.now() + 6000;
    await Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (let i = 0; Date.now() < until; i++) results.push(await call((worker + i) % 2 === 0 ? 'write' : 'read'));
      }),
    );
    const { rounds, terminated } = await stopTerminating();
    const statuses = results.map((r) => r.status);
    // The fault was real: connections were terminated while requests ran, and some requests felt it.
    expect(terminated).toBeGreaterThan(10);
    expect(rounds).toBeGreaterThan(20);
    const counts = histogram(statuses);
    expect(Object.keys(counts).sort()).toEqual(expect.arrayContaining(['503']));
    expect(statuses.filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 200 || s === 201).length).toBeGreaterThan(0);
    for (const unavailable of results.filter((r) => r.status === 503)) {
      expect(unavailable.problem).toEqual({
        type: '/problems/dependency-unavailable',
        contentType: expect.stringContaining('application/problem+json'),
      });
      expect(Number(unavailable.retryAfter)).toBeGreaterThan(0);
    }
    // For the report: how the requests fared.
    process.stdout.write(
      `database faults: ${terminated} connections terminated in ${rounds} rounds; ${JSON.stringify(counts)}\n`,
    );

    // And afterwards everything succeeds again, without a restart.
    await expectEventually(async () => expect((await h.http.get('/health')).status).toBe(200));
    const after: Array<number | 'timeout'> = [];
    for (let i = 0; i < 10; i++) after.push((await call('write')).status, (await call('read')).status);
    expect(histogram(after)).toEqual({ 200: 10, 201: 10 });
  }, 60_000);

  it('reports the database down on /health while it is gone (liveness stays 200) and recovers by itself', async () => {
    await faults.down();
    try {
      const health = await h.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body.checks.database.status).toBe('down');
      expect(health.body.checks.kafka.status).toBe('up');
      expect((await h.http.get('/health/live')).status).toBe(200);
      const started = Date.now();
      const during = [await call('write'), await call('read')];
      expect(during.map((r) => r.status)).toEqual([503, 503]);
      expect(during.every((r) => Number(r.retryAfter) > 0)).toBe(true);
      expect(Date.now() - started).toBeLessThan(REQUEST_BOUND_MS);
    } finally {
      await faults.up();
    }
    await expectEventually(async () => {
      const health = await h.http.get('/health');
      expect(health.status).toBe(200);
      expect(health.body.checks.database.status).toBe('up');
    });
    expect([(await call('write')).status, (await call('read')).status]).toEqual([201, 200]);
  }, 60_000);
});
