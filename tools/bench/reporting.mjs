#!/usr/bin/env node
// Benchmark of the reporting read model (tools/bench/README.md): generates courses and measurements through the
// projection's own bulk apply code (dist/services/reporting/src/projection/course-projection.js), then times the
// GraphQL reports for one municipality and year and measures the service's RSS during a streamed CSV export.
//
//   npm run bench:reporting                  (builds, starts Kafka/PostgreSQL first)
//   node tools/bench/reporting.mjs           (when that has been done already)
//
// Env: BENCH_SCALE (1 = 1,000,000 courses and ~5,000,000 measurements over 4 years and 12 providers),
//      BENCH_DATABASE (jp_bench_reporting; kept between runs and reused when it already holds the scale's data),
//      BENCH_FRESH=1 (regenerate even so), BENCH_ITERATIONS (50), BENCH_URL (GraphQL endpoint to time instead
//      of the service this script starts, e.g. the gateway's http://127.0.0.1:4000/graphql), BENCH_JSON (write
//      the figures to this file), BENCH_SERVICE_NODE_OPTIONS (NODE_OPTIONS of the service, e.g. a heap cap),
//      plus the .env.example variables.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'TimeoutNegativeWarning' && w.name !== 'DeprecationWarning') process.stderr.write(`${w.stack ?? w}\n`);
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const say = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const file of ['.env.example', '.env']) {
  if (!existsSync(join(ROOT, file))) continue;
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && (process.env[match[1]] === undefined || file === '.env')) process.env[match[1]] = match[2];
  }
}

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('BENCH_SCALE must be in (0, 1]');
const COURSES = Math.round(1_000_000 * SCALE);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50);
const BATCH = 10_000;
const YEARS = [2022, 2023, 2024, 2025];
const TARGET_YEAR = 2024;
const MUNICIPALITY = '101';
// København gets 30% of the referrals; the rest spread over nine other municipalities.
const MUNICIPALITIES = ['101', '101', '101', '147', '151', '153', '155', '157', '159', '161'];
const EXIT = [
  'OTHER_PUBLIC_BENEFIT',
  'OTHER_PUBLIC_BENEFIT',
  'OTHER_PUBLIC_BENEFIT',
  'FLEX_JOB',
  'UNEMPLOYED',
  'DISABILITY_PENSION',
  'ORDINARY_JOB',
  'SMALL_JOB',
  'EDUCATION',
  'SICKNESS_BENEFIT',
];
const TARGET_GROUPS = [
  'CASH_BENEFIT',
  'EDUCATION_BENEFIT',
  'UNEMPLOYMENT_BENEFIT',
  'SICKNESS_BENEFIT',
  'RESOURCE_PROGRAMME',
  'FLEX_JOB_UNEMPLOYED',
];
const TARGETS = { p95Ms: 200, rssMb: 300 };

const { makeValidCvr } = require(join(ROOT, 'dist/libs/domain-kernel/src/index.js'));
const { migrate, ensureDatabase } = require(join(ROOT, 'dist/libs/persistence/src/index.js'));
const { mintToken } = require(join(ROOT, 'dist/libs/auth/src/index.js'));
const { reportingDataSource } = require(join(ROOT, 'dist/services/reporting/src/database.js'));
const { applyChanges } = require(join(ROOT, 'dist/services/reporting/src/projection/course-projection.js'));

const PROVIDERS = Array.from({ length: 12 }, (_, i) => makeValidCvr(String(3100000 + i * 7919)));
const OFFERS = PROVIDERS.map(() => [randomUUID(), randomUUID(), randomUUID()]);

const baseUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/jobplatform');
baseUrl.pathname = `/${process.env.BENCH_DATABASE ?? 'jp_bench_reporting'}`;
const DATABASE_URL = baseUrl.toString();

// A deterministic generator, so two runs at the same scale produce the same data.
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (list) => list[Math.floor(rnd() * list.length)];
const day = (base, days) => new Date(base + days * 86_400_000).toISOString().slice(0, 10);
const uuid = () => randomUUID();

