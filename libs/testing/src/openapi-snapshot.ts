import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import request from 'supertest';
import { REPO_ROOT } from './env';

type Document = {
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components?: Record<string, Record<string, unknown>>;
};

/**
 * Proves that the contract gate (tools/contracts, ADR 0060), which builds the documents from apps that are neither
 * initialised nor listening, sees what a running service serves: every operation and component of the service's
 * live /api/openapi.json must be in the checked-in merged snapshot contracts/openapi.json exactly (the gateway
 * only adds its own 429), and the snapshot must hold no other operation under the service's paths.
 */
export async function checkOpenApiSnapshot(server: Parameters<typeof request>[0]): Promise<void> {
  const served = (await request(server).get('/api/openapi.json').expect(200)).body as Document;
  const snapshot = JSON.parse(readFileSync(join(REPO_ROOT, 'contracts', 'openapi.json'), 'utf8')) as Document;
  for (const [path, item] of Object.entries(served.paths ?? {})) {
    const inSnapshot = Object.fromEntries(
      Object.entries(snapshot.paths?.[path] ?? {}).map(([method, operation]) => {
        const { '429': _gatewayRateLimit, ...responses } = operation.responses ?? {};
        return [method, { ...operation, responses }];
      }),
    );
    expect({ path, operations: inSnapshot }).toEqual({ path, operations: item });
  }
  for (const [kind, entries] of Object.entries(served.components ?? {})) {
    if (kind === 'securitySchemes') continue;
    for (const [name, value] of Object.entries(entries)) {
      expect({ component: `${kind}.${name}`, value: snapshot.components?.[kind]?.[name] }).toEqual({
        component: `${kind}.${name}`,
        value,
      });
    }
  }
}
