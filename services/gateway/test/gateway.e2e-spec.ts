import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { REFERRALS_TOPIC } from '@platform/contracts';
import { loadConfig } from '@platform/http';
import {
  ensureBroker,
  expectEventually,
  ReferralBuilder,
  startStack,
  tokenFor,
  TopicProbe,
  type Stack,
} from '@platform/testing';
import { GatewayConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/gateway';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

// Starting every service as a process takes a while on a busy machine.
jest.setTimeout(120_000);

describe('the gateway in front of the running platform', () => {
  let stack: Stack;
  let jobcenter: string;
  let provider: string;
  let otherProvider: string;
  let analyst: string;
  let providerId: string;
  let offerId: string;

  const rest = (path: string, token: string | undefined, init: RequestInit = {}) =>
    fetch(`${stack.gateway}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  const graphql = async (token: string | undefined, query: string, variables: Record<string, unknown> = {}) => {
    const response = await rest('/graphql', token, {
      method: 'POST',
      body: JSON.stringify({ query, variables }),
      headers: { accept: 'application/graphql-response+json' },
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };

  /** How many GraphQL requests the referrals subgraph has answered, from its Prometheus metrics (internal port). */
  const subgraphRequests = async (): Promise<number> => {
    const text = await (await fetch(`${stack.metrics.referrals}/metrics`)).text();
    return [...text.matchAll(/^http_request_duration_seconds_count\{[^}]*route="\/graphql"[^}]*\} (\d+)/gm)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
  };

  const createReferral = async (headers: Record<string, string> = {}) => {
    const body = ReferralBuilder.valid().forProvider(providerId, offerId).build();
    const response = await rest('/api/v1/referrals', jobcenter, {
      method: 'POST',
      body: JSON.stringify(body),
      headers,
    });
    expect(response.status).toBe(201);
    return { response, referral: (await response.json()) as { id: string; status: string } };
  };

  beforeAll(async () => {
    stack = await startStack();
    jobcenter = await tokenFor('jobcenter', '101');
    analyst = await tokenFor('analyst', '101');
    const offers = (await (await rest('/api/v1/offers', jobcenter)).json()) as {
      items: { id: string; providerId: string; packageType: string }[];
    };
    const jobOffers = offers.items.filter((o) => o.packageType === 'JOB');
    providerId = jobOffers[0].providerId;
    offerId = jobOffers[0].id;
    const other = jobOffers.find((o) => o.providerId !== providerId)!;
    provider = await tokenFor('provider', providerId);
    otherProvider = await tokenFor('provider', other.providerId);
  });
  afterAll(() => stack?.stop());

  it('reports each subgraph in /health', async () => {
    const response = await fetch(`${stack.gateway}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      service: 'gateway',
      status: 'ok',
      checks: { referrals: { status: 'up' } },
    });
  });

  it('creates a referral over REST and reads it over GraphQL, with tenancy in both', async () => {
    const { response, referral } = await createReferral();
    expect(response.headers.get('location')).toBe(`/api/v1/referrals/${referral.id}`);
    const query =
      'query($id: ID!) { referral(id: $id) { id status providerId municipalityCode history { status by } } }';

    const asJobcenter = await graphql(jobcenter, query, { id: referral.id });

    expect(asJobcenter.body.data?.referral).toMatchObject({
      id: referral.id,
      status: 'RECEIVED',
      municipalityCode: '101',
    });
    const asProvider = await graphql(provider, query, { id: referral.id });
    expect(asProvider.body.data?.referral).toMatchObject({ id: referral.id, providerId });
    expect((await rest(`/api/v1/referrals/${referral.id}`, provider)).status).toBe(200);

    const asOther = await graphql(otherProvider, query, { id: referral.id });
    expect(asOther.body).toEqual({ data: { referral: null } });
    expect((await rest(`/api/v1/referrals/${referral.id}`, otherProvider)).status).toBe(404);
    const list = (await (await rest('/api/v1/referrals', otherProvider)).json()) as { items: { id: string }[] };
    expect(list.items.map((r) => r.id)).not.toContain(referral.id);

    const asAnalyst = await graphql(analyst, query, { id: referral.id });
    expect(asAnalyst.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(asAnalyst.body.data?.referral ?? null).toBeNull();
    expect((await rest(`/api/v1/referrals/${referral.id}`, analyst)).status).toBe(403);
  });

  it('refuses a request without a valid token at the edge', async () => {
    const restResponse = await rest('/api/v1/referrals', undefined);
    expect(restResponse.status).toBe(401);
    expect(restResponse.headers.get('content-type')).toContain('application/problem+json');
    const forged = await graphql('not.a.token', '{ __typename }');
    expect(forged.status).toBe(401);
    expect(forged.body.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('propagates the request id and trace context to the service and into the Kafka headers', async () => {
    const traceId = randomBytes(16).toString('hex');
    const kafka = await ensureBroker();
    const probe = await new TopicProbe(kafka, [REFERRALS_TOPIC]).start();
    try {
      const { response, referral } = await createReferral({
        'x-request-id': 'e2e-trace-1',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      });
      expect(response.headers.get('x-request-id')).toBe('e2e-trace-1');
      await expectEventually(() => {
        const event = probe.messages.find((m) => m.key === referral.id);
        expect(event?.headers.traceparent).toContain(traceId);
      });
    } finally {
      await probe.stop();
    }
  });

  it.each([
    ['a syntax error', '{ referral(id: "x" { id } }', {}, /Syntax Error/],
    ['an unknown field', '{ referrals { edges { node { id salary } } } }', {}, /Cannot query field "salary"/],
    [
      'a wrong variable type',
      'query($first: Int) { referrals(first: $first) { pageInfo { hasNextPage } } }',
      { first: 'ten' },
      /Int cannot represent/,
    ],
  ])(
    'rejects %s with a GraphQL error and HTTP 400 before any service sees it',
    async (_label, query, variables, message) => {
      const before = await subgraphRequests();
      const { status, body } = await graphql(jobcenter, query, variables);
      expect(status).toBe(400);
      expect(body.errors?.[0].message).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/at .+\.(js|ts):\d+/);
      expect(await subgraphRequests()).toBe(before);
    },
  );

  it('routes REST to the owning service, serves the merged OpenAPI document and answers unknown paths with 404', async () => {
    const document = (await (await fetch(`${stack.gateway}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/referrals', '/api/v1/offers']));
    const docs = await fetch(`${stack.gateway}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const unknown = await rest('/api/v1/nothing-here', jobcenter);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  describe('no stall: the worst GraphQL inputs beside another client reading (issue 13, ADR 0070)', () => {
    const nestedJson = `${'['.repeat(900_000)}${']'.repeat(900_000)}`;
    /**
     * Each body is built once; its query starts with a comment `#@n` the attacker changes every time, which defeats
     * the gateway's parse and validation caches as a real attacker would.
     */
    const HOSTILE: [label: string, body: string][] = [
      ['8000 repeated fields', JSON.stringify({ query: `#@n\n{ scales { ${'code '.repeat(8000)}} }` })],
      ['500 repeated fields', JSON.stringify({ query: `#@n\n{ scales { ${'code '.repeat(500)}} }` })],
      [
        '3000 aliases',
        JSON.stringify({
          query: `#@n\n{ scales { ${Array.from({ length: 3000 }, (_, i) => `a${i}: code`).join(' ')} } }`,
        }),
      ],
      ['5000 directives', JSON.stringify({ query: `#@n\n{ scales { code ${'@include(if: true) '.repeat(5000)}} }` })],
      [
        'deep nesting',
        JSON.stringify({
          query: `#@n\n{ referrals { edges { node ${'{ placements { referral '.repeat(8)}{ id } ${'} } '.repeat(8)}} } }`,
        }),
      ],
      [
        'a 1.9 MB variable',
        JSON.stringify({
          query: `#@n\nquery($code: String!) { scales { code } }`,
          variables: { code: 'x'.repeat(1_900_000) },
        }),
      ],
      ['1.8 MB of nested variables', `{"query":"#@n\\n{ __typename }","variables":{"a":${nestedJson}}}`],
    ];

    /**
     * The hostile client in a worker thread of its own, so that building and sending its bodies never delays the
     * reader's event loop here: what is measured is the gateway, not the test.
     */
    const ATTACKER = `
      const { parentPort, workerData } = require('node:worker_threads');
      let attacking = true;
      parentPort.on('message', () => { attacking = false; });
      (async () => {
        const results = [];
        for (let n = 0; attacking; n += 1) {
          const [label, template] = workerData.bodies[n % workerData.bodies.length];
          const started = performance.now();
          const response = await fetch(workerData.url, {
            method: 'POST',
            body: template.replace('#@n', '#' + n),
            headers: {
              'content-type': 'application/json',
              accept: 'application/graphql-response+json',
              authorization: 'Bearer ' + workerData.token,
            },
          });
          const answer = await response.json();
          const ms = performance.now() - started;
          results.push({ label, status: response.status, ms, refused: (answer.errors || []).length > 0 && !answer.data });
        }
        parentPort.postMessage(results);
      })();
    `;

    const percentile = (values: number[], p: number) =>
      [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1];

    it('keeps p99 of simple reads at or below 100 ms while every hostile request is refused quickly', async () => {
      const attacker = await tokenFor('jobcenter', '101', 'hostile-client');
      const reader = await tokenFor('jobcenter', '101', 'reading-client');
      const readScales = () => rest('/api/v1/scales', reader);
      const readGraphQL = () => graphql(reader, '{ scales { code } }');
      const read = async (i: number) => {
        const started = performance.now();
        if (i % 2 === 0) expect((await readScales()).status).toBe(200);
        else expect((await readGraphQL()).body.errors).toBeUndefined();
        return performance.now() - started;
      };
      // The same reads without an attacker first: how fast this machine is right now.
      const baseline: number[] = [];
      for (let i = 0; i < 100; i += 1) baseline.push(await read(i));

      const worker = new Worker(ATTACKER, {
        eval: true,
        workerData: { url: `${stack.gateway}/graphql`, token: attacker, bodies: HOSTILE },
      });
      const refusals = new Promise<{ label: string; status: number; ms: number; refused: boolean }[]>((resolve) =>
        worker.once('message', resolve),
      );
      const latencies: number[] = [];
      for (let i = 0; i < 200; i += 1) latencies.push(await read(i));
      worker.postMessage('stop');
      const results = await refusals;
      await worker.terminate();

      const p99 = percentile(latencies, 99);
      const report = (label: string, ms: number[]) =>
        `${label}: n=${ms.length} p50=${percentile(ms, 50).toFixed(1)} p99=${percentile(ms, 99).toFixed(1)} ` +
        `max=${Math.max(...ms).toFixed(1)} ms`;
      console.log(
        [
          report('reads alone', baseline),
          report('reads under attack', latencies),
          ...HOSTILE.map(([label]) => {
            const mine = results.filter((r) => r.label === label);
            const statuses = [...new Set(mine.map((r) => r.status))].join(',');
            return `${report(
              label,
              mine.map((r) => r.ms),
            )} statuses=${statuses}`;
          }),
        ].join('\n'),
      );
      // The bounds: reads p99 <= 100 ms, refusals quick (1 s). On a machine already slower than half of that
      // without any attacker (the shared CI and development machines at times), twice its own p99 instead.
      const budget = (bound: number) => Math.max(bound, 2 * percentile(baseline, 99));
      expect(results.length).toBeGreaterThanOrEqual(HOSTILE.length);
      for (const result of results) {
        expect(result).toMatchObject({ refused: true });
        expect(result.status).toBeGreaterThanOrEqual(400);
        expect(result.status).toBeLessThan(500);
      }
      expect(
        percentile(
          results.map((r) => r.ms),
          99,
        ),
      ).toBeLessThan(budget(1000));
      expect(p99).toBeLessThanOrEqual(budget(100));
    });
  });

  describe('limits (a second gateway instance with tight settings, same services)', () => {
    let tight: Gateway;
    let url: string;

    beforeAll(async () => {
      const config = loadConfig(GatewayConfig, {
        ...process.env,
        REFERRALS_URL: stack.services.referrals,
        RATE_LIMIT_PER_MINUTE: '5',
        BODY_LIMIT_BYTES: '4096',
        GRAPHQL_MAX_DEPTH: '3',
        GRAPHQL_MAX_COST: '60',
        GRAPHQL_MAX_ALIASES: '50',
        CORS_ORIGINS: 'https://bi.example.dk',
      });
      tight = await createGateway(config, { logger: false });
      await tight.server.listen({ port: 0, host: '127.0.0.1' });
      const address = tight.server.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(() => tight?.close());

    const post = (path: string, body: string, token = jobcenter) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          authorization: `Bearer ${token}`,
        },
      });

    it('refuses queries that are too deep or too costly with 400', async () => {
      const before = await subgraphRequests();
      const deep = await post(
        '/graphql',
        JSON.stringify({ query: '{ referrals { edges { node { history { status } } } } }' }),
      );

      expect(deep.status).toBe(400);
      expect(((await deep.json()) as GraphQLBody).errors?.[0].message).toMatch(/depth/i);
      const fields = Array.from(
        { length: 40 },
        (_, i) => `a${i}: referral(id: "00000000-0000-4000-8000-000000000000") { id status }`,
      );
      const costly = await post('/graphql', JSON.stringify({ query: `{ ${fields.join(' ')} }` }));
      expect(costly.status).toBe(400);
      expect(((await costly.json()) as GraphQLBody).errors?.[0].message).toMatch(/cost/i);
      expect(await subgraphRequests()).toBe(before);
    });

    it('refuses a body over the limit with 413', async () => {
      const response = await post(
        '/api/v1/referrals',
        JSON.stringify({ padding: 'x'.repeat(10_000) }),
        await tokenFor('jobcenter', '147'),
      );
      expect(response.status).toBe(413);
    });

    it('allows the configured CORS origin only', async () => {
      const allowed = await fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://bi.example.dk', 'access-control-request-method': 'POST' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://bi.example.dk');
      const other = await fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('limits each client to its rate and says when to retry (429, Retry-After)', async () => {
      const client = await tokenFor('jobcenter', '851', 'rate-limited-client');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i += 1) {
        const response = await fetch(`${url}/api/v1/referrals`, { headers: { authorization: `Bearer ${client}` } });
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Another client is not affected.
      const another = await fetch(`${url}/api/v1/referrals`, {
        headers: { authorization: `Bearer ${await tokenFor('jobcenter', '851', 'another')}` },
      });
      expect(another.status).toBe(200);
    });
  });
  /** A client sending hostile requests one after another in a worker thread; posts back each answer and its time. */
  const ATTACKER = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const answers = [];
      for (let round = 0; round < workerData.rounds; round++) {
        for (const h of workerData.requests) {
          const started = performance.now();
          const response = await fetch(workerData.base + h.path, {
            method: 'POST',
            body: h.raw,
            headers: { 'content-type': 'application/json', authorization: 'Bearer ' + h.token, ...h.headers },
          });
          const body = await response.json();
          const fields = (body.errors || []).map((e) => e.field);
          answers.push({ name: h.name, status: response.status, ms: performance.now() - started, fields });
        }
      }
      parentPort.postMessage(answers);
    })();
  `;
  interface Answer {
    name: string;
    status: number;
    ms: number;
    fields: string[];
  }

  describe('hostile REST input (issue 13): refused quickly with a 4xx, other clients keep their latency', () => {
    const BODY_LIMIT = 2 * 1024 * 1024;
    const entries = (n: number) => `[${Array(n).fill('{}').join(',')}]`;
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const hostile = (admin: string, placementId: string) => [
      // 100,000 empty logbook entries (293 kB): took placements 2.7–6.5 s before the limits were read before transform.
      {
        name: 'logbook, 100k entries',
        path: `/api/v1/placements/${placementId}/logbook`,
        token: provider,
        raw: `{"entries":${entries(100_000)}}`,
        status: 400,
        field: 'entries',
      },
      // 100,000 dimensions of a new scale as admin: took progression 7.8 s.
      {
        name: 'scale, 100k dimensions',
        path: '/api/v1/scales',
        token: admin,
        raw: `{"code":"HOSTILE","name":"x","dimensions":${entries(100_000)}}`,
        status: 400,
        field: 'dimensions',
      },
      {
        name: 'JSON nested 100k deep',
        path: '/api/v1/referrals',
        token: jobcenter,
        raw: `{"externalRef":${deep(100_000)}}`,
        status: 400,
        field: '',
      },
      {
        name: 'a string filling the body limit',
        path: '/api/v1/referrals',
        token: jobcenter,
        raw: `{"externalRef":"${'x'.repeat(BODY_LIMIT - 100)}"}`,
        status: 400,
        field: 'externalRef',
      },
      {
        name: 'one byte over the body limit',
        path: '/api/v1/referrals',
        token: jobcenter,
        raw: `{"externalRef":"${'x'.repeat(BODY_LIMIT)}"}`,
        status: 413,
      },
      {
        name: 'a 10 kB If-Match',
        path: `/api/v1/placements/${placementId}/logbook`,
        token: provider,
        raw: '{"entries":[]}',
        headers: { 'if-match': `"${'x'.repeat(10_000)}"` },
        status: 400,
        field: 'If-Match',
      },
    ];

    it('answers each hostile request with its 4xx within a second while GET /scales keeps p99 ≤ 100 ms', async () => {
      const admin = await tokenFor('admin');
      const placementId = '0b5c4c4e-8f5e-4d8a-9a57-1f0a6b3c2d10';
      const read = async () => {
        const started = performance.now();
        const response = await rest('/api/v1/scales', jobcenter);
        await response.arrayBuffer();
        expect(response.status).toBe(200);
        return performance.now() - started;
      };
      for (let i = 0; i < 20; i++) await read(); // warm: connections, JIT, caches
      // The same reads without an attacker: how fast this machine is right now.
      const baseline: number[] = [];
      for (let i = 0; i < 100; i++) baseline.push(await read());
      baseline.sort((a, b) => a - b);
      // Built once, before the clock runs.
      const requests = hostile(admin, placementId);
      let hostileDone = false;
      const reader = async () => {
        const latencies: number[] = [];
        while (!hostileDone) latencies.push(await read());
        return latencies;
      };
      const reading = reader();
      // The attacker is another client with its own event loop, so its work does not count against the reader.
      const attackers = [0].map(
        () => new Worker(ATTACKER, { eval: true, workerData: { base: stack.gateway, rounds: 10, requests } }),
      );
      const answers = (
        await Promise.all(
          attackers.map(
            (worker) =>
              new Promise<Answer[]>((resolve, reject) => {
                worker.once('message', resolve);
                worker.once('error', reject);
              }),
          ),
        ).finally(() => (hostileDone = true))
      ).flat();
      await Promise.all(attackers.map((worker) => worker.terminate()));
      const latencies = (await reading).sort((a, b) => a - b);
      const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
      const p99 = at(latencies, 0.99);
      console.log(
        `GET /scales alone: p50 ${at(baseline, 0.5).toFixed(1)} p99 ${at(baseline, 0.99).toFixed(1)} ms; ` +
          `under hostile REST input: n=${latencies.length} p50 ${at(latencies, 0.5).toFixed(1)} p99 ${p99.toFixed(1)} ms`,
      );

      for (const answer of answers) {
        const h = requests.find((e) => e.name === answer.name)!;
        expect({ name: answer.name, status: answer.status }).toEqual({ name: h.name, status: h.status });
        if (h.field !== undefined) expect(answer.fields).toContain(h.field);
        expect({ name: answer.name, fast: answer.ms < 1000 }).toEqual({ name: h.name, fast: true });
      }
      expect(answers).toHaveLength(10 * requests.length);
      expect(latencies.length).toBeGreaterThan(20);
      // The bound, 100 ms; on a machine already slower than half of that without any attacker (a loaded
      // shared machine), twice its own p99 instead — as the GraphQL stall test above.
      expect(p99).toBeLessThanOrEqual(Math.max(100, 2 * at(baseline, 0.99)));
    });
  });
});
