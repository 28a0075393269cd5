// First: OpenTelemetry must patch http, fastify, graphql, pg and kafkajs before they load (ADR 0076).
import '@platform/observability/tracing';
import 'reflect-metadata';
import { JsonLogger, serveMetrics } from '@platform/observability';
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
  // Metrics on their own port, apart from the API (ADR 0075).
  await serveMetrics(config.REFERRALS_METRICS_PORT);
  process.stdout.write(
    JSON.stringify({
      level: 'info',
      service: 'referrals',
      msg: `listening on http://127.0.0.1:${config.REFERRALS_PORT}`,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  new JsonLogger('referrals').event('error', 'failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
