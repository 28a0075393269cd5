/**
 * The soak (issue 13, ADR 0074): the whole platform on free ports, N minutes of mixed normal traffic through the
 * gateway plus a steady stream of hostile inputs, and each service's memory every minute.
 *
 *   npm run soak                      (builds first; 20 minutes)
 *   SOAK_MINUTES=5 npm run soak
 *
 * Env: SOAK_MINUTES (20), SOAK_WARMUP_MINUTES (5: samples before this are warm-up), SOAK_WORKERS (4 normal
 * clients), SOAK_HOSTILE_CLIENTS (2, each sending the hostile inputs one after another), SOAK_SKIP (hostile inputs
 * to leave out, by label, comma-separated), SOAK_SAMPLE_SECONDS (60), SOAK_NODE_OPTIONS and SOAK_MALLOC_ARENA_MAX
 * (to measure other settings), plus the .env.example variables (PostgreSQL, Kafka). Each service otherwise runs
 * with the memory settings of tools/services.json, as npm start, compose and Kubernetes run it.
 *
 * Every minute it prints each service's RSS, V8 heap total and used, and external memory; a process that exits is
 * restarted and reported. Then a table and the verdict: flat (the mean of the last three samples within 10 % of the
 * mean of the first three after warm-up) and below 80 % of the container limit at its peak. Exit code 1 when a
 * service is not, when a process exited, or when anything answered 5xx.
 * Not part of npm test: it takes 20 minutes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createJobplatformClient } from '@jobplatform/client';
import { todayInCopenhagen } from '@platform/domain-kernel';
import { PlacementBuilder, ReferralBuilder, tokenFor } from '../../libs/testing/src/builders';
import { REPO_ROOT } from '../../libs/testing/src/env';
import { startStack, type Stack } from '../../libs/testing/src/stack';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 20);
const WARMUP_MINUTES = Number(process.env.SOAK_WARMUP_MINUTES ?? Math.min(5, MINUTES / 4));
const WORKERS = Number(process.env.SOAK_WORKERS ?? 4);
const HOSTILE = Number(process.env.SOAK_HOSTILE_CLIENTS ?? 2);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 60) * 1000;
const BODY_LIMIT = Number(process.env.BODY_LIMIT_BYTES ?? 2 * 1024 * 1024);
/** Hostile inputs left out, by label (comma-separated), e.g. to measure the rest while one still ends a process. */
const SKIP = new Set((process.env.SOAK_SKIP ?? '').split(',').map((label) => label.trim()));

interface ServiceMemory {
  name: string;
  memory: { containerMi: number; env: Record<string, string> };
}
const SERVICES = JSON.parse(readFileSync(join(REPO_ROOT, 'tools', 'services.json'), 'utf8')) as ServiceMemory[];

// kafkajs' retry timers print a TimeoutNegativeWarning under load (as in tools/bench); nothing to act on.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') process.stderr.write(`${warning.stack ?? String(warning)}\n`);
});

const say = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / (1024 * 1024);

interface Sample {
  minute: number;
  load: number;
  memory: Record<string, { rss: number; heap: number; heapTotal: number; external: number } | undefined>;
}

/** RSS, V8 heap used and committed (total), and external memory (Buffers) of a process, from its /metrics. */
async function memoryOf(url: string) {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
    return {
      rss: mb(value('process_resident_memory_bytes')),
      heap: mb(value('nodejs_heap_size_used_bytes')),
      heapTotal: mb(value('nodejs_heap_size_total_bytes')),
      external: mb(value('nodejs_external_memory_bytes')),
    };
  } catch {
    return undefined;
  }
}

/** Answers by kind of traffic and status class, e.g. counts.normal['2xx']. */
const counts: Record<'normal' | 'hostile', Record<string, number>> = { normal: {}, hostile: {} };
const fivexx: string[] = [];
/** Statuses of each hostile input, e.g. byInput['deep JSON'][400]. */
const byInput: Record<string, Record<number, number>> = {};
function count(kind: 'normal' | 'hostile', label: string, status: number) {
  const bucket = `${Math.floor(status / 100)}xx`;
  counts[kind][bucket] = (counts[kind][bucket] ?? 0) + 1;
  if (kind === 'hostile') {
    const tally = (byInput[label.split(':')[0]] ??= {});
    tally[status] = (tally[status] ?? 0) + 1;
  }
  if (status >= 500 && fivexx.length < 50) fivexx.push(`${kind} ${label}: ${status}`);
}

