import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@platform/http';
import { ReferralsModule, SOURCE, type ReferralsInfrastructure } from './app.module';

/** The referrals HTTP application, not yet listening (main.ts listens; tests may inject). */
export function createReferralsApp(
  infrastructure: ReferralsInfrastructure,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const { dataSource, kafka } = infrastructure;
  let admin: ReturnType<typeof kafka.admin> | undefined;
  return createHttpApp(ReferralsModule.register(infrastructure), {
    service: SOURCE,
    title: 'Referrals API',
    description:
      'Catalogue (providers, offers), referrals and their course lifecycle, change requests and outcomes. ' +
      'Errors are application/problem+json (RFC 9457). Every POST accepts an Idempotency-Key header.',
    version: '1',
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
