import { tracing, tracingSettings, untraced } from './tracing';

describe('tracing settings (ADR 0076)', () => {
  const entry = '/app/dist/services/referrals/src/main.js';

  it('is off without an OTLP endpoint: development and tests export nothing', () => {
    expect(tracingSettings({}, entry).enabled).toBe(false);
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, entry).enabled).toBe(false);
    expect(tracing).toBeUndefined();
  });

  it('is on with an endpoint, unless the SDK is disabled', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, entry).enabled).toBe(true);
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }, entry).enabled).toBe(
      true,
    );
    expect(
      tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, entry)
        .enabled,
    ).toBe(false);
  });

  it('names the service after its directory unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(tracingSettings({}, entry).serviceName).toBe('referrals');
    expect(tracingSettings({ OTEL_SERVICE_NAME: 'referrals-canary' }, entry).serviceName).toBe('referrals-canary');
  });

  it('samples every new trace by default, or the configured share; anything else is refused', () => {
    expect(tracingSettings({}, entry).ratio).toBe(1);
    expect(tracingSettings({ OTEL_TRACES_SAMPLER_ARG: '' }, entry).ratio).toBe(1);
    expect(tracingSettings({ OTEL_TRACES_SAMPLER_ARG: '0.1' }, entry).ratio).toBe(0.1);
    for (const bad of ['1.5', '-0.1', 'half']) {
      expect(() => tracingSettings({ OTEL_TRACES_SAMPLER_ARG: bad }, entry)).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    }
  });

  it('leaves health probes and metric scrapes untraced, nothing else', () => {
    for (const url of ['/health', '/health/live', '/health?x=1', '/metrics']) expect(untraced(url)).toBe(true);
    for (const url of ['/api/v1/referrals', '/graphql', '/healthy', '/api/v1/health'])
      expect(untraced(url)).toBe(false);
  });
});
