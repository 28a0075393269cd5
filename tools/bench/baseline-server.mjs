#!/usr/bin/env node
// Baseline for tools/bench/referrals.mjs: the least work that still does what POST /api/v1/referrals must do,
// written by hand — parse the JSON body, one INSERT of the same row shape into an equivalent table, one Kafka
// send with acks=-1, then 201. No framework, no validation, no auth, no catalogue look-ups, no encryption, no
// outbox: the point is a floor to compare the service against on the same (noisy) machine in the same run.
//
// Started as a child process by referrals.mjs; configured only through the environment:
//   BASELINE_PORT (required), BASELINE_TABLE (default bench_baseline.referral), BASELINE_TOPIC (default
//   bench.baseline), BASELINE_POOL_SIZE (default 20), DATABASE_URL, KAFKA_BROKERS.
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import kafkajs from 'kafkajs';
import pg from 'pg';

const { Kafka, logLevel } = kafkajs;

// kafkajs 2.2.4 schedules a timer with a negative delay on Node ≥ 23 (TimeoutNegativeWarning); it is harmless.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') process.stderr.write(`${warning.stack ?? warning}\n`);
});

const PORT = Number(process.env.BASELINE_PORT);
const TABLE = process.env.BASELINE_TABLE ?? 'bench_baseline.referral';
const TOPIC = process.env.BASELINE_TOPIC ?? 'bench.baseline';
const POOL_SIZE = Number(process.env.BASELINE_POOL_SIZE ?? 20);
if (!Number.isInteger(PORT) || PORT <= 0) throw new Error('BASELINE_PORT must be set');
if (!/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/.test(TABLE)) throw new Error(`BASELINE_TABLE ${TABLE} is not schema.table`);

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/jobplatform',
  max: POOL_SIZE,
  application_name: 'bench_baseline',
});
const kafka = new Kafka({
  clientId: 'bench-baseline',
  brokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim()),
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer({ allowAutoTopicCreation: false });
await producer.connect();
await pool.query('SELECT 1');

const COLUMNS = [
  'id',
  'external_ref',
  'municipality_code',
  'provider_id',
  'offer_id',
  'package_type',
  'citizen_sealed',
  'citizen_pseudonym',
  'interpreter_needed',
  'caseworker',
  'target_group',
  'purposes',
  'focus_points',
  'hours_per_week',
  'planned_start',
  'planned_weeks',
  'planned_end',
  'status',
  'answer_due',
  'start_due',
  'received_at',
  'updated_at',
  'version',
];
const INSERT = `INSERT INTO ${TABLE} (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

const DAY = 86_400_000;
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

async function createReferral(body) {
  const now = new Date();
  const id = randomUUID();
  const plannedEnd = isoDate(Date.parse(body.plannedStart) + (body.plannedWeeks * 7 - 1) * DAY);
  const row = [
    id,
    body.externalRef,
    body.municipalityCode,
    body.providerId,
    body.offerId,
    'JOB',
    // The service encrypts these; here they are stored as plain JSON (a baseline does the least work).
    JSON.stringify({ ...body.citizen, accommodations: body.accommodations ?? [] }),
    createHash('sha256').update(body.citizen.cpr).digest('hex'),
    body.citizen.interpreterNeeded ?? false,
    JSON.stringify(body.caseworker),
    body.targetGroup,
    body.purposes,
    body.focusPoints ?? [],
    body.hoursPerWeek,
    body.plannedStart,
    body.plannedWeeks,
    plannedEnd,
    'RECEIVED',
    isoDate(now.getTime() + 2 * DAY),
    isoDate(now.getTime() + 21 * DAY),
    now,
    now,
    1,
  ];
  await pool.query(INSERT, row);
  await producer.send({
    topic: TOPIC,
    acks: -1,
    messages: [
      {
        key: id,
        value: JSON.stringify({
          referralId: id,
          externalRef: body.externalRef,
          municipalityCode: body.municipalityCode,
          providerId: body.providerId,
          offerId: body.offerId,
          targetGroup: body.targetGroup,
          plannedStart: body.plannedStart,
          plannedWeeks: body.plannedWeeks,
          receivedAt: now.toISOString(),
        }),
        headers: { ce_id: randomUUID(), ce_type: 'bench.baseline.ReferralReceived', ce_source: 'bench-baseline' },
      },
    ],
  });
  return id;
}

function send(res, status, payload, headers = {}) {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
  if (req.method !== 'POST' || req.url !== '/api/v1/referrals') return send(res, 404, { status: 404 });
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { status: 400, detail: 'body is not JSON' });
    }
    createReferral(body).then(
      (id) => send(res, 201, { id, status: 'RECEIVED' }, { location: `/api/v1/referrals/${id}` }),
      (error) => {
        process.stderr.write(`baseline: ${error?.message ?? error}\n`);
        send(res, 500, { status: 500, detail: String(error?.message ?? error) });
      },
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(PORT, '127.0.0.1', () => process.stdout.write(`baseline listening on http://127.0.0.1:${PORT}\n`));

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  server.close();
  server.closeAllConnections?.();
  await Promise.allSettled([producer.disconnect(), pool.end()]);
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
