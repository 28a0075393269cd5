import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { REPO_ROOT } from './env';

/**
 * Compares a running subgraph's SDL with the checked-in `services/<service>/schema.graphql` the gateway's static
 * supergraph is composed from. With UPDATE_SCHEMAS=1 (npm run supergraph) it writes the file instead.
 */
export async function checkSubgraphSchema(server: Parameters<typeof request>[0], service: string): Promise<void> {
  const response = await request(server).post('/graphql').send({ query: '{ _service { sdl } }' }).expect(200);
  const sdl = `${(response.body as { data: { _service: { sdl: string } } }).data._service.sdl.trim()}\n`;
  const file = join(REPO_ROOT, 'services', service, 'schema.graphql');
  if (process.env.UPDATE_SCHEMAS === '1') {
    writeFileSync(file, sdl);
    return;
  }
  let checkedIn = '';
  try {
    checkedIn = readFileSync(file, 'utf8');
  } catch {
    // missing: reported below
  }
  if (checkedIn !== sdl) {
    throw new Error(`services/${service}/schema.graphql is out of date with the code: run npm run supergraph`);
  }
}
