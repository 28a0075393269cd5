#!/usr/bin/env node
// Benchmark of the measurement batch path (POST /api/v1/measurements/batch), end to end, against a set-based
// database baseline in the same run (tools/bench/README.md).
//
//   npm run bench:measurements             (builds, starts Kafka/PostgreSQL, migrates first; via tools/run.mjs)
//   node tools/bench/measurements.mjs      (when that has been done already)
//
// What it does: publishes ReferralReceived/Accepted/CourseStarted for BENCH_COURSES courses on referrals.events.v1
// (the service learns them through its consumer, as in production), waits until the projection has them all, then
// posts BENCH_TOTAL measurements in batches of BENCH_BATCH from BENCH_CONCURRENCY workers (each worker owns its own
// courses and sends its batches one after the other, dates ascending, like one provider system). It reports
// measurements/s for the HTTP part and until the last MeasurementRecorded is on progression.events.v1 (topic end
// offsets), and the same rows written into an equivalent table by COPY FROM STDIN (pg-copy-streams), batch by batch.
//
// Env: BENCH_URL (default: start the built service on BENCH_SERVICE_PORT=3903; set it to go through the gateway,
//      e.g. http://127.0.0.1:4000), BENCH_TOTAL (100000), BENCH_BATCH (1000), BENCH_COURSES (1000),
//      BENCH_CONCURRENCY (4), BENCH_DIST (<repo>/dist), BENCH_JSON (write the figures there), BENCH_PROFILE_DIR
//      (a V8 CPU profile of the service there), and the .env.example variables.
//
// Exit code 0 when the run was valid (every item 201, every row and event there), 1 otherwise.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';

process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') process.stderr.write(`${warning.stack ?? warning}\n`);
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
class BenchError extends Error {}
const fail = (message) => {
  throw new BenchError(message);
};

for (const file of ['.env.example', '.env']) {
  if (!existsSync(join(ROOT, file))) continue;
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && (process.env[match[1]] === undefined || file === '.env')) process.env[match[1]] = match[2];
  }
}

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) fail(`${name} must be a positive integer`);
  return value;
};
const TOTAL = positive('BENCH_TOTAL', 100_000);
const BATCH = positive('BENCH_BATCH', 1000);
const COURSES = positive('BENCH_COURSES', 1000);
const CONCURRENCY = positive('BENCH_CONCURRENCY', 4);
const PORT = positive('BENCH_SERVICE_PORT', 3903);
const DIST = resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist'));
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/jobplatform';
const BROKERS = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim());
const TARGET_PER_SECOND = 5000;
if (BATCH > 1000) fail('BENCH_BATCH must be at most 1000 (the API limit)');
if (COURSES % CONCURRENCY !== 0) fail('BENCH_COURSES must be a multiple of BENCH_CONCURRENCY');

const { mintToken } = await import(join(DIST, 'libs/auth/src/index.js'));
const contracts = await import(join(DIST, 'libs/contracts/src/index.js'));
const { makeValidCvr } = await import(join(DIST, 'libs/domain-kernel/src/index.js'));

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const rate = (count, ms) => (ms > 0 ? (count / ms) * 1000 : NaN);
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

