import { mergeOpenApi, RestRoutes, type OpenApiDocument } from './rest-routes';

const doc = (paths: string[], schemas: Record<string, unknown> = {}): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: Object.fromEntries(paths.map((p) => [p, { get: {} }])),
  components: { schemas },
});

describe('REST routing from the services’ OpenAPI documents', () => {
  const documents = {
    referrals: doc(['/api/v1/referrals', '/api/v1/referrals/{id}', '/api/v1/referrals/{id}/accept', '/api/v1/offers']),
    placements: doc(['/api/v1/referrals/{id}/placements', '/api/v1/placements/{id}']),
    progression: doc(['/api/v1/referrals/{id}/measurements', '/api/v1/measurements/batch']),
  };
  const routes = RestRoutes.from(documents);

  it.each([
    ['/api/v1/referrals', 'referrals'],
    ['/api/v1/referrals/', 'referrals'],
    ['/api/v1/referrals/0b9c1a7e-0000-4000-8000-000000000000', 'referrals'],
    ['/api/v1/referrals/abc/accept', 'referrals'],
    ['/api/v1/referrals/abc/placements', 'placements'],
    ['/api/v1/placements/abc', 'placements'],
    ['/api/v1/referrals/abc/measurements', 'progression'],
    ['/api/v1/measurements/batch', 'progression'],
  ])('%s → %s', (path, service) => {
    expect(routes.serviceOf(path)).toBe(service);
  });

  it('names the template a path matches: the route label of metrics and access lines, never the concrete path', () => {
    expect(routes.match('/api/v1/referrals/0b9c1a7e-0000-4000-8000-000000000000')).toEqual({
      service: 'referrals',
      template: '/api/v1/referrals/{id}',
    });
    expect(routes.match('/api/v1/referrals/abc/placements/')).toEqual({
      service: 'placements',
      template: '/api/v1/referrals/{id}/placements',
    });
    expect(routes.match('/api/v1/nothing/here')).toBeUndefined();
  });

  it('knows no owner for paths no service declares', () => {
    expect(routes.serviceOf('/api/v1/unknown')).toBeUndefined();
    expect(routes.serviceOf('/api/v1/referrals/a/b/c')).toBeUndefined();
  });

  it('merges paths, schemas and tags into one document', () => {
    const merged = mergeOpenApi({
      referrals: doc(['/api/v1/referrals'], { CreateReferralDto: { type: 'object' } }),
      placements: doc(['/api/v1/placements/{id}'], { Placement: { type: 'object' } }),
    });
    expect(Object.keys(merged.paths!)).toEqual(['/api/v1/placements/{id}', '/api/v1/referrals']); // by service name
    expect(Object.keys(merged.components!.schemas!)).toEqual(
      expect.arrayContaining(['CreateReferralDto', 'Placement']),
    );
    expect(merged.tags!.map((t) => t.name)).toEqual(['placements', 'referrals']);
  });
});

describe('mergeOpenApi is deterministic', () => {
  it('gives the same document whatever order the services answered in', () => {
    const doc = (path: string, tag: string) => ({
      openapi: '3.1.0',
      info: { title: tag, version: '1' },
      paths: { [path]: { get: { responses: { '200': { description: 'ok' } } } } },
      tags: [{ name: tag, description: tag }],
    });
    const a = mergeOpenApi({ referrals: doc('/a', 'a'), placements: doc('/b', 'b') });
    const b = mergeOpenApi({ placements: doc('/b', 'b'), referrals: doc('/a', 'a') });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.paths!['/a'].get).toMatchObject({ responses: { '429': { description: expect.any(String) } } });
  });
});
