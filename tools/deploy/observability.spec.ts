// Importing the libraries registers every metric the services export, as it does in each service's process.
import '@platform/messaging';
import { metricsRegistry } from '@platform/observability';
import { type Manifest, parseYaml, readText } from './platform';

/**
 * The dashboard and the alerting rules of k8s/observability against the metrics the services really register:
 * a renamed or removed metric fails here, not silently on an operator's screen.
 */

/** Every series name the registry can expose: histograms as their _bucket, _sum and _count series. */
function exportedNames(): Set<string> {
  const names = new Set<string>();
  for (const metric of metricsRegistry.getMetricsAsArray()) {
    const { name, type } = metric as unknown as { name: string; type?: string };
    const kind = type ?? metric.constructor.name.toLowerCase();
    if (kind === 'histogram' || kind === 'summary') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
      if (kind === 'summary') names.add(name);
    } else names.add(name);
  }
  return names;
}

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'le',
]);

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords, labels or durations. */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // ranges and subqueries
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // label lists
  return [...stripped.matchAll(/(?<![\w:.])([A-Za-z_:][\w:]*)(\s*\()?/g)]
    .filter(([, name, call]) => !call && !KEYWORDS.has(name) && !/^(?:Inf|NaN)$/i.test(name))
    .map(([, name]) => name);
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const alerting = (): Manifest => parseYaml(readText('k8s/observability/alerts.yaml'))[0];
const rules = (): Rule[] => (alerting().spec.groups as { rules: Rule[] }[]).flatMap((group) => group.rules);
const dashboard = (): Manifest => JSON.parse(readText('k8s/observability/dashboard.json')) as Manifest;
const dashboardExprs = (): string[] =>
  (dashboard().panels as Manifest[]).flatMap((panel) => (panel.targets as Manifest[]).map((t) => t.expr as string));

describe('k8s/observability', () => {
  const exported = exportedNames();

  it('reads the names the way PromQL does', () => {
    expect(
      metricNames(
        'sum by (group) (max by (group, topic, partition) (kafka_consumer_lag_messages{a="b(c)"})) > 100 and ' +
          'deriv(x_total[15m:1m]) > 0 / histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m]))) unless time()',
      ),
    ).toEqual(['kafka_consumer_lag_messages', 'x_total', 'h_bucket']);
  });

  it('the registry holds the metrics operators ask for', () => {
    for (const name of [
      'kafka_consumer_lag_messages',
      'kafka_dlq_messages',
      'outbox_pending_events',
      'outbox_oldest_pending_age_seconds',
      'consumer_last_applied_event_age_seconds',
      'graphql_operations_total',
      'http_request_duration_seconds_count',
      'process_resident_memory_bytes',
      'process_memory_limit_bytes',
    ])
      expect(exported).toContain(name);
  });

  it('is a PrometheusRule whose every alert has an expression, a severity and a summary', () => {
    expect(alerting()).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' });
    const alerts = rules();
    expect(alerts.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'ConsumerLagGrowing',
        'OutboxNotPublishing',
        'DeadLettersPresent',
        'HighServerErrorRate',
        'MemoryNearLimit',
      ]),
    );
    for (const rule of alerts) {
      expect(rule.expr.trim()).not.toBe('');
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toBeTruthy();
    }
  });

  it('alerts only on metrics the services export', () => {
    for (const rule of rules()) {
      const names = metricNames(rule.expr);
      expect({ alert: rule.alert, names: names.length > 0 }).toEqual({ alert: rule.alert, names: true });
      expect({ alert: rule.alert, unknown: names.filter((name) => !exported.has(name)) }).toEqual({
        alert: rule.alert,
        unknown: [],
      });
    }
  });

  it('the dashboard charts only metrics the services export', () => {
    const board = dashboard();
    expect(board.uid).toBe('jobplatform');
    const exprs = dashboardExprs();
    expect(exprs.length).toBeGreaterThan(10);
    for (const expr of exprs)
      expect({ expr, unknown: metricNames(expr).filter((name) => !exported.has(name)) }).toEqual({ expr, unknown: [] });
  });

  it('is applied with the dashboard as a ConfigMap Grafana picks up', () => {
    const kustomization = parseYaml(readText('k8s/observability/kustomization.yaml'))[0];
    expect(kustomization.resources).toEqual(['alerts.yaml']);
    expect(kustomization.configMapGenerator[0]).toMatchObject({
      files: ['dashboard.json'],
      options: { labels: { grafana_dashboard: '1' } },
    });
  });
});
