import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, SUPERGRAPH_FILE, subgraphsIn, supergraphFor } from './supergraph';

const REPO_ROOT = join(__dirname, '..', '..', '..');

describe('the static supergraph', () => {
  it('is what the checked-in subgraph schemas compose to (npm run supergraph rewrites it)', () => {
    const composed = composeSupergraph(REPO_ROOT);
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SUPERGRAPH_FILE, composed);
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composed);
  });

  it('gets each subgraph address from configuration, not from the file', () => {
    const supergraph = supergraphFor({
      referrals: 'http://10.0.0.1:3001/',
      placements: 'http://p:1',
      progression: 'http://q:1',
      reporting: 'http://r:1',
    });
    expect(supergraph).toContain('url: "http://10.0.0.1:3001/graphql"');
    expect(subgraphsIn(supergraph)).toContain('referrals');
    expect(() => supergraphFor({})).toThrow(/No address configured for subgraph \w+/);
  });
});
