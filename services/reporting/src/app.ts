import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@platform/http';
import { ReportingModule, SOURCE, type ReportingInfrastructure } from './app.module';

/** The reporting HTTP application (REST + GraphQL subgraph), not yet listening. */
export function createReportingApp(
  infrastructure: ReportingInfrastructure,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const { dataSource, kafka } = infrastructure;
  let admin: ReturnType<typeof kafka.admin> | undefined;
  return createHttpApp(ReportingModule.register(infrastructure), {
    service: SOURCE,
    title: 'Reporting API',
    description:
      'Read models of all events: provider KPIs, exit-status distributions per horizon, progression curves, ' +
      'outcome follow-up and the pseudonymised course export. GraphQL (Federation 2 subgraph) at /graphql. ' +
      'Errors are application/problem+json (RFC 9457).',
    version: '1',
    tags: [
      {
        name: 'reporting',
        description: 'Read-model reports: the pseudonymised courses CSV export and outcome horizons due.',
      },
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
