import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayConfig } from './config';
import { createGateway, type Gateway } from './gateway';

describe('GET /api/asyncapi.json', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    // No service is running: the gateway starts anyway (REST routes are learnt later); the document is static.
    const config = Object.assign(new GatewayConfig(), {
      REFERRALS_URL: 'http://127.0.0.1:1',
      PLACEMENTS_URL: 'http://127.0.0.1:1',
      PROGRESSION_URL: 'http://127.0.0.1:1',
      REPORTING_URL: 'http://127.0.0.1:1',
      AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
      AUTH_ISSUER: 'test',
      AUTH_AUDIENCE: 'test',
    });
    gateway = await createGateway(config, { logger: false });
  });

  afterAll(() => gateway.close());

  it('serves the checked-in event contract without a token, next to the OpenAPI document', async () => {
    const response = await gateway.server.inject({ method: 'GET', url: '/api/asyncapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const checkedIn = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'libs', 'contracts', 'asyncapi.json'), 'utf8'),
    );
    expect(response.json()).toEqual(checkedIn);
    expect(response.json()).toMatchObject({
      asyncapi: '3.0.0',
      channels: { referralsEventsV1: { address: 'referrals.events.v1' } },
    });
  });
});