let service;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: CONCURRENCY + 2 });
const kafka = new kafkajs.Kafka({
  clientId: 'bench-measurements',
  brokers: BROKERS,
  logLevel: kafkajs.logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer({ allowAutoTopicCreation: false });

async function startService() {
  const entry = join(DIST, 'services/progression/src/main.js');
  if (!existsSync(entry)) fail(`${entry} is missing: run npm run build first`);
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, entry], {
    cwd: ROOT,
    env: { ...process.env, PROGRESSION_PORT: String(PORT), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = [];
  const keep = (chunk) => tail.push(...chunk.toString('utf8').split('\n').filter(Boolean).slice(-20));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  service = { child, tail, exited: false };
  child.on('exit', (code) => {
    service.exited = true;
    if (!service.stopping) process.stderr.write(`✗ service exited (${code}):\n${tail.slice(-20).join('\n')}\n`);
  });
  const url = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 240; i++) {
    if (service.exited) fail('the progression service exited before it became healthy');
    try {
      if ((await fetch(`${url}/health`)).ok) return url;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  fail('the progression service did not become healthy');
}

async function stopService() {
  if (!service || service.exited) return;
  service.stopping = true;
  const exited = new Promise((r) => service.child.once('exit', r));
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU seconds of every PostgreSQL process (backends, WAL writer, checkpointer) so far. */
function postgresCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function topicEnd(topic) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

/** Courses the service learns about from referrals.events.v1, started 200 days ago. */
async function publishCourses(providerId) {
  const startDate = day(-200);
  const ids = Array.from({ length: COURSES }, () => randomUUID());
  const { create, encodeEvent, ReferralReceivedSchema, ReferralAcceptedSchema, CourseStartedSchema } = contracts;
  const message = (event) => ({
    key: event.referralId,
    value: Buffer.from(encodeEvent(event.$typeName, event)),
    headers: {
      ce_id: randomUUID(),
      ce_type: event.$typeName,
      ce_source: 'bench',
      ce_time: new Date().toISOString(),
      ce_subject: event.referralId,
      'content-type': 'application/protobuf',
    },
  });
  for (let i = 0; i < ids.length; i += 500) {
    const messages = ids.slice(i, i + 500).flatMap((referralId) => [
      message(
        create(ReferralReceivedSchema, {
          referralId,
          externalRef: `BENCH-${referralId}`,
          municipalityCode: '101',
          providerId,
          offerId: randomUUID(),
          packageType: 'JOB',
          targetGroup: 'CASH_BENEFIT',
          purposes: ['JOB'],
          hoursPerWeek: 12,
          plannedStart: startDate,
          plannedWeeks: 52,
          citizenPseudonym: `bench-${referralId}`,
          receivedAt: new Date().toISOString(),
          answerDue: startDate,
          startDue: startDate,
        }),
      ),
      message(create(ReferralAcceptedSchema, { referralId, acceptedAt: new Date().toISOString() })),
      message(create(CourseStartedSchema, { referralId, startDate })),
    ]);
    await producer.send({ topic: contracts.REFERRALS_TOPIC, acks: -1, messages });
  }
  const started = Date.now();
  for (;;) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM progression.course WHERE referral_id = ANY($1::uuid[]) AND status = 'STARTED'`,
      [ids],
    );
    if (rows[0].n === ids.length) break;
    if (Date.now() - started > 180_000) fail(`the projection has ${rows[0].n} of ${ids.length} courses after 3 min`);
    if (service?.exited) fail('the service died');
    await sleep(250);
  }
  return { ids, projectedMs: Date.now() - started };
}

/**
 * The measurements, as the batches each worker sends: worker w owns every CONCURRENCY-th course; its measurements
 * go round its courses, one day later per round, so each course's series is in date order.
 */
function plan(ids) {
  const perWorker = Math.ceil(TOTAL / CONCURRENCY);
  return Array.from({ length: CONCURRENCY }, (_, w) => {
    const own = ids.filter((_, i) => i % CONCURRENCY === w);
    const count = Math.min(perWorker, TOTAL - w * perWorker);
    const items = Array.from({ length: Math.max(0, count) }, (_, k) => ({
      referralId: own[k % own.length],
      scale: 'LADDER_12',
      measuredAt: day(-199 + Math.floor(k / own.length)),
      values: { step: 1 + (k % 12) },
      assessor: k % 5 === 4 ? 'CITIZEN' : 'PROFESSIONAL',
    }));
    const batches = [];
    for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
    return batches;
  });
}

async function runService(url, token, workers) {
  const statuses = new Map();
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    workers.map(async (batches) => {
      for (const items of batches) {
        const t = performance.now();
        const res = await fetch(`${url}/api/v1/measurements/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ items }),
        });
        latencies.push(performance.now() - t);
        if (res.status !== 200) fail(`batch answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
        const body = await res.json();
        for (const r of body.results) {
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status !== 201 && statuses.get(r.status) === 1)
            say(`  first ${r.status}: ${JSON.stringify(r.problem)}`);
        }
      }
    }),
  );
  return { httpMs: performance.now() - started, started, statuses, latencies };
}

/** The same rows, COPY'd into an equivalent table in the same batches: the database's own cost of the writes. */
async function runBaseline(workers) {
  await pool.query('DROP SCHEMA IF EXISTS bench_measurements CASCADE');
  await pool.query('CREATE SCHEMA bench_measurements');
  await pool.query('CREATE TABLE bench_measurements.measurement (LIKE progression.measurement INCLUDING ALL)');
  const started = performance.now();
  await Promise.all(
    workers.map(async (batches, w) => {
      const client = await pool.connect();
      let sequence = w * TOTAL;
      try {
        for (const items of batches) {
          const now = new Date().toISOString();
          // COPY text format: tab-separated, backslash escapes.
          const escape = (text) => text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
          const rows = items
            .map((i) =>
              [
                randomUUID(),
                i.referralId,
                'LADDER_12',
                1,
                ++sequence,
                i.assessor,
                i.measuredAt,
                escape(JSON.stringify(i.values)),
                'bench',
                now,
              ].join('\t'),
            )
            .join('\n');
          await pipeline(
            Readable.from([`${rows}\n`]),
            client.query(
              copyStreams.from(
                `COPY bench_measurements.measurement
                   (id, referral_id, scale_code, scale_version, sequence, assessor, measured_at, "values", recorded_by, recorded_at)
                 FROM STDIN`,
              ),
            ),
          );
        }
      } finally {
        client.release();
      }
    }),
  );
  const ms = performance.now() - started;
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM bench_measurements.measurement');
  await pool.query('DROP SCHEMA bench_measurements CASCADE');
  return { ms, rows: rows[0].n };
}

async function main() {
  say(
    `measurements benchmark: ${TOTAL} measurements in batches of ${BATCH}, ${CONCURRENCY} workers, ${COURSES} courses`,
  );
  // Creates the database when missing and applies the migrations (idempotent; `npm run bench:measurements` did it).
  execFileSync(process.execPath, [join(DIST, 'services/progression/src/migrate.js')], { cwd: ROOT, stdio: 'ignore' });
  await admin.connect();
  await producer.connect();
  const settings = await pool.query(
    `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync') ORDER BY name`,
  );
  say(`PostgreSQL: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}; Kafka ${BROKERS.join(',')}`);
  const url = process.env.BENCH_URL || (await startService());
  say(`target: ${url}${process.env.BENCH_URL ? ' (BENCH_URL)' : ' (own service process)'}`);

  const providerId = makeValidCvr(String(1_000_000 + Math.floor(Math.random() * 8_999_999)));
  const token = await mintToken(
    { jwtSecret: process.env.AUTH_JWT_SECRET, issuer: process.env.AUTH_ISSUER, audience: process.env.AUTH_AUDIENCE },
    { sub: 'bench', role: 'provider', org: providerId, name: 'Benchmark' },
    3600,
  );
  const { ids, projectedMs } = await publishCourses(providerId);
  say(`courses projected from referrals.events.v1: ${ids.length} in ${fmt(projectedMs / 1000, 1)} s`);

  const workers = plan(ids);
  // Warm-up: one small batch per worker on separate courses would skew the numbering; a GET warms the path instead.
  await fetch(`${url}/api/v1/scales`, { headers: { authorization: `Bearer ${token}` } });
  const eventsBefore = await topicEnd(contracts.PROGRESSION_TOPIC);
  const cpuBefore = { service: service ? cpuSeconds(service.child.pid) : NaN, postgres: postgresCpuSeconds() };
  const loadBefore = os.loadavg()[0];
  const run = await runService(url, token, workers);
  let eventsMs;
  for (;;) {
    const published = (await topicEnd(contracts.PROGRESSION_TOPIC)) - eventsBefore;
    if (published >= TOTAL) {
      eventsMs = performance.now() - run.started;
      break;
    }
    if (performance.now() - run.started > run.httpMs + 300_000)
      fail(`only ${published} of ${TOTAL} events after 5 min`);
    await sleep(20);
  }
  const cpu = {
    service: (service ? cpuSeconds(service.child.pid) : NaN) - cpuBefore.service,
    postgres: postgresCpuSeconds() - cpuBefore.postgres,
  };
  const load = os.loadavg()[0];
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n FROM progression.measurement WHERE referral_id = ANY($1::uuid[])`,
    [ids],
  );
  const baseline = await runBaseline(workers);

  const created = run.statuses.get(201) ?? 0;
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const p = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const figures = {
    total: TOTAL,
    batch: BATCH,
    concurrency: CONCURRENCY,
    created,
    rows: rows[0].n,
    httpSeconds: run.httpMs / 1000,
    httpPerSecond: rate(created, run.httpMs),
    endToEndSeconds: eventsMs / 1000,
    endToEndPerSecond: rate(TOTAL, eventsMs),
    batchLatencyMs: { p50: p(0.5), p99: p(0.99), max: sorted[sorted.length - 1] },
    baselineSeconds: baseline.ms / 1000,
    baselinePerSecond: rate(baseline.rows, baseline.ms),
    serviceCpuUsPerMeasurement: (cpu.service / TOTAL) * 1e6,
    postgresCpuUsPerMeasurement: (cpu.postgres / TOTAL) * 1e6,
    loadAverage: { before: loadBefore, after: load, cores: os.cpus().length },
    baselineMethod: 'COPY FROM STDIN, one COPY per batch of the same size',
  };
  say('');
  say(
    `service   ${fmt(figures.httpPerSecond)} measurements/s over HTTP (${fmt(figures.httpSeconds, 2)} s for ${created})`,
  );
  say(
    `          ${fmt(figures.endToEndPerSecond)} measurements/s end to end: last MeasurementRecorded on the topic ` +
      `after ${fmt(figures.endToEndSeconds, 2)} s`,
  );
  say(
    `          batch latency p50 ${fmt(figures.batchLatencyMs.p50)} ms, p99 ${fmt(figures.batchLatencyMs.p99)} ms, ` +
      `max ${fmt(figures.batchLatencyMs.max)} ms`,
  );
  say(
    `cpu       service ${fmt(figures.serviceCpuUsPerMeasurement)} µs and PostgreSQL (all processes) ` +
      `${fmt(figures.postgresCpuUsPerMeasurement)} µs of CPU per measurement; load average ` +
      `${fmt(loadBefore, 1)} → ${fmt(load, 1)} on ${os.cpus().length} cores (other work on the machine skews the rates)`,
  );
  say(
    `baseline  ${fmt(figures.baselinePerSecond)} rows/s (${figures.baselineMethod}; ${fmt(figures.baselineSeconds, 2)} s)`,
  );
  say(`ratio     service end to end ÷ baseline = ${fmt(figures.endToEndPerSecond / figures.baselinePerSecond, 2)}`);
  say(
    `target    ≥ ${TARGET_PER_SECOND} measurements/s end to end: ${figures.endToEndPerSecond >= TARGET_PER_SECOND ? 'PASS' : 'MISS'}`,
  );
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(figures, null, 2));
  if (created !== TOTAL) fail(`${TOTAL - created} items were not created: ${JSON.stringify([...run.statuses])}`);
  if (rows[0].n !== TOTAL) fail(`${rows[0].n} rows for ${TOTAL} created measurements`);
}

let code = 0;
try {
  await main();
} catch (error) {
  code = 1;
  say(`✗ ${error instanceof BenchError ? error.message : (error?.stack ?? error)}`);
} finally {
  await stopService();
  await producer.disconnect().catch(() => undefined);
  await admin.disconnect().catch(() => undefined);
  await pool.end().catch(() => undefined);
}
process.exit(code);
