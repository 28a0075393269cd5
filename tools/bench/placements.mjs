#!/usr/bin/env node
// Benchmark of the placements service's hot paths (tools/bench/README.md has the referrals one this follows):
//   GET  /api/v1/placements/{id}              a placement with its hours history, follow-ups, due dates, logbook
//   POST /api/v1/placements/{id}/follow-ups    one transaction (follow-up row + outbox event), relay to Kafka
//
//   npm run bench:placements          (builds, starts Kafka/PostgreSQL and migrates first)
//   node tools/bench/placements.mjs   (when that has been done already)
//
// Env: BENCH_SECONDS (15), BENCH_CONNECTIONS (32), BENCH_PLACEMENTS (16: follow-ups are spread over them), BENCH_DIST (<repo>/dist), plus the .env.example variables.
// The service runs as its own child on a throwaway database; the course it places the citizen in arrives as real
// events on referrals.events.v1. Exit code 1 when any response was not 2xx or the setup failed.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import kafkajs from 'kafkajs';
import pg from 'pg';

process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') process.stderr.write(`${warning.stack ?? warning}\n`);
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const file of ['.env.example', '.env']) {
  if (!existsSync(join(ROOT, file))) continue;
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && (process.env[match[1]] === undefined || file === '.env')) process.env[match[1]] = match[2];
  }
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DIST = resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist'));
const BASE_URL = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/jobplatform');
const DATABASE = `jp_bench_placements_${Date.now().toString(36)}`;
const BROKERS = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim());
const PROVIDER = '29403473';
const PLACEMENTS = Number(process.env.BENCH_PLACEMENTS ?? 16);

const require = createRequire(import.meta.url);
const contracts = require(join(DIST, 'libs/contracts/src/index.js'));

const freePort = () =>
  new Promise((res) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });

const rssMb = (pid) => {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
};

async function admin(sql) {
  const url = new URL(BASE_URL);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const token = (role, org) =>
  new SignJWT({ role, org, name: `Bench ${role}` })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(`bench-${role}`)
    .setIssuer(process.env.AUTH_ISSUER)
    .setAudience(process.env.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(process.env.AUTH_JWT_SECRET));

/** Publishes a started course on referrals.events.v1, as the referrals service would. */
async function publishStartedCourse(referralId) {
  const kafka = new kafkajs.Kafka({
    clientId: 'bench-placements',
    brokers: BROKERS,
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const send = async (type, init) => {
    const { schema } = contracts.EVENT_REGISTRY.get(type);
    const value = Buffer.from(contracts.encodeEvent(type, contracts.create(schema, init)));
    const headers = {
      ce_id: randomUUID(),
      ce_type: type,
      ce_source: 'bench',
      ce_time: new Date().toISOString(),
      ce_subject: referralId,
      'content-type': 'application/protobuf',
    };
    await producer.send({ topic: contracts.REFERRALS_TOPIC, messages: [{ key: referralId, value, headers }] });
    await sleep(2);
  };
  await send('referrals.events.v1.ReferralReceived', {
    referralId,
    externalRef: `BENCH-${referralId}`,
    municipalityCode: '101',
    providerId: PROVIDER,
    offerId: randomUUID(),
    packageType: 'JOB',
    targetGroup: 'CASH_BENEFIT',
    purposes: ['SMALL_JOB'],
    hoursPerWeek: 37,
    plannedStart: '2026-01-05',
    plannedWeeks: 104,
    citizenPseudonym: 'bench',
    receivedAt: new Date().toISOString(),
    answerDue: '2026-01-05',
    startDue: '2026-01-05',
  });
  await send('referrals.events.v1.CourseStarted', { referralId, startDate: '2026-01-05' });
  await producer.disconnect();
}

async function load(title, options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  say(
    `${title.padEnd(34)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms` +
      `   p99 ${String(result.latency.p99).padStart(4)} ms   non-2xx/errors ${non2xx}`,
  );
  return non2xx;
}

async function main() {
  if (!existsSync(join(DIST, 'services/placements/src/main.js'))) throw new Error('build first (npm run build)');
  const url = new URL(BASE_URL);
  url.pathname = `/${DATABASE}`;
  await admin(`CREATE DATABASE ${DATABASE}`);
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    PLACEMENTS_PORT: String(await freePort()),
    PLACEMENTS_CONSUMER_GROUP: `bench-placements-${Date.now()}`,
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [join(DIST, 'services/placements/src/main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${env.PLACEMENTS_PORT}`;
  let failures = 0;
  try {
    for (let i = 0; ; i++) {
      if (i > 150) throw new Error('the service did not become healthy');
      if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
      await sleep(200);
    }
    const provider = await token('provider', PROVIDER);
    const auth = { authorization: `Bearer ${provider}`, 'content-type': 'application/json' };
    // One placement per course on PLACEMENTS courses: a provider writes to many placements at once, not to one.
    const body = JSON.stringify({
      type: 'INTERNSHIP',
      internal: false,
      employer: { cvr: '29403473', name: 'Bench ApS' },
      startDate: '2026-01-12',
      hoursPerWeek: 6,
      agreement: {
        workFunctions: ['Lager'],
        trainingGoals: ['Stabilt fremmøde'],
        accommodations: ['Ingen tunge løft'],
        aids: [],
        support: ['Kontaktperson'],
        followUp: { citizenEveryDays: 7, employerEveryDays: 14 },
      },
    });
    const placementIds = [];
    for (let n = 0; n < PLACEMENTS; n++) {
      const referralId = randomUUID();
      await publishStartedCourse(referralId);
      for (let i = 0; placementIds.length === n; i++) {
        if (i > 150) throw new Error('the referral never reached the projection');
        const res = await fetch(`${base}/api/v1/referrals/${referralId}/placements`, {
          method: 'POST',
          headers: auth,
          body,
        });
        if (res.status === 201) placementIds.push((await res.json()).id);
        else await sleep(200);
      }
    }
    const placementId = placementIds[0];
    say(`placements bench: ${SECONDS} s per scenario, ${CONNECTIONS} connections, service pid ${child.pid}`);
    let day = 0;
    const followUp = () => {
      // Dates from the placement start on, never in the future: one per request, cycling through 2026.
      const date = new Date(Date.UTC(2026, 0, 12 + (day++ % 300))).toISOString().slice(0, 10);
      return JSON.stringify({
        date,
        mode: 'PHONE',
        participants: ['CITIZEN'],
        attendancePct: 90,
        effectivenessPct: 50,
        observations: { attendance: 'Møder stabilt' },
      });
    };
    let next = 0;
    failures += await load('POST /placements/{id}/follow-ups', {
      url: base,
      method: 'POST',
      headers: auth,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/placements/${placementIds[next++ % placementIds.length]}/follow-ups`,
            body: followUp(),
          }),
        },
      ],
    });
    // The GET after the writes: a placement with hundreds of follow-ups is the heavy end of a real one.
    const followUps = (await (await fetch(`${base}/api/v1/placements/${placementId}`, { headers: auth })).json())
      .followUps.length;
    failures += await load(`GET /placements/{id} (${followUps} f-ups)`, {
      url: `${base}/api/v1/placements/${placementId}`,
      headers: auth,
    });
    say(`peak RSS of the service: ${rssMb(child.pid)?.toFixed(0) ?? '—'} MiB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((res) => child.once('exit', res));
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
  if (failures > 0) {
    say(`✗ ${failures} responses were not 2xx`);
    process.exit(1);
  }
}

main().catch((error) => {
  say(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
