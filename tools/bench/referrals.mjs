#!/usr/bin/env node
// Benchmark of POST /api/v1/referrals against a hand-written baseline, in the same run (tools/bench/README.md).
//
//   npm run bench:referrals                  (builds, starts Kafka/PostgreSQL, migrates and seeds first)
//   node tools/bench/referrals.mjs           (when that has been done already)
//
// Env: BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (5), BENCH_CONNECTIONS (32,128), BENCH_SERVICE_PORT (3901),
//      BENCH_BASELINE_PORT (3902), BENCH_DIST (<repo>/dist), BENCH_PROFILE_DIR (write a V8 CPU profile of the
//      service there), BENCH_JSON (write the figures as JSON to this file), plus the .env.example variables.
//
// Exit code: 0 when the run was valid (whether or not the targets were met), 1 when it was not (any non-2xx
// response, socket error or timeout, a child process that died, a setup failure).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import kafkajs from 'kafkajs';
import pg from 'pg';

// kafkajs 2.2.4 schedules a timer with a negative delay on Node ≥ 23 (TimeoutNegativeWarning); it is harmless.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') process.stderr.write(`${warning.stack ?? warning}\n`);
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------- settings

const say = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
class BenchError extends Error {}
function fail(message) {
  throw new BenchError(message);
}

// Development defaults, never overriding what the caller set (the same rule as tools/run.mjs).
for (const file of ['.env.example', '.env']) {
  if (!existsSync(join(ROOT, file))) continue;
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && (process.env[match[1]] === undefined || file === '.env')) process.env[match[1]] = match[2];
  }
}

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) fail(`${name} must be a positive number`);
  return value;
};
const SECONDS = positive('BENCH_SECONDS', 30);
const WARMUP_SECONDS = positive('BENCH_WARMUP_SECONDS', 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '32,128').split(',').map((c) => Number(c.trim()));
if (CONNECTIONS.some((c) => !Number.isInteger(c) || c <= 0))
  fail('BENCH_CONNECTIONS must be a comma-separated list of positive integers');
const DIST = resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist'));
const SERVICE_ENTRY = join(DIST, 'services/referrals/src/main.js');
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/jobplatform';
const BROKERS = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim());
const SERVICE_TOPIC = 'referrals.events.v1';
const BASELINE_TOPIC = 'bench.baseline';
const BASELINE_SCHEMA = 'bench_baseline';
const MUNICIPALITY = '101';
const RUN_ID = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

const TARGETS = { ratio: 0.5, p99Ms: 100, p99AtConnections: 32, rssMb: 300 };

// ---------------------------------------------------------------------------------------------- helpers

