import { request } from 'node:http';
import { PlatformClient, ReferralBuilder, startStack, type Stack } from '@platform/testing';

jest.setTimeout(180_000);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Issue 12, item 6, against the running platform (default BODY_LIMIT_BYTES of 2 MiB at the gateway and in every
 * service): a body curl sends with `Expect: 100-continue` goes through; a chunked body over the limit is a 413 every
 * time; and the ETag / If-Match / If-None-Match of ADR 0062 pass the gateway unchanged.
 */
describe('HTTP through the gateway to the running services', () => {
  let stack: Stack;
  let actors: Awaited<ReturnType<PlatformClient['actors']>>;
  const LIMIT = 2 * 1024 * 1024;

  beforeAll(async () => {
    // Every request here is one client's: keep the rate limit out of the way.
    stack = await startStack({ RATE_LIMIT_PER_MINUTE: '100000' });
    actors = await new PlatformClient(stack.gateway).actors();
  });
  afterAll(() => stack?.stop());

  /** node's http client, as curl does it: `Expect: 100-continue` and the body only after the 100 (or none at all). */
  const send = (
    method: string,
    path: string,
    token: string,
    options: { body?: Buffer[]; headers?: Record<string, string>; expectContinue?: boolean } = {},
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, stack.gateway);
      const req = request({
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...options.headers },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      const write = () => {
        for (const chunk of options.body ?? []) req.write(chunk);
        req.end();
      };
      if (options.expectContinue) req.on('continue', write);
      else write();
    });

  it('passes a valid 1.5 MiB batch sent with Expect: 100-continue: 200 and every item created', async () => {
    const items = Array.from({ length: 100 }, () =>
      ReferralBuilder.valid()
        .forProvider(actors.provider.id, actors.provider.offerId)
        .with({ focusPoints: Array.from({ length: 15 }, (_, i) => `${i}: ${'Fokus på fremmøde. '.repeat(52)}`) })
        .build(),
    );
    const body = Buffer.from(JSON.stringify({ items }));
    expect(body.length).toBeGreaterThan(1.5 * 1024 * 1024);
    expect(body.length).toBeLessThan(LIMIT);
    const answer = await send('POST', '/api/v1/referrals/batch', actors.jobcenter, {
      body: [body],
      headers: { expect: '100-continue', 'content-length': String(body.length) },
      expectContinue: true,
    });
    expect(answer.status).toBe(200);
    const { results } = JSON.parse(answer.body) as { results: { status: number }[] };
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
  });

  it('answers 413 to a chunked body over the limit, 8 of 8 times', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const chunks = Array.from({ length: 10 }, () => Buffer.alloc(LIMIT / 8, 0x20));
      const answer = await send('POST', '/api/v1/referrals/batch', actors.jobcenter, {
        body: chunks,
        headers: { 'transfer-encoding': 'chunked' },
      }).catch((error: Error) => ({ status: -1, headers: {}, body: error.message }));
      statuses.push(answer.status);
    }
    expect(statuses).toEqual(Array(8).fill(413));
  });

  it('answers 413 before the upload to Expect: 100-continue with a length over the limit', async () => {
    const answer = await send('POST', '/api/v1/referrals/batch', actors.jobcenter, {
      body: [Buffer.alloc(LIMIT + 1, 0x20)],
      headers: { expect: '100-continue', 'content-length': String(LIMIT + 1) },
      expectContinue: true,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
  });

  it('passes ETag, If-None-Match (304) and If-Match (412) through', async () => {
    const created = await send('POST', '/api/v1/referrals', actors.jobcenter, {
      body: [
        Buffer.from(
          JSON.stringify(ReferralBuilder.valid().forProvider(actors.provider.id, actors.provider.offerId).build()),
        ),
      ],
    });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };
    const etag = created.headers.etag as string;
    expect(etag).toBe(`"${id}:1"`);
    const read = await send('GET', `/api/v1/referrals/${id}`, actors.jobcenter, { headers: { 'if-none-match': etag } });
    expect(read).toMatchObject({ status: 304, body: '' });
    const accepted = await send('POST', `/api/v1/referrals/${id}/accept`, actors.provider.token, {
      body: [Buffer.from('{}')],
      headers: { 'if-match': etag },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.etag).toBe(`"${id}:2"`);
    const stale = await send('POST', `/api/v1/referrals/${id}/reject`, actors.provider.token, {
      body: [Buffer.from(JSON.stringify({ reason: 'NO_CAPACITY' }))],
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
  });
});
