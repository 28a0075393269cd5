import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@platform/http';
import { PlacementsModule, SOURCE, type PlacementsInfrastructure } from './app.module';

/** The placements HTTP application (REST + GraphQL subgraph), not yet listening (main.ts listens; tests inject). */
export function createPlacementsApp(
  infrastructure: PlacementsInfrastructure,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const { dataSource, kafka } = infrastructure;
  let admin: ReturnType<typeof kafka.admin> | undefined;
  return createHttpApp(PlacementsModule.register(infrastructure), {
    service: SOURCE,
    title: 'Placements API',
    description:
      'Company placements (internships, small jobs, hybrid), individual agreements, hours and conversions to paid ' +
      'hours, follow-ups and logbooks. Errors are application/problem+json (RFC 9457). Every POST accepts an ' +
      'Idempotency-Key header. GraphQL (Apollo Federation 2 subgraph) at /graphql.',
    version: '1',
    tags: [
      {
        name: 'placements',
        description:
          'Placements (virksomhedspraktik, løntimer) of a started course: agreement, hours, follow-ups and logbook.',
      },
      { name: 'operations', description: 'Operator actions (admin only).' },
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