function courseChanges(i) {
  const referralId = uuid();
  const year = YEARS[i % YEARS.length];
  const received = Date.UTC(year, 0, 1) + Math.floor(rnd() * 364) * 86_400_000;
  const p = Math.floor(rnd() * PROVIDERS.length);
  const changes = [
    {
      kind: 'received',
      referralId,
      externalRef: `BENCH-${i}`,
      municipalityCode: pick(MUNICIPALITIES),
      providerId: PROVIDERS[p],
      offerId: pick(OFFERS[p]),
      packageType: 'JOB',
      tenderArea: null,
      targetGroup: pick(TARGET_GROUPS),
      purposes: ['JOB'],
      hoursPerWeek: pick([4, 12, 25, 37]),
      plannedStart: day(received, 10),
      plannedWeeks: 13,
      citizenPseudonym: `bench-${i}`,
      receivedAt: new Date(received + 9 * 3600_000).toISOString(),
      answerDue: day(received, 2),
      startDue: day(received, 21),
    },
  ];
  const r = rnd();
  if (r < 0.05) {
    changes.push({
      kind: 'rejected',
      referralId,
      at: new Date(received + 86_400_000).toISOString(),
      reason: 'NO_CAPACITY',
    });
    return { changes, measurements: 0, referralId };
  }
  changes.push({
    kind: 'accepted',
    referralId,
    at: new Date(received + Math.floor(rnd() * 4) * 86_400_000).toISOString(),
  });
  if (r < 0.1) return { changes, measurements: 0, referralId };
  const startOffset = 3 + Math.floor(rnd() * 25);
  changes.push({ kind: 'started', referralId, startDate: day(received, startOffset) });
  const measurements = 1 + Math.floor(rnd() * 10); // 1–10, mean 5.5 over started courses ≈ 5 per course overall
  let level = 1 + Math.floor(rnd() * 5);
  for (let s = 1; s <= measurements; s++) {
    changes.push({
      kind: 'measurement',
      measurementId: uuid(),
      referralId,
      scaleCode: 'LADDER_12',
      scaleVersion: 1,
      sequence: s,
      measuredDate: day(received, startOffset + 14 * (s - 1)),
      assessor: 'PROFESSIONAL',
      level,
      values: { step: level },
      supersedesId: null,
    });
    level = Math.max(1, Math.min(12, level + Math.floor(rnd() * 4) - 1));
  }
  if (r < 0.85) {
    const end = day(received, startOffset + 91);
    changes.push({ kind: 'completed', referralId, endDate: end, endReason: 'PLANNED_END', exitStatus: pick(EXIT) });
    if (rnd() < 0.6)
      changes.push({ kind: 'outcome', referralId, horizon: 'END_PLUS_3M', exitStatus: pick(EXIT), observedDate: end });
  } else if (r < 0.9) {
    changes.push({
      kind: 'cancelled',
      referralId,
      at: new Date(received + 30 * 86_400_000).toISOString(),
      reason: 'CASE_CLOSED',
    });
  }
  return { changes, measurements, referralId };
}

async function generate(dataSource) {
  const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM reporting.course_fact');
  if (n >= COURSES && process.env.BENCH_FRESH !== '1') {
    const [{ m }] = await dataSource.query('SELECT count(*)::int AS m FROM reporting.measurement_fact');
    say(
      `• reusing ${n.toLocaleString('en')} courses and ${m.toLocaleString('en')} measurements in ${baseUrl.pathname.slice(1)}`,
    );
    return { courses: n, measurements: m, seconds: null };
  }
  await dataSource.query(
    'TRUNCATE reporting.course_fact, reporting.measurement_fact, reporting.placement_fact, reporting.outcome_follow_up',
  );
  say(`• generating ${COURSES.toLocaleString('en')} courses through the projection's bulk apply…`);
  const started = Date.now();
  let measurements = 0;
  let done = 0;
  const runBatch = async (from) => {
    const changes = [];
    for (let i = from; i < Math.min(from + BATCH, COURSES); i++) {
      const c = courseChanges(i);
      changes.push(...c.changes);
      measurements += c.measurements;
    }
    await dataSource.transaction((manager) => applyChanges(manager, changes));
    done += Math.min(BATCH, COURSES - from);
    if ((done / BATCH) % 10 === 0 || done === COURSES) {
      const s = (Date.now() - started) / 1000;
      say(
        `  ${done.toLocaleString('en')} courses, ${measurements.toLocaleString('en')} measurements, ${s.toFixed(0)} s`,
      );
    }
  };
  // Two batches at a time: one CPU works on PostgreSQL while the other builds the next batch.
  const starts = [];
  for (let from = 0; from < COURSES; from += BATCH) starts.push(from);
  const workers = [0, 1].map(async () => {
    while (starts.length > 0) await runBatch(starts.shift());
  });
  await Promise.all(workers);
  say('• VACUUM ANALYZE…');
  await dataSource.query('VACUUM ANALYZE reporting.course_fact');
  await dataSource.query('VACUUM ANALYZE reporting.measurement_fact');
  await dataSource.query('VACUUM ANALYZE reporting.outcome_follow_up');
  const seconds = (Date.now() - started) / 1000;
  say(`• generated in ${seconds.toFixed(0)} s`);
  return { courses: COURSES, measurements, seconds };
}