/** One integrating system's day: a course from referral to placement, measurements, logbook, reads and GraphQL. */
async function normalTraffic(stack: Stack, until: number, worker: number): Promise<void> {
  const jobcenterToken = await tokenFor('jobcenter', '101', `soak-jobcenter-${worker}`);
  const jobcenter = createJobplatformClient({ baseUrl: stack.gateway, token: jobcenterToken, retries: 3 });
  const analyst = createJobplatformClient({ baseUrl: stack.gateway, token: await tokenFor('analyst', '101') });
  const offers = await jobcenter.GET('/api/v1/offers');
  const offer = offers.data?.items.find((o) => o.packageType === 'JOB');
  if (!offer) throw new Error(`no JOB offer in the demo catalogue (${offers.response.status})`);
  const providerToken = await tokenFor('provider', offer.providerId, `soak-provider-${worker}`);
  const provider = createJobplatformClient({ baseUrl: stack.gateway, token: providerToken, retries: 3 });
  const note = <T extends { response: Response }>(label: string, result: T): T => {
    count('normal', label, result.response.status);
    return result;
  };
  for (let round = 0; Date.now() < until; round++) {
    try {
      const today = todayInCopenhagen();
      const body = ReferralBuilder.valid().forProvider(offer.providerId, offer.id).with({ plannedStart: today });
      const created = note(
        'createReferral',
        await jobcenter.POST('/api/v1/referrals', { body: body.build() as never }),
      );
      const id = created.data?.id;
      if (!id) continue;
      const path = { params: { path: { id } } };
      note('accept', await provider.POST('/api/v1/referrals/{id}/accept', { ...path, body: {} }));
      note('start', await provider.POST('/api/v1/referrals/{id}/start', { ...path, body: { startDate: today } }));
      const measurement = {
        scale: 'LADDER_12',
        measuredAt: today,
        values: { step: 1 + (round % 12) },
        assessor: 'PROFESSIONAL' as const,
      };
      note('measurement', await provider.POST('/api/v1/referrals/{id}/measurements', { ...path, body: measurement }));
      const placement = note(
        'placement',
        await provider.POST('/api/v1/referrals/{id}/placements', {
          ...path,
          body: PlacementBuilder.valid().startingOn(today).build() as never,
        }),
      );
      const placementId = placement.data?.id;
      if (placementId) {
        const entries = Array.from({ length: 5 }, () => ({
          date: today,
          hoursWorked: 3,
          sick: false,
          leftEarly: false,
        }));
        note(
          'logbook',
          await provider.POST('/api/v1/placements/{id}/logbook', {
            params: { path: { id: placementId } },
            body: { entries },
          }),
        );
        note('getPlacement', await provider.GET('/api/v1/placements/{id}', { params: { path: { id: placementId } } }));
      }
      note('getReferral', await jobcenter.GET('/api/v1/referrals/{id}', path));
      note('listReferrals', await jobcenter.GET('/api/v1/referrals'));
      note('listPlacements', await provider.GET('/api/v1/referrals/{id}/placements', path));
      note('listMeasurements', await jobcenter.GET('/api/v1/referrals/{id}/measurements', path));
      note('scales', await provider.GET('/api/v1/scales'));
      const graphql = await fetch(`${stack.gateway}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jobcenterToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query($id: ID!) { referral(id: $id) { id status } scales { code version } }',
          variables: { id },
        }),
      });
      await graphql.arrayBuffer();
      count('normal', 'graphql', graphql.status);
      if (round % 10 === worker % 10) {
        const csv = await analyst.GET('/api/v1/reports/courses.csv', { parseAs: 'text' });
        note('exportCsv', csv);
      }
    } catch (error) {
      count('normal', `error ${(error as Error).message}`, 599);
    }
  }
}

/** Nested `{"a":{"a":…}}` `depth` levels deep. */
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** The hostile inputs of issue 13, over and over, one at a time (as one abusive client sends them). */
async function hostileTraffic(stack: Stack, until: number): Promise<void> {
  const jobcenter = await tokenFor('jobcenter', '101', 'soak-hostile');
  const admin = await tokenFor('admin', '', 'soak-hostile-admin');
  const offers = await fetch(`${stack.gateway}/api/v1/offers`, { headers: { authorization: `Bearer ${jobcenter}` } });
  const { items } = (await offers.json()) as { items: { providerId: string }[] };
  const provider = await tokenFor('provider', items[0].providerId, 'soak-hostile-provider');
  const expired = jobcenter.replace(/\.[^.]+$/, '.AAAA');
  const send = async (label: string, path: string, token: string, body: string, method = 'POST') => {
    if (SKIP.has(label)) return;
    try {
      const response = await fetch(`${stack.gateway}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : body,
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
      count('hostile', label, response.status);
    } catch (error) {
      count('hostile', `${label}: ${(error as Error).message}`, 599);
    }
  };
  const referral = (patch: object) =>
    JSON.stringify({ ...ReferralBuilder.valid().forProvider('00000000', randomUUID()).build(), ...patch });
  const someId = randomUUID();
  while (Date.now() < until) {
    // A body just under the limit (one huge string), and one just over it.
    await send('large body', '/api/v1/referrals', jobcenter, referral({ externalRef: 'x'.repeat(BODY_LIMIT - 2000) }));
    await send('over the limit', '/api/v1/referrals', jobcenter, referral({ externalRef: 'x'.repeat(BODY_LIMIT) }));
    // 100,000-element arrays: a logbook of empty entries, a scale with 100k dimensions, 100k purposes.
    const empties = JSON.stringify({ entries: Array.from({ length: 100_000 }, () => ({})) });
    await send('100k logbook entries', `/api/v1/placements/${someId}/logbook`, provider, empties);
    const dimensions = Array.from({ length: 100_000 }, () => ({}));
    await send('100k scale dimensions', '/api/v1/scales', admin, JSON.stringify({ code: 'SOAK', dimensions }));
    await send('100k purposes', '/api/v1/referrals', jobcenter, referral({ purposes: Array(100_000).fill('JOB') }));
    // Deep JSON.
    await send('deep JSON', '/api/v1/referrals', jobcenter, deepJson(10_000));
    await send('deep JSON field', '/api/v1/referrals', jobcenter, referral({ citizen: JSON.parse(deepJson(2_000)) }));
    // An 8000-field GraphQL query, and 8000 aliases.
    const fields = JSON.stringify({ query: `{ scales { ${'code '.repeat(8000)}} }` });
    await send('8000-field GraphQL', '/graphql', jobcenter, fields);
    const aliases = JSON.stringify({
      query: `{ ${Array.from({ length: 8000 }, (_, i) => `a${i}: scales { code }`).join(' ')} }`,
    });
    await send('8000 aliases', '/graphql', jobcenter, aliases);
    // Lone surrogates, in REST and GraphQL.
    await send(
      'lone surrogate',
      '/api/v1/referrals',
      jobcenter,
      referral({ caseworker: { name: 'x', email: '\ud800' } }),
    );
    const mutation = JSON.stringify({
      query: 'mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }',
      variables: { input: JSON.parse(referral({ citizen: { cpr: '0101001234', name: '\udc00' } })) },
    });
    await send('lone surrogate GraphQL', '/graphql', jobcenter, mutation);
    // Invalid tokens: garbage, a forged signature, none.
    await send('garbage token', '/api/v1/referrals', 'not-a-token', '', 'GET');
    await send('forged token', '/api/v1/referrals', expired, '', 'GET');
    await send('no token', '/api/v1/referrals', '', '', 'GET');
    await sleep(200);
  }
}

function judge(samples: Sample[]) {
  const after = samples.filter((s) => s.minute >= WARMUP_MINUTES);
  return SERVICES.map((service) => {
    const rss = (list: Sample[]) =>
      list.map((s) => s.memory[service.name]?.rss).filter((v): v is number => v !== undefined);
    const curve = rss(after);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const first = mean(curve.slice(0, 3));
    const last = mean(curve.slice(-3));
    const drift = first > 0 ? (last - first) / first : NaN;
    const peak = Math.max(...rss(samples));
    const peakShare = peak / service.memory.containerMi;
    const heapPeak = Math.max(...samples.map((s) => s.memory[service.name]?.heap ?? 0));
    return {
      name: service.name,
      first,
      last,
      drift,
      peak,
      heapPeak,
      peakShare,
      flat: curve.length >= 2 && Math.abs(drift) <= 0.1,
      below: peakShare < 0.8,
    };
  });
}

async function main() {
  say(`Soak: ${MINUTES} min (warm-up ${WARMUP_MINUTES} min), ${WORKERS} normal clients, ${HOSTILE} hostile clients`);
  say(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  // SOAK_NODE_OPTIONS and SOAK_MALLOC_ARENA_MAX replace every service's settings (to measure others).
  const overrides = Object.fromEntries(
    ['NODE_OPTIONS', 'MALLOC_ARENA_MAX']
      .filter((name) => process.env[`SOAK_${name}`] !== undefined)
      .map((name) => [name, process.env[`SOAK_${name}`] as string]),
  );
  const stack = await startStack(overrides);
  // Interrupted (Ctrl-C, kill): the stack's processes go too, not left running on their ports.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stack.stop().finally(() => process.exit(130)));
  }
  const samples: Sample[] = [];
  const exits: string[] = [];
  const started = Date.now();
  const until = started + MINUTES * 60_000;
  const header = SERVICES.map((s) => s.name.padStart(26)).join('');
  say('memory settings:');
  for (const s of SERVICES)
    say(
      `  ${s.name.padEnd(12)} ${JSON.stringify({ ...s.memory.env, ...overrides })}, limit ${s.memory.containerMi} Mi`,
    );
  say('');
  say(`  min   load${header}`);
  say(`              ${SERVICES.map(() => 'RSS/heap total/used/ext'.padStart(26)).join('')}`);
  const sample = async () => {
    const minute = Math.round((Date.now() - started) / 60_000);
    const memory = Object.fromEntries(
      await Promise.all(SERVICES.map(async (s) => [s.name, await memoryOf(stack.metrics[s.name])] as const)),
    );
    const load = loadavg()[0];
    samples.push({ minute, load, memory });
    const cells = SERVICES.map((s) => {
      const m = memory[s.name];
      const cell = m && [m.rss, m.heapTotal, m.heap, m.external].map((v) => v.toFixed(0)).join(' / ');
      return (cell ?? 'no answer in 10 s').padStart(26);
    });
    say(`  ${String(minute).padStart(3)}  ${load.toFixed(2).padStart(5)}${cells.join('')}`);
  };
  // A process that exits (e.g. V8's heap limit reached: a fatal error) is started again, as the supervisor of npm
  // start and Kubernetes would; each exit is printed and counted, and the run fails.
  let restarting = Promise.resolve();
  const watch = setInterval(() => {
    const news = stack.unexpectedExits().slice(exits.length);
    exits.push(...news);
    for (const exit of news) {
      const name = exit.split(' ')[0];
      say(`  ✗ ${exit} at ${((Date.now() - started) / 60_000).toFixed(1)} min; restarting it`);
      const logs = stack.logs(name).trim().split('\n');
      say(
        `    ${([...logs].reverse().find((line) => /FATAL ERROR|heap out of memory/.test(line)) ?? logs.at(-1) ?? '').slice(0, 300)}`,
      );
      restarting = restarting
        .then(() => stack.restart(name))
        .catch((error) => {
          say(`  ✗ ${String(error)}`);
        });
    }
  }, 1000);
  try {
    await sample();
    const traffic = Promise.all([
      ...Array.from({ length: WORKERS }, (_, i) => normalTraffic(stack, until, i)),
      ...Array.from({ length: HOSTILE }, () => hostileTraffic(stack, until)),
    ]);
    let done = false;
    void traffic.finally(() => (done = true));
    while (!done && Date.now() < until) {
      await Promise.race([sleep(SAMPLE_MS - ((Date.now() - started) % SAMPLE_MS)), traffic]);
      if (Date.now() < until) await sample();
    }
    await traffic;
    await sample();
  } finally {
    clearInterval(watch);
    await restarting;
    await stack.stop();
  }

  const verdicts = judge(samples);
  say('');
  say(
    `  ${'service'.padEnd(12)} ${'RSS after warm-up'.padStart(18)} ${'RSS at end'.padStart(11)} ${'drift'.padStart(7)} ` +
      `${'peak RSS'.padStart(9)} ${'peak heap'.padStart(10)} ${'limit'.padStart(7)} ${'peak/limit'.padStart(10)}  verdict`,
  );
  for (const v of verdicts) {
    const limit = SERVICES.find((s) => s.name === v.name)!.memory.containerMi;
    say(
      `  ${v.name.padEnd(12)} ${`${v.first.toFixed(0)} MB`.padStart(18)} ${`${v.last.toFixed(0)} MB`.padStart(11)} ` +
        `${`${(v.drift * 100).toFixed(1)} %`.padStart(7)} ${`${v.peak.toFixed(0)} MB`.padStart(9)} ` +
        `${`${v.heapPeak.toFixed(0)} MB`.padStart(10)} ${`${limit} Mi`.padStart(7)} ${`${(v.peakShare * 100).toFixed(0)} %`.padStart(10)}  ` +
        `${v.flat ? 'flat' : 'NOT FLAT'}, ${v.below ? 'below 80 %' : 'ABOVE 80 %'}`,
    );
  }
  say('');
  say(`normal traffic: ${JSON.stringify(counts.normal)}; hostile inputs: ${JSON.stringify(counts.hostile)}`);
  say('hostile inputs by status:');
  for (const [input, tally] of Object.entries(byInput)) say(`  ${input.padEnd(24)} ${JSON.stringify(tally)}`);
  say(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (exits.length > 0) say(`✗ ${exits.length} process exits (each restarted): ${exits.join(', ')}`);
  if (fivexx.length > 0) say(`✗ 5xx answers (first ${fivexx.length}):\n  ${fivexx.join('\n  ')}`);
  const good = verdicts.every((v) => v.flat && v.below) && exits.length === 0 && fivexx.length === 0;
  say(good ? '✓ every service flat within 10 % after warm-up and below 80 % of its limit' : '✗ see above');
  process.exit(good ? 0 : 1);
}

main().catch((error) => {
  say(`✗ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
