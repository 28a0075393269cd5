import { breakingChanges, type Document } from './openapi-breaking';

const base = (): Document =>
  JSON.parse(
    JSON.stringify({
      paths: {
        '/api/v1/referrals/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
            responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/R' } } } } },
          },
        },
        '/api/v1/referrals': {
          post: {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Create' } } },
            },
            responses: { '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/R' } } } } },
          },
        },
      },
      components: {
        schemas: {
          R: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string' } } },
          Create: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string' },
              kind: { type: 'string', enum: ['A', 'B'] },
              hours: { type: 'number' },
              note: { type: 'string' },
            },
          },
        },
      },
    }),
  ) as Document;

describe('breakingChanges', () => {
  it('finds nothing between a document and itself, nor when things are only added', () => {
    expect(breakingChanges(base(), base())).toEqual([]);
    const next = base();
    next.paths!['/api/v1/offers'] = { get: { responses: {} } };
    next.components!.schemas!.R.properties!.extra = { type: 'string' };
    next.components!.schemas!.Create.properties!.kind.enum!.push('C');
    expect(breakingChanges(base(), next)).toEqual([]);
  });

  it('reports a removed path and a removed operation', () => {
    const next = base();
    delete next.paths!['/api/v1/referrals/{id}'];
    expect(breakingChanges(base(), next)).toEqual(['/api/v1/referrals/{id}: path removed']);
    const other = base();
    other.paths!['/api/v1/referrals'] = { get: {} };
    expect(breakingChanges(base(), other)).toEqual(['POST /api/v1/referrals: operation removed']);
  });

  it('reports a removed response property behind a $ref', () => {
    const next = base();
    delete next.components!.schemas!.R.properties!.status;
    expect(breakingChanges(base(), next)).toEqual([
      'GET /api/v1/referrals/{id} 200.status: response property removed',
      'POST /api/v1/referrals 201.status: response property removed',
    ]);
  });

  it('reports a new required request property and a new required parameter', () => {
    const next = base();
    next.components!.schemas!.Create.required!.push('note');
    (next.paths!['/api/v1/referrals/{id}'].get as { parameters: unknown[] }).parameters.push({
      name: 'since',
      in: 'query',
      required: true,
      schema: { type: 'string' },
    });
    expect(breakingChanges(base(), next)).toEqual([
      'GET /api/v1/referrals/{id} query parameter since: new required parameter',
      'POST /api/v1/referrals body.note: new required request property',
    ]);
  });

  it('reports a narrowed type or enum in a request, but not number widened or integer in a response', () => {
    const next = base();
    next.components!.schemas!.Create.properties!.hours = { type: 'integer' };
    next.components!.schemas!.Create.properties!.kind.enum = ['A'];
    expect(breakingChanges(base(), next)).toEqual([
      'POST /api/v1/referrals body.kind: enum value(s) removed: B',
      'POST /api/v1/referrals body.hours: type narrowed from number to integer',
    ]);
  });
});