function freePort() {
  return new Promise((res) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

function rssMb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

async function timeQuery(url, token, name, query, variables) {
  const once = async () => {
    const t = process.hrtime.bigint();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!res.ok || body.errors) throw new Error(`${name}: ${res.status} ${JSON.stringify(body.errors ?? body)}`);
    return { ms, body };
  };
  for (let i = 0; i < 5; i++) await once();
  const times = [];
  let last;
  for (let i = 0; i < ITERATIONS; i++) {
    const r = await once();
    times.push(r.ms);
    last = r.body;
  }
  times.sort((a, b) => a - b);
  return { name, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times[times.length - 1], last };
}

async function main() {
  await ensureDatabase(DATABASE_URL);
  const dataSource = await reportingDataSource(DATABASE_URL).initialize();
  await migrate(dataSource);
  const generated = await generate(dataSource);
  await dataSource.destroy();

  let child;
  let url = process.env.BENCH_URL;
  let restBase;
  if (!url) {
    const port = await freePort();
    child = spawn(process.execPath, [join(ROOT, 'dist/services/reporting/src/main.js')], {
      env: {
        ...process.env,
        NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS ?? '',
        DATABASE_URL,
        REPORTING_PORT: String(port),
        REPORTING_CONSUMER_GROUP: `bench-${Date.now()}`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    restBase = `http://127.0.0.1:${port}`;
    url = `${restBase}/graphql`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${restBase}/health`)).ok) break;
      } catch {
        // not yet listening
      }
      if (i > 300 || child.exitCode !== null) throw new Error('the reporting service did not start');
      await sleep(100);
    }
  } else {
    restBase = new URL(url).origin;
  }
  const auth = {
    jwtSecret: process.env.AUTH_JWT_SECRET,
    issuer: process.env.AUTH_ISSUER,
    audience: process.env.AUTH_AUDIENCE,
  };
  const analyst = await mintToken(auth, { sub: 'bench-analyst', role: 'analyst', org: MUNICIPALITY });
  const admin = await mintToken(auth, { sub: 'bench-admin', role: 'admin' });
  const filter = { municipalityCode: MUNICIPALITY, from: `${TARGET_YEAR}-01-01`, to: `${TARGET_YEAR}-12-31` };
  say(`• timing ${ITERATIONS} sequential requests each on ${url} (municipality ${MUNICIPALITY}, ${TARGET_YEAR})`);
  const results = [];
  results.push(
    await timeQuery(
      url,
      analyst,
      'providerKpis',
      `query($f: KpiFilter!) { providerKpis(filter: $f) {
    providerId received accepted rejected started completed cancelled jobOrEducationShareAtEnd medianDaysToStart
    answeredOnTimeShare startedOnTimeShare medianDurationDays placements placementsByType { type count }
    averageFirstLevel averageBestLevel averageLastLevel progressedShare jobOrEducationShareAt3M outcomesOverdue } }`,
      { f: filter },
    ),
  );
  results.push(
    await timeQuery(
      url,
      analyst,
      'exitStatusDistribution',
      `query($f: KpiFilter!) {
    exitStatusDistribution(filter: $f) { status count share } }`,
      { f: filter },
    ),
  );
  results.push(
    await timeQuery(
      url,
      analyst,
      'progressionCurve',
      `query($f: KpiFilter!) {
    progressionCurve(filter: $f) { sequence averageLevel courses } }`,
      { f: filter },
    ),
  );
  const courses = results[0].last.data.providerKpis.reduce((s, k) => s + k.received, 0);
  for (const r of results) {
    say(
      `  ${r.name.padEnd(24)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   max ${r.max.toFixed(1).padStart(7)} ms   ${r.p95 <= TARGETS.p95Ms ? '✓' : '✗'} (target p95 ≤ ${TARGETS.p95Ms} ms)`,
    );
  }
  say(`  (${courses.toLocaleString('en')} courses in the municipality-year)`);

  const exports = [];
  const exportOnce = async (label, query) => {
    const pid = child?.pid;
    const before = pid ? rssMb(pid) : undefined;
    let peak = before ?? 0;
    const sampler = pid ? setInterval(() => (peak = Math.max(peak, rssMb(pid) ?? 0)), 25) : undefined;
    const t = Date.now();
    const res = await fetch(`${restBase}/api/v1/reports/courses.csv?${new URLSearchParams(query)}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    if (!res.ok) throw new Error(`export: ${res.status} ${await res.text()}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    clearInterval(sampler);
    const seconds = (Date.now() - t) / 1000;
    const row = {
      label,
      rows: lines - 1,
      mb: bytes / 1048576,
      seconds,
      rssBeforeMb: before,
      rssPeakMb: pid ? peak : undefined,
    };
    exports.push(row);
    say(
      `  export ${label}: ${row.rows.toLocaleString('en')} rows, ${row.mb.toFixed(1)} MB in ${seconds.toFixed(1)} s` +
        (pid
          ? `; service RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB ${peak <= TARGETS.rssMb ? '✓' : '✗'} (target ≤ ${TARGETS.rssMb} MB)`
          : ''),
    );
  };
  say('• CSV export (streamed from a PostgreSQL cursor)');
  await exportOnce(`provider ${PROVIDERS[0]}, ${TARGET_YEAR}`, {
    providerId: PROVIDERS[0],
    from: `${TARGET_YEAR}-01-01`,
    to: `${TARGET_YEAR}-12-31`,
  });
  await exportOnce(`municipality ${MUNICIPALITY}, all years`, { municipalityCode: MUNICIPALITY });

  if (child) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  const figures = {
    scale: SCALE,
    generated,
    queries: results.map(({ name, p50, p95, max }) => ({ name, p50, p95, max })),
    municipalityYearCourses: courses,
    exports,
  };
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(figures, null, 2));
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
