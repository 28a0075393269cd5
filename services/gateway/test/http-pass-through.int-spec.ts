import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@platform/http';
import { loadDevEnv, tokenFor } from '@platform/testing';
import { GatewayConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/gateway';

/**
 * The gateway's own HTTP handling, without the platform behind it: a stand-in service declares one REST route and
 * reads every body it gets. Whatever framing a client chooses, the gateway answers 2xx (passed through) or 4xx, never
 * a 5xx of its own (issue 12, item 6).
 */
const LIMIT = 64 * 1024;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('the gateway passes HTTP through', () => {
  let upstream: Server;
  let gateway: Gateway;
  let port: number;
  let token: string;
  const received: number[] = [];

  beforeAll(async () => {
    loadDevEnv();
    upstream = createServer((req, res) => {
      if (req.url === '/api/openapi.json') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            openapi: '3.0.0',
            info: { title: 's', version: '1' },
            paths: { '/api/v1/echo': { post: {} } },
          }),
        );
        return;
      }
      // Like a service: an over-limit body is refused half-way and the connection cut.
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > LIMIT && !res.headersSent) {
          res.writeHead(413, { connection: 'close' }).end();
          req.socket.destroy();
        }
      });
      req.on('end', () => {
        received.push(bytes);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ bytes }));
      });
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const config = loadConfig(GatewayConfig, {
      ...process.env,
      REFERRALS_URL: upstreamUrl,
      BODY_LIMIT_BYTES: String(LIMIT),
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    gateway = await createGateway(config, { logger: false });
    await gateway.server.listen({ port: 0, host: '127.0.0.1' });
    port = (gateway.server.server.address() as AddressInfo).port;
    token = await tokenFor('jobcenter', '101');
  });
  afterAll(async () => {
    await gateway?.close();
    upstream?.close();
  });

  /** One request with node's http client; `chunks` are written one by one (chunked unless content-length is set). */
  const send = (headers: Record<string, string>, chunks: Buffer[], expectContinue = false): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/echo',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      const write = () => {
        for (const chunk of chunks) req.write(chunk);
        req.end();
      };
      if (expectContinue) req.on('continue', write);
      else write();
    });

  const json = (bytes: number): Buffer => Buffer.from(`{"pad":"${'x'.repeat(bytes - 10)}"}`);

  it('answers a request with Expect: 100-continue: 100 Continue, then the upstream answer', async () => {
    const body = json(LIMIT / 2);
    const answer = await send({ expect: '100-continue', 'content-length': String(body.length) }, [body], true);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ bytes: body.length });
  });

  it('answers 413 to Expect: 100-continue over the limit without reading the body', async () => {
    const body = json(LIMIT * 2);
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/echo',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          expect: '100-continue',
          'content-length': String(body.length),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('continue', () => req.end(body));
      req.on('error', reject);
    });
    expect(answer).toBe(413);
  });

  it('answers 413 to every chunked body over the limit (8 of 8)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const chunks = Array.from({ length: 8 }, () => Buffer.alloc(LIMIT / 4, 0x20));
      const answer = await send({ 'transfer-encoding': 'chunked' }, chunks).catch(() => ({ status: -1 }) as Answer);
      statuses.push(answer.status);
    }
    expect(statuses).toEqual(Array(8).fill(413));
  });

  it('passes a chunked body under the limit through whole', async () => {
    const chunks = Array.from({ length: 4 }, () => Buffer.alloc(LIMIT / 8, 0x20));
    const answer = await send({ 'transfer-encoding': 'chunked' }, chunks);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ bytes: LIMIT / 2 });
  });

  /** Raw bytes on a socket: what a broken or hostile client can send. */
  const raw = (text: string, endAfterWrite = true): Promise<string> =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString('latin1');
        // A kept-alive connection stays open: the head of the answer is enough.
        if (!endAfterWrite && answer.includes('\r\n\r\n')) socket.destroy();
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
      socket.write(text, () => {
        if (endAfterWrite) socket.end();
      });
      setTimeout(() => socket.destroy(), 3000);
    });
  const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

  it('answers 4xx, never 5xx, to bad framing, oversized headers and short bodies', async () => {
    const auth = `Authorization: Bearer ${token}\r\n`;
    const head = `POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\n`;
    const cases: Record<string, string> = {
      'both content-length and chunked': `${head}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      'bad chunk size': `${head}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
      'bad content-length': `${head}Content-Length: abc\r\n\r\n{}`,
      'oversized header': `${head}X-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`,
      'declared over the limit': `${head}Content-Length: ${LIMIT + 1}\r\n\r\n{}`,
    };
    const statuses: Record<string, number> = {};
    for (const [name, text] of Object.entries(cases)) statuses[name] = statusOf(await raw(text));
    for (const [name, status] of Object.entries(statuses)) {
      expect({ name, clientError: status >= 400 && status < 500 }).toEqual({ name, clientError: true });
    }
  });

  it('forwards requests carrying hop-by-hop headers, and a GET with a body, without them', async () => {
    const auth = `Authorization: Bearer ${token}\r\n`;
    const cases: Record<string, string> = {
      'keep-alive and te': `POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nConnection: keep-alive, x-foo\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nX-Foo: 1\r\nContent-Length: 2\r\n\r\n{}`,
      upgrade: `POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 2\r\n\r\n{}`,
      'get with a body': `GET /api/v1/echo HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
    };
    const statuses: Record<string, number> = {};
    for (const [name, text] of Object.entries(cases)) statuses[name] = statusOf(await raw(`${text}`, false));
    expect(statuses).toEqual({ 'keep-alive and te': 200, upgrade: 200, 'get with a body': 200 });
  });

  it('answers 417 to an expectation it cannot meet', async () => {
    const body = Buffer.from('{}');
    const answer = await send({ expect: 'something-else', 'content-length': '2' }, [body]);
    expect(answer.status).toBe(417);
  });

  it('does not answer 5xx when a client aborts its body half-way', async () => {
    const head =
      `POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"pad":"`;
    const answer = await raw(head);
    // The client went away: no answer is needed, but none may be a 5xx.
    expect(statusOf(answer) < 500).toBe(true);
  });
});
