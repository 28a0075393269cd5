import { randomBytes } from 'node:crypto';
import { expectEventually, ReferralBuilder, startStack, tokenFor, validCpr, type Stack } from '@platform/testing';

// Starting every service as a process takes a while on a busy machine.
jest.setTimeout(180_000);

type Line = Record<string, unknown>;

/**
 * Operations (issue 19, ADR 0075) on the running platform: every process writes JSON lines only, one access line per
 * request carrying the trace id, the route template, the acting role and tenant, and never the citizen's CPR or
 * name; metrics are served on each process's internal port and not on the public one.
 */
describe('logs and metrics of the running platform', () => {
  let stack: Stack;
  let jobcenter: string;
  const cpr = validCpr();
  const citizenName = `Opsprøve ${randomBytes(4).toString('hex')}`;
  const traceId = randomBytes(16).toString('hex');
  const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
  let referralId: string;

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.gateway}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${jobcenter}`,
        traceparent,
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  /** Every line a process has written (stdout and stderr), each parsed as JSON: a plain-text line throws. */
  const linesOf = (name: string): Line[] =>
    stack
      .logs(name)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as Line;
        } catch {
          throw new Error(`${name} wrote a line that is not JSON: ${line}`);
        }
      });

  beforeAll(async () => {
    // Access lines are at info; the stack's default is warn.
    stack = await startStack({ LOG_LEVEL: 'info' });
    jobcenter = await tokenFor('jobcenter', '101');
    const offers = (await (await call('/api/v1/offers')).json()) as {
      items: { id: string; providerId: string; packageType: string }[];
    };
    const offer = offers.items.find((o) => o.packageType === 'JOB')!;
    const body = ReferralBuilder.valid().forProvider(offer.providerId, offer.id).build();
    body.citizen = { ...body.citizen, cpr, name: citizenName };
    const created = await call('/api/v1/referrals', { method: 'POST', body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    referralId = ((await created.json()) as { id: string }).id;
    expect((await call(`/api/v1/referrals/${referralId}`)).status).toBe(200);
    const graphql = await call('/graphql', {
      method: 'POST',
      body: JSON.stringify({
        query: 'query OperationsProbe($id: ID!) { referral(id: $id) { id status } }',
        variables: { id: referralId },
      }),
    });
    expect(graphql.status).toBe(200);
  });
  afterAll(() => stack?.stop());

  it('answers /metrics on the internal port of every process and 404 on the public one', async () => {
    const publicMetrics = await fetch(`${stack.gateway}/metrics`);
    expect(publicMetrics.status).toBe(404);
    expect(await publicMetrics.text()).not.toContain('http_request_duration_seconds');
    for (const name of Object.keys(stack.services)) {
      const response = await fetch(`${stack.metrics[name]}/metrics`);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      expect(await response.text()).toContain('process_memory_limit_bytes');
    }
  });

  it('labels REST calls by their route template and GraphQL calls by operation name', async () => {
    const text = await (await fetch(`${stack.metrics.gateway}/metrics`)).text();
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/referrals",status="201"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/referrals\/\{id\}",status="200"\} [1-9]/m,
    );
    expect(text).not.toContain('route="/api/v1/*"');
    expect(text).not.toContain(referralId);
    expect(text).toMatch(/^graphql_operations_total\{operation="OperationsProbe",outcome="ok"\} 1$/m);
    // The service behind labels by its own template too.
    const referrals = await (await fetch(`${stack.metrics.referrals}/metrics`)).text();
    expect(referrals).toMatch(/route="\/api\/v1\/referrals\/\{id\}",status="200"/);
    // Its consumers' lag is reported per group and partition.
    const placements = await (await fetch(`${stack.metrics.placements}/metrics`)).text();
    expect(placements).toMatch(/^kafka_consumer_lag_messages\{group="[^"]+",topic="[^"]+",partition="\d+"\} \d+$/m);
    expect(placements).toMatch(/^outbox_oldest_pending_age_seconds\{outbox="[^"]+"\} /m);
  });

  it('writes one access line per request with the trace id, route template, role and tenant', async () => {
    const access = (name: string) => linesOf(name).filter((line) => line.msg === 'request' && line.traceId === traceId);
    const [gatewayLines, referralLines] = await expectEventually(() => {
      const found = [access('gateway'), access('referrals')];
      expect(found[0]).toHaveLength(4);
      expect(found[1].length).toBeGreaterThanOrEqual(3);
      return found;
    });
    expect(
      gatewayLines.map((line) => `${line.method as string} ${line.route as string} ${line.status as number}`),
    ).toEqual([
      'GET /api/v1/offers 200',
      'POST /api/v1/referrals 201',
      'GET /api/v1/referrals/{id} 200',
      'POST /graphql 200',
    ]);
    for (const line of [...gatewayLines, ...referralLines]) {
      expect(line).toMatchObject({ level: 'info', role: 'jobcenter', org: '101', traceId });
      expect(typeof line.requestId).toBe('string');
      expect(typeof line.durationMs).toBe('number');
      expect(typeof line.time).toBe('string');
    }
    expect(gatewayLines[3].operation).toBe('OperationsProbe');
    expect(referralLines.map((line) => line.route)).toEqual(
      expect.arrayContaining(['/api/v1/referrals', '/api/v1/referrals/{id}', '/graphql']),
    );
    // The gateway's and the service's lines of one request share its request id.
    const created = gatewayLines[1].requestId;
    expect(referralLines.some((line) => line.requestId === created && line.route === '/api/v1/referrals')).toBe(true);
  });

  it('writes nothing but JSON lines, and never the CPR number or name of the citizen', () => {
    for (const name of Object.keys(stack.services)) {
      const lines = linesOf(name);
      expect(lines.length).toBeGreaterThan(0);
      const text = stack.logs(name);
      expect({ name, cpr: text.includes(cpr) || text.includes(`${cpr.slice(0, 6)}-${cpr.slice(6)}`) }).toEqual({
        name,
        cpr: false,
      });
      expect({ name, citizen: text.includes(citizenName) }).toEqual({ name, citizen: false });
      expect({ name, token: text.includes(jobcenter) }).toEqual({ name, token: false });
    }
  });
});
