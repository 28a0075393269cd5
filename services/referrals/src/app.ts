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
    tags: [
      { name: 'catalogue', description: 'Providers (by CVR) and their offers; admin writes, every role reads.' },
      {
        name: 'referrals',
        description:
          'Referrals (henvisninger) from a jobcenter to a provider and the course lifecycle: accept, reject, start, pause, resume, complete, cancel, outcomes.',
      },
      {
        name: 'change-requests',
        description:
          'Change requests: the provider proposes to extend, change hours or end early; the jobcenter approves or rejects.',
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
