// First: OpenTelemetry must patch http, fastify, graphql, pg and kafkajs before they load (ADR 0076).
import '@platform/observability/tracing';
import 'reflect-metadata';
import { JsonLogger, serveMetrics } from '@platform/observability';
import { installProcessFaultPolicy, loadConfig } from '@platform/http';
import { GatewayConfig } from './config';
import { createGateway } from './gateway';

async function main(): Promise<void> {
  // A dependency fault never ends the process; a programming error does (ADR 0051).
  installProcessFaultPolicy('gateway');
  const config = loadConfig(GatewayConfig);
  const gateway = await createGateway(config);
  await gateway.server.listen({ port: config.GATEWAY_PORT, host: process.env.HOST ?? '127.0.0.1' });
  // Metrics on their own port, not on the public 4000 (ADR 0075).
  await serveMetrics(config.GATEWAY_METRICS_PORT);
  const stop = () => void gateway.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(
    JSON.stringify({ level: 'info', service: 'gateway', msg: `listening on http://127.0.0.1:${config.GATEWAY_PORT}` }) +
      '\n',
  );
}

main().catch((error: unknown) => {
  new JsonLogger('gateway').event('error', 'failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
