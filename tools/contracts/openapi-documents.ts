import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '@platform/http';
import { createPlacementsApp } from '../../services/placements/src/app';
import { PlacementsConfig } from '../../services/placements/src/config';
import { placementsDataSource } from '../../services/placements/src/database';
import { createProgressionApp } from '../../services/progression/src/app';
import { ProgressionConfig } from '../../services/progression/src/config';
import { progressionDataSource } from '../../services/progression/src/database';
import { createReferralsApp } from '../../services/referrals/src/app';
import { ReferralsConfig } from '../../services/referrals/src/config';
import { referralsDataSource } from '../../services/referrals/src/database';
import { createReportingApp } from '../../services/reporting/src/app';
import { ReportingConfig } from '../../services/reporting/src/config';
import { reportingDataSource } from '../../services/reporting/src/database';
import { mergeOpenApi, type OpenApiDocument } from '../../services/gateway/src/rest-routes';

/** The REST services in the order the gateway merges them (tools/services.json). */
export const REST_SERVICES = ['referrals', 'placements', 'progression', 'reporting'] as const;
export type RestService = (typeof REST_SERVICES)[number];

/** The development defaults of .env.example: configuration is validated at start-up, none of it is in the document. */
function developmentEnv(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const line of readFileSync(join(root, '.env.example'), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  return env;
}

/**
 * Each service's OpenAPI document, read from the service's own `/api/openapi.json` route (the same handler the
 * running service answers with), on an application created with its real modules but with infrastructure that is
 * never reached: a DataSource that is not initialised and a Kafka client that is never connected. The application
 * is neither initialised nor listening, so no lifecycle hook (relay, consumers, migrations) runs.
 */
export async function serviceDocuments(root: string): Promise<Record<RestService, OpenApiDocument>> {
  const env = developmentEnv(root);
  const url = env.DATABASE_URL ?? 'postgres://unused@127.0.0.1:1/unused';
  const kafka = new Kafka({ clientId: 'openapi-contract', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING });
  const factories: Record<RestService, () => Promise<NestFastifyApplication>> = {
    referrals: () =>
      createReferralsApp(
        { config: loadConfig(ReferralsConfig, env), dataSource: referralsDataSource(url), kafka },
        { logger: false },
      ),
    placements: () =>
      createPlacementsApp(
        { config: loadConfig(PlacementsConfig, env), dataSource: placementsDataSource(url), kafka },
        { logger: false },
      ),
    progression: () =>
      createProgressionApp(
        { config: loadConfig(ProgressionConfig, env), dataSource: progressionDataSource(url), kafka },
        { logger: false },
      ),
    reporting: () =>
      createReportingApp(
        { config: loadConfig(ReportingConfig, env), dataSource: reportingDataSource(url), kafka },
        { logger: false },
      ),
  };
  const documents = {} as Record<RestService, OpenApiDocument>;
  for (const service of REST_SERVICES) {
    const app = await factories[service]();
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`${service}: /api/openapi.json answered ${response.statusCode}`);
    documents[service] = response.json<OpenApiDocument>();
    await app.getHttpAdapter().getInstance().close();
  }
  return documents;
}

/** The document the gateway serves at /api/openapi.json, built from the services' documents. */
export async function mergedDocument(root: string): Promise<OpenApiDocument> {
  return mergeOpenApi(await serviceDocuments(root));
}