/** The preferred port when it is free, otherwise any free port. */
function freePort(preferred) {
  const tryListen = (port) =>
    new Promise((res) => {
      const server = createServer();
      server.once('error', () => res(undefined));
      server.listen(port, '127.0.0.1', () => {
        const { port: got } = server.address();
        server.close(() => res(got));
      });
    });
  return tryListen(preferred).then((port) => port ?? tryListen(0));
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds of one process, or undefined once it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

const DATABASE_NAME = decodeURIComponent(new URL(DATABASE_URL).pathname.slice(1));

/**
 * CPU seconds per PostgreSQL process that works for this benchmark: the client backends connected to our
 * database plus the shared auxiliary processes (WAL writer, checkpointer, …); backends of other databases
 * (e.g. integration tests running meanwhile) are left out. A map pid → seconds, so that processes that start
 * or end between two snapshots do not distort the difference.
 */
function postgresCpu() {
  const out = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const clientBackend = /\S+\(\d+\)|\[local\]/.test(cmdline);
      if (clientBackend && !cmdline.includes(` ${DATABASE_NAME} `)) continue;
      out.set(entry, cpuSeconds(entry) ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function postgresCpuDelta(before, after) {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

function kafkaPid() {
  try {
    const pid = Number(readFileSync(join(ROOT, '.data/kafka/kafka.pid'), 'utf8').trim());
    return cpuSeconds(pid) === undefined ? undefined : pid;
  } catch {
    return undefined;
  }
}

/** VmHWM (peak RSS) and VmRSS in MiB (the kernel reports KiB) from /proc/<pid>/status. */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

const fmt = (n, digits = 0) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const pad = (s, n) => String(s).padStart(n);
const padEnd = (s, n) => String(s).padEnd(n);

// ---------------------------------------------------------------------------------------------- children

const children = new Set();

/** A child process whose last output lines are kept for the error report. */
function startChild(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const keep = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      tail.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const handle = { name, child, tail, exited: false, expectedExit: false };
  child.on('exit', (code, signal) => {
    handle.exited = true;
    handle.exit = signal ?? code;
    children.delete(handle);
    if (!handle.expectedExit) {
      process.stderr.write(`\n✗ ${name} (pid ${child.pid}) exited unexpectedly (${handle.exit}); last output:\n`);
      process.stderr.write(`${tail.map((l) => `  ${l}`).join('\n')}\n`);
    }
  });
  children.add(handle);
  return handle;
}

async function stopChild(handle, timeoutMs = 10_000) {
  if (!handle || handle.exited) return;
  handle.expectedExit = true;
  const exited = new Promise((res) => handle.child.once('exit', res));
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

async function waitHealthy(handle, port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle.exited) fail(`${handle.name} exited before it became healthy`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  fail(`${handle.name} did not answer GET /health with 200 within ${timeoutMs / 1000} s:\n${handle.tail.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------- request bodies

/** A valid CPR number with a real birth date, as libs/testing's validCpr() (century digit 0-3 keeps 19xx). */
function validCpr() {
  const rnd = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo));
  const two = (n) => String(n).padStart(2, '0');
  return `${two(rnd(1, 29))}${two(rnd(1, 13))}${two(rnd(50, 100))}${rnd(0, 4)}${String(rnd(0, 1000)).padStart(3, '0')}`;
}

let sequence = 0;
let template;
/** A unique body per request: unique externalRef (per municipality) and a fresh random CPR. */
function makeBody() {
  return {
    externalRef: `BENCH-${RUN_ID}-${++sequence}`,
    municipalityCode: MUNICIPALITY,
    citizen: { cpr: validCpr(), name: 'Bench Borger', phone: '+4512345678', interpreterNeeded: false },
    caseworker: { name: 'Sagsbehandler Bench', email: 'sagsbehandler@kk.dk' },
    providerId: template.providerId,
    offerId: template.offerId,
    targetGroup: template.targetGroup,
    purposes: ['JOB'],
    focusPoints: ['Afklaring af arbejdsevne'],
    hoursPerWeek: 12,
    plannedStart: template.plannedStart,
    plannedWeeks: template.plannedWeeks,
    accommodations: ['Ingen tunge løft'],
  };
}

function mintToken() {
  return new SignJWT({ role: 'jobcenter', org: MUNICIPALITY, name: 'Benchmark' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(`bench-jobcenter-${MUNICIPALITY}`)
    .setIssuer(process.env.AUTH_ISSUER ?? 'jobplatform-dev')
    .setAudience(process.env.AUTH_AUDIENCE ?? 'jobplatform')
    .setIssuedAt()
    .setExpirationTime('6h')
    .sign(new TextEncoder().encode(process.env.AUTH_JWT_SECRET));
}

/** A JOB offer of a provider that serves the municipality, from the running service's catalogue. */
async function pickOffer(baseUrl, token) {
  const getAll = async (path) => {
    const items = [];
    for (let cursor; ;) {
      const url = `${baseUrl}${path}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) fail(`GET ${path} answered ${res.status}: ${await res.text()}`);
      const page = await res.json();
      items.push(...(Array.isArray(page) ? page : page.items));
      cursor = Array.isArray(page) ? undefined : page.nextCursor;
      if (!cursor) return items;
    }
  };
  const providers = new Map((await getAll('/api/v1/providers')).map((p) => [p.id, p]));
  const offer = (await getAll('/api/v1/offers')).find(
    (o) => o.packageType === 'JOB' && providers.get(o.providerId)?.municipalities?.includes(MUNICIPALITY),
  );
  if (!offer)
    fail(`no JOB offer of a provider serving ${MUNICIPALITY}: was the demo catalogue seeded (migrate.js --seed)?`);
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    providerId: offer.providerId,
    offerId: offer.id,
    offerName: `${providers.get(offer.providerId).name} / ${offer.name}`,
    targetGroup: offer.targetGroups?.[0] ?? 'CASH_BENEFIT',
    plannedStart: start,
    plannedWeeks: Math.min(13, offer.maxWeeks ?? 13),
  };
}

// ---------------------------------------------------------------------------------------------- load

let currentLoad;

function load(url, connections, seconds, headers) {
  return new Promise((res, rej) => {
    currentLoad = autocannon(
      {
        url,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        headers: { 'content-type': 'application/json', ...headers },
        requests: [
          {
            method: 'POST',
            path: '/api/v1/referrals',
            setupRequest(req) {
              req.body = JSON.stringify(makeBody());
              return req;
            },
          },
        ],
      },
      (error, result) => {
        currentLoad = undefined;
        if (error) rej(error);
        else res(result);
      },
    );
  });
}

/** CPU seconds of the parties of a run, so a result can be read as "who was busy". */
function cpuSnapshot(pids) {
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    target: cpuSeconds(pids.target),
    postgres: postgresCpu(),
    kafka: pids.kafka ? cpuSeconds(pids.kafka) : undefined,
    loadgen: (usage.user + usage.system) / 1e6,
    machine: os.cpus().reduce((sum, c) => sum + (c.times.user + c.times.nice + c.times.sys + c.times.irq) / 1000, 0),
  };
}

function cpuDelta(before, after, requests) {
  const wall = (after.at - before.at) / 1000;
  const out = { wall };
  const seconds = {};
  for (const key of ['target', 'kafka', 'loadgen', 'machine']) {
    seconds[key] = before[key] === undefined || after[key] === undefined ? undefined : after[key] - before[key];
  }
  seconds.postgres = postgresCpuDelta(before.postgres, after.postgres);
  // Whatever else ran on the machine meanwhile (other processes, the kernel): the noise.
  seconds.other =
    seconds.machine - ['target', 'postgres', 'kafka', 'loadgen'].reduce((sum, k) => sum + (seconds[k] ?? 0), 0);
  for (const [key, d] of Object.entries(seconds)) {
    out[key] =
      d === undefined ? undefined : { cores: d / wall, msPerRequest: requests > 0 ? (d * 1000) / requests : undefined };
  }
  return out;
}

async function phase({ label, target, url, connections, seconds, headers, pids, rssPid }) {
  process.stdout.write(`• ${label}: ${target} @ ${connections} connections for ${seconds} s … `);
  const before = cpuSnapshot(pids);
  const result = await load(url, connections, seconds, headers);
  const after = cpuSnapshot(pids);
  const ok = result['2xx'];
  const figures = {
    target,
    connections,
    seconds: result.duration,
    requests: result.requests.total,
    ok,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    cpu: cpuDelta(before, after, ok),
    rss: rssPid ? memory(rssPid) : undefined,
  };
  say(
    `${fmt(figures.rps)} req/s, p50 ${fmt(figures.p50)} ms, p99 ${fmt(figures.p99)} ms` +
      (figures.non2xx || figures.errors ? `, ${figures.non2xx} non-2xx, ${figures.errors} errors` : ''),
  );
  return figures;
}

// ---------------------------------------------------------------------------------------------- database and Kafka

async function withDb(fn) {
  const client = new pg.Client({ connectionString: DATABASE_URL, application_name: 'bench_driver' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureTopics(topics) {
  const admin = new kafkajs.Kafka({
    clientId: 'bench-setup',
    brokers: BROKERS,
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      });
    }
    let flush;
    try {
      const { brokers } = await admin.describeCluster();
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: kafkajs.ConfigResourceTypes.BROKER, name: String(brokers[0].nodeId) }],
      });
      const entries = described.resources[0].configEntries;
      const value = (name) => entries.find((e) => e.configName === name)?.configValue;
      flush = `log.flush.interval.messages=${value('log.flush.interval.messages')}, min.insync.replicas=${value('min.insync.replicas')}`;
    } catch {
      flush = 'unknown';
    }
    return { created: missing, flush };
  } finally {
    await admin.disconnect();
  }
}

