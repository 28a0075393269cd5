import { retryAfterMs, retryingFetch } from './index';

/** A fetch that answers from a script and records what it was sent. */
function scripted(...answers: (Response | Error)[]) {
  const sent: { method: string; key: string | null; body: string }[] = [];
  const fetch = async (request: Request) => {
    sent.push({ method: request.method, key: request.headers.get('idempotency-key'), body: await request.text() });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, sent };
}

const post = (headers: Record<string, string> = {}) =>
  new Request('http://gateway.test/api/v1/referrals', { method: 'POST', headers, body: '{"a":1}' });
const unavailable = (retryAfter = '0') => new Response('{}', { status: 503, headers: { 'retry-after': retryAfter } });

describe('the client’s retries', () => {
  it('gives a POST a key and sends the same key and body again after a 503, a network error and a 429', async () => {
    const { fetch, sent } = scripted(
      unavailable(),
      new TypeError('socket hang up'),
      new Response('{}', { status: 429, headers: { 'retry-after': '0' } }),
      new Response('{"id":"x"}', { status: 201 }),
    );
    const response = await retryingFetch({ fetch, maxRetryDelayMs: 5 })(post());
    expect(response.status).toBe(201);
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((s) => s.key)).size).toBe(1);
    expect(sent[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.every((s) => s.body === '{"a":1}')).toBe(true);
  });

  it('keeps a key the caller chose, and gives no key to a GET', async () => {
    const mine = scripted(new Response('{}', { status: 201 }));
    await retryingFetch({ fetch: mine.fetch })(post({ 'idempotency-key': 'my-key' }));
    expect(mine.sent[0].key).toBe('my-key');
    const get = scripted(new Response('{}', { status: 200 }));
    await retryingFetch({ fetch: get.fetch })(new Request('http://gateway.test/api/v1/offers'));
    expect(get.sent[0].key).toBeNull();
  });

  it('answers a final 4xx at once and gives up after the last retry', async () => {
    const refused = scripted(new Response('{}', { status: 422 }));
    expect((await retryingFetch({ fetch: refused.fetch })(post())).status).toBe(422);
    expect(refused.sent).toHaveLength(1);
    const down = scripted(unavailable(), unavailable(), unavailable());
    expect((await retryingFetch({ fetch: down.fetch, retries: 2, maxRetryDelayMs: 1 })(post())).status).toBe(503);
    expect(down.sent).toHaveLength(3);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:05 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
