import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@platform/http';
import { loadDevEnv, tokenFor } from '@platform/testing';
import { GatewayConfig, trustProxyOf } from '../src/config';
import { createGateway, isExpensive, type Gateway } from '../src/gateway';

jest.setTimeout(60_000);

/**
 * The gateway's rate limits without the platform behind it (ADR 0071, issue 13): a stand-in service declares an
 * ordinary route, a batch write and an export, and answers 200 to everything it receives.
 */
describe('the gateway limits who may knock, and how often', () => {
  let upstream: Server;
  let upstreamUrl: string;
  const gateways: Gateway[] = [];

  /** A gateway on a free port with these settings (every other service pointed at a closed port). */
  const start = async (settings: Record<string, string>): Promise<string> => {
    const config = loadConfig(GatewayConfig, {
      ...process.env,
      REFERRALS_URL: upstreamUrl,
      PLACEMENTS_URL: 'http://127.0.0.1:9',
      PROGRESSION_URL: 'http://127.0.0.1:9',
      REPORTING_URL: 'http://127.0.0.1:9',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...settings,
    });
    const gateway = await createGateway(config, { logger: false });
    gateways.push(gateway);
    await gateway.server.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(gateway.server.server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    loadDevEnv();
    upstream = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/openapi.json') {
        res.end(
          JSON.stringify({
            openapi: '3.0.0',
            info: { title: 's', version: '1' },
            paths: {
              '/api/v1/echo': { get: {} },
              '/api/v1/measurements/batch': { post: {} },
              '/api/v1/reports/courses.csv': { get: {} },
            },
          }),
        );
        return;
      }
      req.resume();
      req.on('end', () => res.end('{"ok":true}'));
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    upstream?.close();
  });

  const get = (url: string, path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  describe('requests without a valid token, by client address', () => {
    let url: string;
    beforeAll(async () => {
      url = await start({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5' });
    });

    it('answers 401 up to the limit, then 429 problem+json with Retry-After, however the token is wrong', async () => {
      const forged = `Bearer ${await tokenFor('jobcenter', '101')}`.replace(/\.[^.]+$/, '.forged');
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer not-a-jwt' },
        { authorization: forged },
        { authorization: 'Basic x' },
      ];
      const statuses: number[] = [];
      let refused: Response | undefined;
      for (let i = 0; i < 12; i++) {
        const response = await get(url, '/api/v1/echo', attempts[i % attempts.length]);
        statuses.push(response.status);
        if (response.status === 429) refused = response;
        else await response.arrayBuffer();
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
      expect(refused!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused!.json()).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    });

    it('limits GraphQL from the same address alike (a GraphQL error with code TOO_MANY_REQUESTS)', async () => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    });

    it('does not let a client escape by claiming another address in X-Forwarded-For (no proxy trusted)', async () => {
      const response = await get(url, '/api/v1/echo', { 'x-forwarded-for': '203.0.113.77' });
      expect(response.status).toBe(429);
    });

    it('leaves an authenticated client from the same address alone', async () => {
      const response = await get(url, '/api/v1/echo', bearer(await tokenFor('jobcenter', '101')));
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe('100000');
    });
  });

  describe('behind a trusted load balancer', () => {
    it('counts each client address the proxy reports (TRUST_PROXY=1), not the proxy itself', async () => {
      const url = await start({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2', TRUST_PROXY: '1' });
      const from = async (client: string) => {
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          const response = await get(url, '/api/v1/echo', { 'x-forwarded-for': client });
          statuses.push(response.status);
          await response.arrayBuffer();
        }
        return statuses;
      };
      expect(await from('198.51.100.1')).toEqual([401, 401, 429]);
      expect(await from('198.51.100.2')).toEqual([401, 401, 429]);
      // A spoofed address the client put in front is not believed: only the hop the proxy added counts.
      expect(await from('10.9.9.9, 198.51.100.1')).toEqual([429, 429, 429]);
    });
  });

  describe('expensive operations, per tenant', () => {
    let url: string;
    beforeAll(async () => {
      url = await start({ RATE_LIMIT_EXPENSIVE_PER_MINUTE: '3' });
    });

    it('limits batch writes and exports of one tenant together, not another tenant or ordinary requests', async () => {
      const first = bearer(await tokenFor('jobcenter', '101', 'system-a'));
      const sameTenant = bearer(await tokenFor('jobcenter', '101', 'system-b'));
      const otherTenant = bearer(await tokenFor('jobcenter', '147', 'system-c'));
      const batch = (headers: Record<string, string>) =>
        fetch(`${url}/api/v1/measurements/batch`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{"items":[]}',
        });
      const statuses = [
        (await batch(first)).status,
        (await batch(first)).status,
        (await get(url, '/api/v1/reports/courses.csv', first)).status,
        (await batch(first)).status,
        (await get(url, '/api/v1/reports/courses.csv', sameTenant)).status,
      ];
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await batch(sameTenant);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({
        type: '/problems/too-many-requests',
        detail: expect.stringContaining('per tenant'),
      });
      expect((await batch(otherTenant)).status).toBe(200);
      expect((await get(url, '/api/v1/echo', first)).status).toBe(200);
    });
  });

  it('knows which operations are expensive and how to read TRUST_PROXY', () => {
    expect(isExpensive('GET', '/api/v1/reports/courses.csv?municipalityCode=101')).toBe(true);
    expect(isExpensive('POST', '/api/v1/referrals/batch')).toBe(true);
    expect(isExpensive('POST', '/api/v1/measurements/batch')).toBe(true);
    expect(isExpensive('GET', '/api/v1/referrals')).toBe(false);
    expect(isExpensive('POST', '/api/v1/referrals')).toBe(false);
    expect(trustProxyOf('')).toBe(false);
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf('10.0.0.0/8, 192.168.1.1')).toEqual(['10.0.0.0/8', '192.168.1.1']);
    const hops = trustProxyOf('1') as (address: string, hop: number) => boolean;
    expect([hops('10.0.0.1', 0), hops('10.0.0.1', 1)]).toEqual([true, false]);
  });
});
