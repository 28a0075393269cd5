import { request } from 'node:http';
import { metricsRegistry, operationLabel, serveMetrics } from './metrics';

describe('metrics', () => {
  it('labels GraphQL operations with bounded cardinality', () => {
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('')).toBe('anonymous');
    expect(operationLabel('ReferralById')).toBe('ReferralById');
    expect(operationLabel('not a name; DROP')).toBe('other');
    expect(operationLabel({ toString: () => 'x' })).toBe('other');
    expect(operationLabel('x'.repeat(65))).toBe('other');
    // Names beyond the cap collapse; the ones seen before keep their label.
    for (let i = 0; i < 300; i++) operationLabel(`Generated${i}`);
    expect(operationLabel('Generated250')).toBe('other');
    expect(operationLabel('ReferralById')).toBe('ReferralById');
  });

  it('reports the memory limit the alert divides by', async () => {
    const text = await metricsRegistry.getSingleMetricAsString('process_memory_limit_bytes');
    expect(Number(/^process_memory_limit_bytes (\d+)/m.exec(text)?.[1])).toBeGreaterThan(0);
  });

  it('serves /metrics on its own port, and nothing else there', async () => {
    const server = await serveMetrics(0, '127.0.0.1');
    const { port } = server.address() as { port: number };
    const get = (path: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }),
          );
        })
          .on('error', reject)
          .end();
      });
    try {
      const metrics = await get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.type).toContain('text/plain');
      expect(metrics.body).toContain('# TYPE http_request_duration_seconds histogram');
      expect((await get('/api/v1/referrals')).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