async function deleteTopic(topic) {
  const admin = new kafkajs.Kafka({
    clientId: 'bench-cleanup',
    brokers: BROKERS,
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}

/** Waits until the service's outbox relay has published everything; returns the backlog found and the wait. */
async function drainOutbox(timeoutMs = 120_000) {
  return withDb(async (db) => {
    const backlog = async () =>
      Number((await db.query('SELECT count(*) AS n FROM referrals.outbox WHERE sent_at IS NULL')).rows[0].n);
    const start = performance.now();
    const initial = await backlog();
    let left = initial;
    while (left > 0 && performance.now() - start < timeoutMs) {
      await sleep(200);
      left = await backlog();
    }
    return { initial, left, seconds: (performance.now() - start) / 1000 };
  });
}

// ---------------------------------------------------------------------------------------------- the run

let baselineSchemaCreated = false;
let baselineTopicInUse = false;
let cleanedUp = false;

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  currentLoad?.stop();
  await Promise.allSettled([...children].map((c) => stopChild(c)));
  if (baselineSchemaCreated) {
    await withDb((db) => db.query(`DROP SCHEMA IF EXISTS ${BASELINE_SCHEMA} CASCADE`)).catch((e) =>
      process.stderr.write(`could not drop schema ${BASELINE_SCHEMA}: ${e.message}\n`),
    );
  }
  if (baselineTopicInUse) {
    await deleteTopic(BASELINE_TOPIC).catch((e) =>
      process.stderr.write(`could not delete topic ${BASELINE_TOPIC}: ${e.message}\n`),
    );
  }
}

process.on('SIGINT', () => {
  say('\n✗ interrupted; cleaning up …');
  cleanup().finally(() => process.exit(130));
});
process.on('SIGTERM', () => cleanup().finally(() => process.exit(143)));
// Last resort: never leave a child behind.
process.on('exit', () => {
  for (const c of children) c.child.kill('SIGKILL');
});

async function main() {
  if (!existsSync(SERVICE_ENTRY)) fail(`${SERVICE_ENTRY} does not exist: build first (npm run build)`);
  if (!process.env.AUTH_JWT_SECRET) fail('AUTH_JWT_SECRET is not set (and no .env.example to default it)');

  // Facts that decide how to read the figures.
  const pgFacts = await withDb(async (db) => {
    const show = async (name) => (await db.query(`SHOW ${name}`)).rows[0][name];
    const migrated = (await db.query("SELECT to_regclass('referrals.referral') AS t")).rows[0].t;
    if (!migrated) fail('referrals.referral does not exist: run node dist/services/referrals/src/migrate.js --seed');
    return {
      version: (await show('server_version')).split(' ')[0],
      synchronous_commit: await show('synchronous_commit'),
      fsync: await show('fsync'),
      wal_sync_method: await show('wal_sync_method'),
      shared_buffers: await show('shared_buffers'),
    };
  });
  const kafkaFacts = await ensureTopics([SERVICE_TOPIC, BASELINE_TOPIC]);
  baselineTopicInUse = true; // a bench-only topic: always removed again, also after an earlier aborted run

  const cpus = os.cpus();
  say('Referrals POST benchmark');
  say(
    `  run ${RUN_ID}; ${SECONDS} s per measurement, ${WARMUP_SECONDS} s warm-up, connections ${CONNECTIONS.join(', ')}`,
  );
  say(
    `  machine: ${cpus.length} × ${cpus[0]?.model.trim()}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  say(
    `  node ${process.version} (${os.platform()} ${os.release()}); service and baseline share the machine with the load generator`,
  );
  say(
    `  PostgreSQL ${pgFacts.version}: synchronous_commit=${pgFacts.synchronous_commit}, fsync=${pgFacts.fsync}, ` +
      `wal_sync_method=${pgFacts.wal_sync_method}, shared_buffers=${pgFacts.shared_buffers}`,
  );
  say(`  Kafka ${BROKERS.join(',')}: ${kafkaFacts.flush}; producers use acks=-1`);

  // The baseline's table: the same columns, defaults, indexes and constraints as the service's.
  await withDb(async (db) => {
    await db.query(`DROP SCHEMA IF EXISTS ${BASELINE_SCHEMA} CASCADE`);
    await db.query(`CREATE SCHEMA ${BASELINE_SCHEMA}`);
    baselineSchemaCreated = true;
    await db.query(`CREATE TABLE ${BASELINE_SCHEMA}.referral (LIKE referrals.referral INCLUDING ALL)`);
  });

  const childEnv = { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), NODE_OPTIONS: '' };
  const servicePort = await freePort(Number(process.env.BENCH_SERVICE_PORT ?? 3901));
  const serviceArgs = [];
  if (process.env.BENCH_PROFILE_DIR) {
    // --cpu-prof writes on a normal exit only; Nest re-raises SIGTERM after its shutdown hooks, so exit first.
    serviceArgs.push(
      '--cpu-prof',
      `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE_DIR)}`,
      '--import',
      'data:text/javascript,process.on("SIGTERM",()=>process.exit(0))',
    );
  }
  const service = startChild('referrals service', [...serviceArgs, SERVICE_ENTRY], {
    ...childEnv,
    REFERRALS_PORT: String(servicePort),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  });
  const baselinePort = await freePort(Number(process.env.BENCH_BASELINE_PORT ?? 3902));
  const baseline = startChild('baseline server', [join(HERE, 'baseline-server.mjs')], {
    ...childEnv,
    BASELINE_PORT: String(baselinePort),
    BASELINE_TABLE: `${BASELINE_SCHEMA}.referral`,
    BASELINE_TOPIC,
    BASELINE_POOL_SIZE: '20',
    DATABASE_URL,
  });
  await Promise.all([waitHealthy(service, servicePort), waitHealthy(baseline, baselinePort)]);
  say(
    `  service pid ${service.child.pid} on :${servicePort} (${SERVICE_ENTRY}); baseline pid ${baseline.child.pid} on :${baselinePort}`,
  );

  const startRss = memory(service.child.pid)?.rssMb;
  // Peak RSS: the kernel's high-water mark, sampled (and read once more at the end).
  let peakRss = 0;
  const sampler = setInterval(() => {
    const m = memory(service.child.pid);
    if (m) peakRss = Math.max(peakRss, m.hwmMb, m.rssMb);
  }, 250);
  sampler.unref();

  const token = await mintToken();
  const serviceUrl = `http://127.0.0.1:${servicePort}`;
  const baselineUrl = `http://127.0.0.1:${baselinePort}`;
  template = await pickOffer(serviceUrl, token);
  say(
    `  offer: ${template.offerName} (provider ${template.providerId}, offer ${template.offerId}), targetGroup ${template.targetGroup}`,
  );

  // One request each by hand first: a service that refuses the body must stop the run before it starts.
  for (const [name, url, headers] of [
    ['service', serviceUrl, { authorization: `Bearer ${token}` }],
    ['baseline', baselineUrl, {}],
  ]) {
    const res = await fetch(`${url}/api/v1/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(makeBody()),
    });
    if (res.status !== 201) fail(`the ${name} answered the probe request with ${res.status}: ${await res.text()}`);
  }

  const pids = { kafka: kafkaPid() };
  const serviceSide = {
    target: 'service',
    url: serviceUrl,
    headers: { authorization: `Bearer ${token}` },
    pids: { ...pids, target: service.child.pid },
    rssPid: service.child.pid,
  };
  const baselineSide = {
    target: 'baseline',
    url: baselineUrl,
    headers: {},
    pids: { ...pids, target: baseline.child.pid },
  };
  const ensureAlive = () => {
    for (const c of [service, baseline]) if (c.exited) fail(`${c.name} died during the run (${c.exit})`);
  };

  say();
  const warmups = [];
  warmups.push(await phase({ ...serviceSide, label: 'warm-up', connections: CONNECTIONS[0], seconds: WARMUP_SECONDS }));
  await drainOutbox();
  warmups.push(
    await phase({ ...baselineSide, label: 'warm-up', connections: CONNECTIONS[0], seconds: WARMUP_SECONDS }),
  );
  ensureAlive();

  const rows = [];
  for (const connections of CONNECTIONS) {
    const s = await phase({ ...serviceSide, label: 'measure', connections, seconds: SECONDS });
    ensureAlive();
    // The relay publishes after the response; a backlog at the end means Kafka work was left for later.
    s.outbox = await drainOutbox();
    if (s.outbox.left > 0) fail(`the outbox did not drain within 120 s (${s.outbox.left} rows left)`);
    const b = await phase({ ...baselineSide, label: 'measure', connections, seconds: SECONDS });
    ensureAlive();
    rows.push({ connections, service: s, baseline: b, ratio: s.rps / b.rps });
    await sleep(1000);
  }
  clearInterval(sampler);
  const finalMemory = memory(service.child.pid);
  if (finalMemory) peakRss = Math.max(peakRss, finalMemory.hwmMb);

  // Every 2xx must be a row: otherwise the figures count something else than created referrals.
  const counts = await withDb(async (db) => ({
    service: Number(
      (await db.query('SELECT count(*) AS n FROM referrals.referral WHERE external_ref LIKE $1', [`BENCH-${RUN_ID}-%`]))
        .rows[0].n,
    ),
    baseline: Number((await db.query(`SELECT count(*) AS n FROM ${BASELINE_SCHEMA}.referral`)).rows[0].n),
  }));

  // ------------------------------------------------------------------------------------------ report
  const all = [...warmups, ...rows.flatMap((r) => [r.service, r.baseline])];
  const okService = all.filter((f) => f.target === 'service').reduce((n, f) => n + f.ok, 0) + 1;
  const okBaseline = all.filter((f) => f.target === 'baseline').reduce((n, f) => n + f.ok, 0) + 1;

  say();
  say(`Results (${SECONDS} s each; req/s counts 2xx responses; latency from the load generator)`);
  const header = `${padEnd('conns', 6)}${padEnd('target', 10)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}${pad('2xx', 9)}${pad('non-2xx', 9)}${pad('errors', 8)}  ratio`;
  say(header);
  say('-'.repeat(header.length + 6));
  for (const r of rows) {
    for (const f of [r.service, r.baseline]) {
      say(
        `${padEnd(f.connections, 6)}${padEnd(f.target, 10)}${pad(fmt(f.rps), 9)}${pad(fmt(f.p50), 9)}${pad(fmt(f.p99), 9)}` +
          `${pad(fmt(f.max), 9)}${pad(f.ok, 9)}${pad(f.non2xx, 9)}${pad(f.errors, 8)}` +
          (f.target === 'service' ? `  ${fmt(r.ratio * 100)}% of baseline` : ''),
      );
    }
  }
  say();
  say('Where the CPU went (cores busy during the measurement, and CPU ms per created referral)');
  const cpuHeader = `${padEnd('conns', 6)}${padEnd('target', 10)}${pad('target', 16)}${pad('postgres*', 16)}${pad('kafka', 16)}${pad('load gen', 16)}${pad('other', 16)}${pad('machine', 16)}`;
  say(cpuHeader);
  say('-'.repeat(cpuHeader.length));
  const cell = (c) => (c ? `${fmt(c.cores, 2)} / ${fmt(c.msPerRequest, 2)}` : '—');
  for (const r of rows) {
    for (const f of [r.service, r.baseline]) {
      const c = f.cpu;
      say(
        `${padEnd(f.connections, 6)}${padEnd(f.target, 10)}${pad(cell(c.target), 16)}${pad(cell(c.postgres), 16)}` +
          `${pad(cell(c.kafka), 16)}${pad(cell(c.loadgen), 16)}${pad(cell(c.other), 16)}${pad(cell(c.machine), 16)}`,
      );
    }
  }
  say(
    `  cores / ms per request; * PostgreSQL backends of ${DATABASE_NAME} and its shared WAL writer, checkpointer etc.; other = everything else that ran ` +
      `(noise); machine = all ${cpus.length} CPUs.`,
  );
  say(
    `  outbox relay: ${rows.map((r) => `@${r.connections}: ${r.service.outbox.initial} unsent at the end, drained in ${fmt(r.service.outbox.seconds, 1)} s`).join('; ')}`,
  );
  say(
    `  rows written: service ${counts.service} for ${okService} 2xx, baseline ${counts.baseline} for ${okBaseline} 2xx (incl. warm-up and probe)`,
  );
  say(
    `  service peak RSS (VmHWM): ${fmt(peakRss, 1)} MiB (RSS once healthy, before any load: ${fmt(startRss, 1)} MiB)`,
  );

  say();
  say('Targets');
  const verdicts = [];
  const verdict = (label, pass, figure) => {
    verdicts.push({ label, pass, figure });
    say(`  ${pass ? 'PASS' : 'MISS'}  ${padEnd(label, 46)} ${figure}`);
  };
  for (const r of rows)
    verdict(
      `throughput ≥ ${TARGETS.ratio * 100}% of baseline @ ${r.connections}`,
      r.ratio >= TARGETS.ratio,
      `${fmt(r.ratio * 100, 1)}%`,
    );
  const p99Row = rows.find((r) => r.connections === TARGETS.p99AtConnections);
  if (p99Row)
    verdict(
      `p99 ≤ ${TARGETS.p99Ms} ms @ ${TARGETS.p99AtConnections}`,
      p99Row.service.p99 <= TARGETS.p99Ms,
      `${fmt(p99Row.service.p99)} ms`,
    );
  verdict(`service peak RSS ≤ ${TARGETS.rssMb} MiB`, peakRss <= TARGETS.rssMb, `${fmt(peakRss, 1)} MiB`);

  if (process.env.BENCH_JSON) {
    writeFileSync(
      resolve(process.env.BENCH_JSON),
      JSON.stringify(
        {
          runId: RUN_ID,
          seconds: SECONDS,
          node: process.version,
          cpus: cpus.length,
          postgres: pgFacts,
          kafka: kafkaFacts.flush,
          warmups,
          rows,
          peakRssMb: peakRss,
          startRssMb: startRss,
          counts,
          verdicts,
        },
        null,
        2,
      ),
    );
  }

  // A run with failed requests measured something else: refuse it.
  const invalid = all.filter((f) => f.non2xx > 0 || f.errors > 0 || f.timeouts > 0);
  if (counts.service < okService) fail(`the service answered ${okService} × 2xx but only ${counts.service} rows exist`);
  if (counts.baseline < okBaseline)
    fail(`the baseline answered ${okBaseline} × 2xx but only ${counts.baseline} rows exist`);
  if (invalid.length > 0) {
    const what = invalid.map(
      (f) =>
        `${f.target}@${f.connections}: status ${JSON.stringify(f.statusCodes)}, ${f.errors} errors, ${f.timeouts} timeouts`,
    );
    fail(
      `INVALID RUN — not every request got a 2xx:\n  ${what.join('\n  ')}\n  last service output:\n    ${service.tail.join('\n    ')}`,
    );
  }
  say();
  say(
    verdicts.every((v) => v.pass)
      ? 'All targets met.'
      : `${verdicts.filter((v) => !v.pass).length} target(s) missed (figures above).`,
  );
}

main()
  .then(async () => {
    await cleanup();
    process.exit(0);
  })
  .catch(async (error) => {
    process.stderr.write(`\n✗ ${error instanceof BenchError ? error.message : (error?.stack ?? String(error))}\n`);
    await cleanup();
    process.exit(1);
  });
