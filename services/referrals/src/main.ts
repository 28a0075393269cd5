// First: OpenTelemetry must patch http, fastify, graphql, pg and kafkajs before they load (ADR 0076).
import '@platform/observability/tracing';
import 'reflect-metadata';
import { installProcessFaultPolicy, loadConfig } from '@platform/http';
import { createKafka } from '@platform/messaging';
import { migrate } from '@platform/persistence';
import { createReferralsApp } from './app';
import { ReferralsConfig } from './config';
import { referralsDataSource } from './database';

async function main(): Promise<void> {
  // A dependency fault never ends the process; a programming error does (ADR 0051).
  installProcessFaultPolicy('referrals');
  const config = loadConfig(ReferralsConfig);
  const dataSource = await referralsDataSource(config.DATABASE_URL).initialize();
  // Migrations normally run as their own step (npm start, the k8s Job); running them here too is harmless
  // because they are recorded and each runs once.
  await migrate(dataSource);
  const app = await createReferralsApp({ config, dataSource, kafka: createKafka('referrals') });
  await app.listen({ port: config.REFERRALS_PORT, host: process.env.HOST ?? '127.0.0.1' });
  process.stdout.write(
    JSON.stringify({
      level: 'info',
      service: 'referrals',
      msg: `listening on http://127.0.0.1:${config.REFERRALS_PORT}`,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`referrals failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
