import { readFileSync, writeFileSync } from 'node:fs';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { EVENT_REGISTRY } from '@platform/contracts';
import { ASYNCAPI_FILE, buildDescriptors, generateAsyncApi, renderAsyncApi } from './asyncapi';

describe('the AsyncAPI document of the events', () => {
  const generated = renderAsyncApi(generateAsyncApi(buildDescriptors()));

  it('is what proto/ and the event registry generate (npm run contracts:asyncapi rewrites it)', () => {
    if (process.env.UPDATE_CONTRACTS === '1') writeFileSync(ASYNCAPI_FILE, generated);
    expect(readFileSync(ASYNCAPI_FILE, 'utf8')).toBe(generated);
  });

  it('parses with @asyncapi/parser (default ruleset) without an error or a warning', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(ASYNCAPI_FILE, 'utf8'));
    const findings = diagnostics
      // Stoplight severities: 0 error, 1 warning, 2 information, 3 hint.
      .filter((d) => Number(d.severity) <= 1)
      .map((d) => `${DiagnosticSeverity[d.severity]} ${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(findings).toEqual([]);
    // The one remaining hint: 3.1.0 exists; the document stays on 3.0.0 on purpose (ADR 0061).
    expect(diagnostics.map((d) => d.code)).toEqual(['asyncapi-latest-version']);

    expect(document).toBeDefined();
    const messages = document!.allMessages().all();
    const eventTypes = messages.map((m) => m.json<{ 'x-protobuf'?: { message: string } }>()['x-protobuf']?.message);
    expect(eventTypes.filter(Boolean).sort()).toEqual([...EVENT_REGISTRY.keys()].sort());
    expect(
      document!
        .channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual([
      'placements.events.v1',
      'placements.events.v1.dlq',
      'progression.events.v1',
      'progression.events.v1.dlq',
      'referrals.events.v1',
      'referrals.events.v1.dlq',
    ]);
  });

  it('describes each payload field from its .proto declaration and comment', () => {
    const document = JSON.parse(generated);
    const measurement = document.components.messages['progression.events.v1.MeasurementRecorded'];
    const values = measurement.payload.schema.properties.values;
    expect(measurement.payload.schemaFormat).toBe('application/schema+json;version=draft-07');
    expect(values).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'integer', minimum: 0 },
      description: 'Dimension code -> level value (e.g. {"step": 7} on LADDER_12).',
      $comment: 'protobuf: map<string, uint32> values = 8',
    });
    const received = document.components.messages['referrals.events.v1.ReferralReceived'];
    expect(received.payload.schema.properties.purposes).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(received.payload.schema.properties.tenderArea.$comment).toBe('protobuf: optional string tender_area = 7');
    expect(received.payload.schema.required).toEqual(['referralId']);
    expect(received.headers.properties.ce_type.const).toBe('referrals.events.v1.ReferralReceived');
    expect(received.bindings.kafka.key.description).toMatch(/referral id/);
  });
});
