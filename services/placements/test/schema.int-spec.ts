import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { startPlacements, type PlacementsHarness } from './harness';

jest.setTimeout(60_000);

const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

/**
 * The gateway composes a static supergraph from the subgraphs' SDL files; this fails when the live SDL of the
 * placements subgraph differs from services/placements/schema.graphql (both prettier-formatted). `UPDATE_SDL=1`
 * rewrites the file.
 */
describe('placements subgraph SDL', () => {
  let h: PlacementsHarness;

  beforeAll(async () => {
    h = await startPlacements();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('serves the checked-in schema.graphql, a Federation 2 subgraph extending Referral with placements', async () => {
    const res = await h.http.post('/graphql').send({ query: '{ _service { sdl } }' }).expect(200);
    // Formatted as the repository formats .graphql files, so `npm run format` leaves the checked-in file alone.
    const options = { ...(await resolveConfig(SCHEMA_FILE)), parser: 'graphql' };
    const sdl = await format(res.body.data._service.sdl as string, options);
    if (process.env.UPDATE_SDL === '1') writeFileSync(SCHEMA_FILE, sdl);
    expect(sdl).toContain('type Referral @key(fields: "id")');
    expect(sdl).toMatch(/placements: \[Placement!\]!/);
    expect(sdl).toContain('https://specs.apollo.dev/federation/v2.3');
    expect(sdl).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
