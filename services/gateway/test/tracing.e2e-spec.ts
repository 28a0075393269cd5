import { randomBytes } from 'node:crypto';
import {
  expectEventually,
  PlatformClient,
  ReferralBuilder,
  startOtlpReceiver,
  startStack,
  type OtlpReceiver,
  type ReceivedSpan,
  type Stack,
} from '@platform/testing';

jest.setTimeout(240_000);

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;
const CONSUMERS = ['placements', 'progression', 'reporting'];

/**
 * Issue 19 (ADR 0076): a REST create through the gateway is one trace, exported over OTLP/HTTP by every process of
 * the stack: the gateway's and the referrals service's HTTP spans, its SQL, the relay's publish (later, from its
 * own loop) and each consumer's handling of the event in the other services.
 */
describe('one trace from the gateway through Kafka', () => {
  let receiver: OtlpReceiver;
  let stack: Stack;
  let client: PlatformClient;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await startStack({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' });
    client = new PlatformClient(stack.gateway);
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it('a referral created through the gateway is traced to every consumer of its event', async () => {
    const { jobcenter, provider } = await client.actors();
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const response = await fetch(`${stack.gateway}/api/v1/referrals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${jobcenter}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpan}-01`,
      },
      body: JSON.stringify(ReferralBuilder.valid().forProvider(provider.id, provider.offerId).build()),
    });
    expect(response.status).toBe(201);

    const spans = await expectEventually(
      () => {
        const trace = receiver.spans().filter((span) => span.traceId === traceId);
        const services = new Set(trace.filter((span) => span.kind === CONSUMER).map((span) => span.service));
        expect([...services].sort()).toEqual(CONSUMERS);
        return trace;
      },
      { timeoutMs: 30_000 },
    );
    const of = (service: string, kind: number) => spans.filter((s) => s.service === service && s.kind === kind);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const parent = byId.get(span.parentSpanId);
      return parent ? [parent, ...ancestors(parent)] : [];
    };

    // The gateway continues the caller's trace.
    const gatewayServer = of('gateway', SERVER).find((span) => span.parentSpanId === callerSpan);
    expect(gatewayServer).toBeDefined();
    // The referrals service handles the forwarded request under the gateway's span, and queries PostgreSQL.
    const referralsServer = of('referrals', SERVER)[0];
    expect(ancestors(referralsServer)).toContain(gatewayServer);
    const sql = spans.filter((span) => span.service === 'referrals' && span.attributes['db.system.name'] !== undefined);
    expect(sql.length).toBeGreaterThan(0);
    for (const query of sql) expect(ancestors(query)).toContain(referralsServer);
    // The relay's publish belongs to the request that wrote the outbox row.
    const publish = of('referrals', PRODUCER).filter(
      (span) => span.attributes['messaging.destination.name'] === 'referrals.events.v1',
    );
    expect(publish).toHaveLength(1);
    expect(ancestors(publish[0])).toContain(referralsServer);
    // Each consumer's handling is a child of that publish.
    for (const service of CONSUMERS) {
      const handled = of(service, CONSUMER);
      expect(handled.map((span) => span.parentSpanId)).toContain(publish[0].spanId);
    }
  });
});
