/** A named dependency check for /health; resolves when healthy, rejects with the reason otherwise. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, { status: 'up' | 'down'; error?: string; ms: number }>;
}

/** Runs every check with a timeout so /health answers quickly even when a dependency hangs. */
export async function runHealthChecks(checks: HealthCheck[], timeoutMs = 2000): Promise<HealthReport> {
  const entries = await Promise.all(
    checks.map(async ({ name, check }) => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { status: 'up' as const, ms: Date.now() - started }] as const;
      } catch (error) {
        return [name, { status: 'down' as const, error: (error as Error).message, ms: Date.now() - started }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report: HealthReport = { status: 'ok', checks: Object.fromEntries(entries) as HealthReport['checks'] };
  if (entries.some(([, result]) => result.status === 'down')) report.status = 'degraded';
  return report;
}
