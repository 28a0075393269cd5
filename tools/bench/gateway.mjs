#!/usr/bin/env node
// Benchmark of the gateway's overhead: the same `referral(id)` query sent straight to the referrals subgraph and
// through the gateway, at the same concurrency, in one run (tools/bench/README.md).
//
//   npm run bench:gateway              (builds, starts Kafka/PostgreSQL, migrates and seeds first)
//   node tools/bench/gateway.mjs       (when that has been done already)
//
// Env: BENCH_SECONDS (20 per side and round), BENCH_ROUNDS (2: direct, gateway, direct, gateway…),
//      BENCH_CONNECTIONS (32), BENCH_JSON (write the figures as JSON to this file), plus the .env.example variables.
// Targets (issue 3): the gateway keeps ≥ 70% of the direct throughput and adds ≤ 3 ms at p50.
// Exit code 0 when the run was valid (targets met or not), 1 when it was not (non-2xx, GraphQL errors, a crash).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

process.removeAllListeners('warning');
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
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TARGETS = { ratio: 0.7, addedP50Ms: 3 };
const DIST = join(ROOT, 'dist');

const freePort = () =>
  new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });

const children = [];
function start(name, entry, env) {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c) => (log = (log + c).slice(-4000)));
  child.stderr.on('data', (c) => (log = (log + c).slice(-4000)));
  child.on('exit', (code) => {
    if (!stopping) {
      say(`✗ ${name} exited with ${code}:\n${log}`);
      process.exit(1);
    }
  });
  children.push(child);
  return child;
}
let stopping = false;
const stopAll = () => {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
};

async function waitHealthy(url, path = '/health') {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}${path}`)).ok) return;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not become healthy`);
}

function run(url, body, token) {
  return new Promise((res, rej) => {
    autocannon(
      {
        url: `${url}/graphql`,
        method: 'POST',
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      },
      (error, result) => (error ? rej(error) : res(result)),
    );
  });
}

async function main() {
  const { mintToken } = await import(join(DIST, 'libs/auth/src/index.js'));
  const auth = {
    jwtSecret: process.env.AUTH_JWT_SECRET,
    issuer: process.env.AUTH_ISSUER,
    audience: process.env.AUTH_AUDIENCE,
  };
  const [referralsPort, gatewayPort] = [await freePort(), await freePort()];
  const direct = `http://127.0.0.1:${referralsPort}`;
  const gateway = `http://127.0.0.1:${gatewayPort}`;
  start('referrals', join(DIST, 'services/referrals/src/main.js'), {
    REFERRALS_PORT: String(referralsPort),
    LOG_LEVEL: 'warn',
  });
  await waitHealthy(direct);
  start('gateway', join(DIST, 'services/gateway/src/main.js'), {
    GATEWAY_PORT: String(gatewayPort),
    REFERRALS_URL: direct,
    RATE_LIMIT_PER_MINUTE: '1000000000',
    LOG_LEVEL: 'warn',
  });
  // Only the referrals subgraph runs here, so the gateway's /health (every subgraph) stays 503: wait for liveness.
  await waitHealthy(gateway, '/health/live');

  const jobcenter = await mintToken(auth, { sub: 'bench-jobcenter', role: 'jobcenter', org: '101' }, 3600);
  const offers = await (
    await fetch(`${gateway}/api/v1/offers`, { headers: { authorization: `Bearer ${jobcenter}` } })
  ).json();
  const offer = offers.items.find((o) => o.packageType === 'JOB');
  const cpr = `0101${String(90 + Math.floor(Math.random() * 9)).padStart(2, '0')}`;
  let created;
  for (let serial = 0; serial < 10000 && !created; serial++) {
    const response = await fetch(`${gateway}/api/v1/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jobcenter}` },
      body: JSON.stringify({
        externalRef: `BENCH-GW-${Date.now()}-${serial}`,
        municipalityCode: '101',
        citizen: { cpr: `${cpr}${String(1000 + serial).slice(-4)}`, name: 'Bench Borger' },
        caseworker: { name: 'Bench' },
        providerId: offer.providerId,
        offerId: offer.id,
        targetGroup: 'CASH_BENEFIT',
        purposes: ['JOB'],
        hoursPerWeek: 12,
        plannedStart: '2026-12-01',
        plannedWeeks: 13,
      }),
    });
    if (response.status === 201) created = await response.json();
  }
  if (!created) throw new Error('could not create a referral to query');

  const query = JSON.stringify({
    query:
      'query($id: ID!) { referral(id: $id) { id externalRef status providerId municipalityCode targetGroup plannedStart history { status at by } } }',
    variables: { id: created.id },
  });
  for (const url of [direct, gateway]) {
    const check = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jobcenter}` },
      body: query,
    });
    const json = await check.json();
    if (json.errors || json.data?.referral?.id !== created.id)
      throw new Error(`bad answer from ${url}: ${JSON.stringify(json)}`);
  }

  say(`Gateway overhead: the same referral(id) query, ${CONNECTIONS} connections, ${ROUNDS}×${SECONDS} s per side`);
  say(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.versions.node}`);
  // Warm both paths (JIT, connection pools, token cache) before measuring.
  await Promise.all(
    [direct, gateway].map(
      (url) =>
        new Promise((r) =>
          autocannon(
            {
              url: `${url}/graphql`,
              method: 'POST',
              connections: 8,
              duration: Math.min(5, SECONDS),
              headers: { 'content-type': 'application/json', authorization: `Bearer ${jobcenter}` },
              body: query,
            },
            r,
          ),
        ),
    ),
  );

  const totals = { direct: [], gateway: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, url] of [
      ['direct', direct],
      ['gateway', gateway],
    ]) {
      const result = await run(url, query, jobcenter);
      const bad = result.non2xx + result.errors + result.timeouts;
      if (bad > 0)
        throw new Error(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
      totals[label].push(result);
      say(
        `  round ${round + 1} ${label.padEnd(8)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms`,
      );
    }
  }
  const summary = (results) => ({
    rps: results.reduce((s, r) => s + r.requests.average, 0) / results.length,
    p50: results.reduce((s, r) => s + r.latency.p50, 0) / results.length,
    p99: results.reduce((s, r) => s + r.latency.p99, 0) / results.length,
  });
  const d = summary(totals.direct);
  const g = summary(totals.gateway);
  const ratio = g.rps / d.rps;
  const added = g.p50 - d.p50;
  say('');
  say(
    `direct subgraph   ${d.rps.toFixed(0).padStart(6)} req/s   p50 ${d.p50.toFixed(1)} ms   p99 ${d.p99.toFixed(1)} ms`,
  );
  say(
    `through gateway   ${g.rps.toFixed(0).padStart(6)} req/s   p50 ${g.p50.toFixed(1)} ms   p99 ${g.p99.toFixed(1)} ms`,
  );
  say(
    `ratio ${(ratio * 100).toFixed(1)}% (target ≥ ${TARGETS.ratio * 100}%: ${ratio >= TARGETS.ratio ? 'met' : 'NOT met'})   ` +
      `added p50 ${added.toFixed(1)} ms (target ≤ ${TARGETS.addedP50Ms} ms: ${added <= TARGETS.addedP50Ms ? 'met' : 'NOT met'})`,
  );
  if (process.env.BENCH_JSON)
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({ direct: d, gateway: g, ratio, addedP50Ms: added }, null, 2));
}

main()
  .then(() => {
    stopAll();
    process.exit(0);
  })
  .catch((error) => {
    say(`✗ ${error instanceof Error ? error.message : String(error)}`);
    stopAll();
    process.exit(1);
  });
