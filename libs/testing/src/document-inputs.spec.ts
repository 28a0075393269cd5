import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './env';
import {
  applyAll,
  operationsOf,
  planGraphql,
  planRest,
  readSupergraph,
  serialiseBody,
  type Ids,
  type OpenApiDocument,
} from './document-inputs';

const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'contracts', 'openapi.json'), 'utf8')) as OpenApiDocument;
const supergraph = readSupergraph(readFileSync(join(REPO_ROOT, 'services', 'gateway', 'supergraph.graphql'), 'utf8'));
const ids: Ids = {
  today: '2026-12-01',
  byName: (name) => (name.includes('/') ? '6acc745b-d47e-48fe-889e-3eff843864ec' : undefined),
};

describe('bad inputs generated from the documents', () => {
  it('plans 300 inputs for every REST operation, and writes without a path id always carry an invalid mutation', () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThanOrEqual(43);
    for (const operation of operations) {
      const plan = planRest(doc, operation, ids, 300, 7);
      expect(plan.inputs).toHaveLength(300);
      const hasPathId = operation.parameters.some((p) => p.in === 'path');
      if (operation.write && !hasPathId) {
        expect(plan.inputs.filter((i) => i.expect === 'lenient').map((i) => i.mutations)).toEqual([]);
      }
      for (const input of plan.inputs.slice(0, 20)) {
        const { input: mutated } = applyAll(plan.seed, input.mutations);
        expect(() => serialiseBody(mutated.body, () => null)).not.toThrow();
      }
    }
  });

  it('plans 300 variable sets for every GraphQL mutation of the supergraph', () => {
    expect(supergraph.mutations.length).toBeGreaterThanOrEqual(17);
    for (const mutation of supergraph.mutations) {
      const plan = planGraphql(supergraph, mutation, ids, 300, 7);
      expect(plan.inputs).toHaveLength(300);
      expect(plan.query).toContain(mutation.name);
    }
  });

  it('sets keys like __proto__ as own properties, as JSON.parse does', () => {
    const { input } = applyAll({ path: {}, query: {}, headers: {}, body: { a: 1 } }, [
      { where: 'body', path: ['__proto__'], op: 'set', value: { isAdmin: true }, expect: 'invalid', label: 'key' },
    ]);
    expect(serialiseBody(input.body, () => null)).toBe('{"a":1,"__proto__":{"isAdmin":true}}');
  });
});
