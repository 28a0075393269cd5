import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@platform/http';
import { ProgressionModule, SOURCE, type ProgressionInfrastructure } from './app.module';

/** The progression HTTP application (REST and the GraphQL subgraph), not yet listening. */
export function createProgressionApp(
  infrastructure: ProgressionInfrastructure,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const { dataSource, kafka } = infrastructure;
  let admin: ReturnType<typeof kafka.admin> | undefined;
  return createHttpApp(ProgressionModule.register(infrastructure), {
    service: SOURCE,
    title: 'Progression API',
    description:
      'Versioned progression scales, measurements (single and batch) and reports to the caseworker. GraphQL ' +
      'subgraph at /graphql extends Referral with measurements and latestLevel. Errors are ' +
      'application/problem+json (RFC 9457). Every POST accepts an Idempotency-Key header.',
    version: '1',
    tags: [
      { name: 'scales', description: 'Versioned progression scales (e.g. LADDER_12) and their levels.' },
      { name: 'measurements', description: 'Progression measurements of a course by the professional or the citizen.' },
      { name: 'reports', description: 'Reports from the provider to the caseworker (ENTRY, STATUS, FINAL).' },
    ],
    logger: options.logger,
    healthChecks: [
      { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) },
      {
        name: 'kafka',
        check: async () => {
          admin ??= kafka.admin();
          await admin.connect();
          await admin.describeCluster();
        },
      },
    ],
  });
}
