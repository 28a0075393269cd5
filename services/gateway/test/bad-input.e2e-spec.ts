import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { ALL_TOPICS } from '@platform/contracts';
import { todayInCopenhagen } from '@platform/domain-kernel';
import {
  applyAll,
  ensureBroker,
  names,
  operationsOf,
  PlacementBuilder,
  planGraphql,
  planRest,
  PlatformClient,
  readSupergraph,
  REPO_ROOT,
  serialiseBody,
  startStack,
  strictest,
  tokenFor,
  type GeneratedInput,
  type GraphqlPlan,
  type InputMutation,
  type Ids,
  type OpenApiDocument,
  type RestInput,
  type RestPlan,
  type Stack,
} from '@platform/testing';

// The whole platform as processes, then ~18,000 requests.
jest.setTimeout(300_000);

/** Inputs per operation (issue 13 asks for at least 300); BAD_INPUTS shrinks it for a quick local run. */
const PER_OPERATION = Number(process.env.BAD_INPUTS ?? 300);
/**
 * fast-check's seed, printed with every run: fixed by default so that `npm test` judges the same 18,900 inputs on every
 * machine (a red CI run is then a regression, not a new draw); BAD_INPUT_SEED=random draws new ones to explore, and
 * BAD_INPUT_SEED=<n> replays a run.
 */
const SEED =
  process.env.BAD_INPUT_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.BAD_INPUT_SEED ?? 719037092);
/** Requests in flight at once. */
const CONCURRENCY = 8;

const supergraph = () =>
  readSupergraph(readFileSync(join(REPO_ROOT, 'services', 'gateway', 'supergraph.graphql'), 'utf8'));

/**
 * Known findings owned by another part of issue 13 (h3: DTO bounds and the shared pipe's pre-check). They are not
 * sent while open, because the junk would be stored and the no-write assertion would hide everything else.
 */
const KNOWN_OPEN: { finding: string; operations: string[]; matches: (m: InputMutation) => boolean }[] = [];
const isKnown = (operation: string, mutation: InputMutation) =>
  KNOWN_OPEN.some((k) => k.operations.includes(operation) && k.matches(mutation));

/** Percent-encoding that keeps a lone surrogate (as the WTF-8 bytes a hostile client sends). */
const encode = (text: string): string =>
  Array.from(text)
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        const c = ch.charCodeAt(0);
        return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      }
    })
    .join('');

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
}

interface ErrorEntry {
  field?: unknown;
  message?: unknown;
}

const errorsOf = (body: unknown): ErrorEntry[] => {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as ErrorEntry[]) : [];
};

/** Whether an error field names a mutation (`prefix`: where the mutated item sits, e.g. a batch item). */
const namesMutation = (field: string, m: InputMutation, prefix: readonly (string | number)[] = []): boolean => {
  if (m.atRoot) return field === '';
  // A parameter is named as sent; one that looks like an index (`?4=`) may be spelt `[4]`.
  if (m.where !== 'body') {
    const name = String(m.path[0]).toLowerCase();
    return field.toLowerCase() === name || field === `[${name}]`;
  }
  return names(field, { op: m.op, path: m.path.slice(prefix.length) });
};

describe('generated bad input against every operation of the documents, through the gateway', () => {
  let stack: Stack;
  let kafka: Kafka;
  let db: Client;
  let ids: Ids;
  let tokens: Record<string, string>;
  const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'contracts', 'openapi.json'), 'utf8')) as OpenApiDocument;

  /** Row count of every table of every schema in the stack's database. */
  const rowCounts = async (): Promise<Record<string, number>> => {
    const tables = await db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const { schema, name } of tables.rows) {
      const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${name}"`);
      counts[`${schema}.${name}`] = Number(result.rows[0].n);
    }
    return counts;
  };

  /** End offset of every partition of every event topic (and dead-letter topic). */
  const topicEnds = async (): Promise<Record<string, string>> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends: Record<string, string> = {};
      for (const topic of ALL_TOPICS) {
        for (const p of await admin.fetchTopicOffsets(topic)) ends[`${topic}/${p.partition}`] = p.high;
      }
      return ends;
    } finally {
      await admin.disconnect();
    }
  };

  /** The stack's own event ids (its outboxes): a message on the shared broker with one of these is ours. */
  const ownEventIds = async (): Promise<Set<string>> => {
    const outboxes = await db.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox'`,
    );
    const found = new Set<string>();
    for (const { schema } of outboxes.rows) {
      const rows = await db.query<{ id: string }>(`SELECT event_id AS id FROM "${schema}".outbox`);
      for (const row of rows.rows) found.add(row.id);
    }
    return found;
  };

  /** Every event id the stack's consumers have handled (their inboxes). */
  const processedEventIds = async (): Promise<Set<string>> => {
    const inboxes = await db.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'processed_event'`,
    );
    const found = new Set<string>();
    for (const { schema } of inboxes.rows) {
      const rows = await db.query<{ id: string }>(`SELECT event_id AS id FROM "${schema}".processed_event`);
      for (const row of rows.rows) found.add(row.id);
    }
    return found;
  };

  /** The `ce_id` of every message appended to the topics between two sets of end offsets. */
  const eventIdsBetween = async (from: Record<string, string>, to: Record<string, string>): Promise<string[]> => {
    const ranges = Object.entries(to).filter(([key, end]) => BigInt(end) > BigInt(from[key] ?? '0'));
    if (ranges.length === 0) return [];
    const consumer = kafka.consumer({ groupId: `bad-input-${randomUUID()}`, maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    const remaining = new Set(ranges.map(([key]) => key));
    await consumer.connect();
    try {
      const topics = [...new Set(ranges.map(([key]) => key.slice(0, key.lastIndexOf('/'))))];
      await consumer.subscribe({ topics, fromBeginning: false });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: ({ topic, partition, message }) => {
            const key = `${topic}/${partition}`;
            if (BigInt(message.offset) < BigInt(to[key] ?? '0')) {
              const id = message.headers?.ce_id;
              if (id !== undefined) seen.push(Buffer.isBuffer(id) ? id.toString('utf8') : String(id));
            }
            if (BigInt(message.offset) + 1n >= BigInt(to[key] ?? '0')) remaining.delete(key);
            if (remaining.size === 0) resolve();
            return Promise.resolve();
          },
        });
      });
      for (const [key] of ranges) {
        const topic = key.slice(0, key.lastIndexOf('/'));
        consumer.seek({ topic, partition: Number(key.slice(key.lastIndexOf('/') + 1)), offset: from[key] ?? '0' });
      }
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    } finally {
      await consumer.disconnect();
    }
    return seen;
  };

  /** Waits until the stack's background work (relays, projections) has settled: three equal readings in a row. */
  const settled = async (): Promise<Record<string, number>> => {
    let previous = '';
    let same = 0;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const counts = await rowCounts();
      const text = JSON.stringify(counts);
      same = text === previous ? same + 1 : 0;
      previous = text;
      if (same >= 2 || Date.now() > deadline) return counts;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  const send = async (method: string, url: string, token: string, headers: Record<string, string>, body?: string) => {
    const response = await fetch(`${stack.gateway}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (the CSV export)
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed };
  };

  const restRequest = (plan: RestPlan, input: RestInput, itemOf: () => unknown) => {
    const url = plan.operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode(input.path[name] ?? ''));
    const query = Object.entries(input.query)
      .flatMap(([key, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => `${encode(key)}=${encode(String(v))}`),
      )
      .join('&');
    const body = plan.operation.body === undefined ? undefined : serialiseBody(input.body, itemOf);
    return { url: query ? `${url}?${query}` : url, body };
  };

  beforeAll(async () => {
    stack = await startStack({
      RATE_LIMIT_PER_MINUTE: '10000000',
      RATE_LIMIT_EXPENSIVE_PER_MINUTE: '10000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '10000000',
    });
    kafka = await ensureBroker();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const client = new PlatformClient(stack.gateway);
    const actors = await client.actors();
    const today = todayInCopenhagen();
    // A small set of real ids, created through the API, so that an input reaches validation of a real resource.
    const referralId = await client.startedCourse(actors.jobcenter, actors.provider);
    const created = async (path: string, body: unknown) => {
      let response = await client.rest<{ id: string }>('POST', path, actors.provider.token, body);
      // As a client system does with a 503 and its Retry-After (README): on a loaded machine the service may not
      // have caught up within CONSISTENCY_WAIT_MS. Setup only; the inputs under test are never retried.
      for (let attempt = 0; response.status === 503 && attempt < 5; attempt++) {
        const retryAfter = Number((response.body as { retryAfter?: number }).retryAfter ?? 1);
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
        response = await client.rest<{ id: string }>('POST', path, actors.provider.token, body);
      }
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.id;
    };
    const placementId = await created(
      `/api/v1/referrals/${referralId}/placements`,
      PlacementBuilder.valid().startingOn(today).build(),
    );
    const measurementId = await created(`/api/v1/referrals/${referralId}/measurements`, {
      scale: 'LADDER_12',
      measuredAt: today,
      values: { step: 3 },
      assessor: 'PROFESSIONAL',
    });
    const reportId = await created(`/api/v1/referrals/${referralId}/reports`, {
      kind: 'ENTRY',
      sections: { attentionPoints: { ownLabourMarketPerspective: 'Ønsker job i detailhandlen' } },
    });
    const crId = await created(`/api/v1/referrals/${referralId}/change-requests`, {
      kind: 'CHANGE_HOURS',
      hoursPerWeek: 10,
      reason: 'Timeoptrapning',
    });
    const byName: Record<string, string> = {
      'referrals/id': referralId,
      'placements/id': placementId,
      'measurements/id': measurementId,
      'reports/reportId': reportId,
      'change-requests/crId': crId,
      'scales/code': 'LADDER_12',
      providerId: actors.provider.id,
      offerId: actors.provider.offerId,
      referralId,
      supersedes: measurementId,
    };
    ids = { today, byName: (name) => byName[name] };
    tokens = {
      provider: actors.provider.token,
      jobcenter: actors.jobcenter,
      admin: await tokenFor('admin'),
      analyst: actors.analyst,
    };
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it(`answers ${PER_OPERATION} generated bad inputs per operation with a 4xx naming the field, never a 5xx, and writes nothing`, async () => {
    const operations = operationsOf(doc);
    const graphql = supergraph();
    const restPlans = operations.map((operation, index) =>
      planRest(doc, operation, ids, PER_OPERATION, SEED + index, (op, m) => isKnown(op.operationId, m)),
    );
    const graphqlPlans = graphql.mutations.map((mutation, index) =>
      planGraphql(graphql, mutation, ids, PER_OPERATION, SEED + 1000 + index, (mu, m) => isKnown(mu.name, m)),
    );

    // The caller of each operation: the first role the API does not turn away (401/403) for an invalid input —
    // guards run before validation, so a role that may call the operation gets the validation answer.
    const restTokens = new Map<string, { role: string; token: string }>();
    for (const plan of restPlans) {
      const probes = plan.inputs.filter((i) => i.expect === 'invalid').slice(0, 4);
      let chosen = { role: 'provider', token: tokens.provider };
      for (const [role, token] of Object.entries(tokens)) {
        let admitted = true;
        for (const probe of probes.length > 0 ? probes : plan.inputs.slice(0, 1)) {
          const { input } = applyAll(plan.seed, probe.mutations);
          const request = restRequest(plan, input, () => null);
          const answer = await send(plan.operation.method, request.url, token, input.headers, request.body);
          if (answer.status === 401 || answer.status === 403) admitted = false;
        }
        if (admitted) {
          chosen = { role, token };
          break;
        }
      }
      restTokens.set(plan.operation.operationId, chosen);
    }
    const graphqlTokens = new Map<string, { role: string; token: string }>();
    for (const plan of graphqlPlans) {
      const route = plan.mutation.route;
      const operation = route && operations.find((o) => o.method === 'POST' && o.path === route);
      if (operation) {
        graphqlTokens.set(plan.mutation.name, restTokens.get(operation.operationId)!);
        continue;
      }
      // No REST twin: probe with bad strings, which pass the gateway and reach the subgraph's guard.
      const reachSubgraph = ['NUL character', 'lone surrogate', 'malformed date'];
      const probes = plan.inputs.filter((i) => i.mutations.every((m) => reachSubgraph.includes(m.label))).slice(0, 4);
      let chosen = { role: 'provider', token: tokens.provider };
      for (const [role, token] of Object.entries(tokens)) {
        let admitted = true;
        for (const probe of probes) {
          const { input } = applyAll({ path: {}, query: {}, headers: {}, body: plan.seed }, probe.mutations);
          const answer = await send(
            'POST',
            '/graphql',
            token,
            { accept: 'application/graphql-response+json' },
            JSON.stringify({ query: plan.query, variables: input.body }),
          );
          const codes = errorsOf(answer.body).map((e) => (e as { extensions?: { code?: string } }).extensions?.code);
          if (codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED')) admitted = false;
        }
        if (admitted) {
          chosen = { role, token };
          break;
        }
      }
      graphqlTokens.set(plan.mutation.name, chosen);
    }

    const beforeRows = await settled();
    const beforeProcessed = await processedEventIds();
    const beforeTopics = await topicEnds();

    const failures: string[] = [];
    const byStatus: Record<string, number> = {};
    const byLabel: Record<string, number> = {};
    let sent = 0;
    const fail = (what: string, generated: GeneratedInput, request: string, answer: Answer, why: string) =>
      failures.push(
        `${what} [${generated.mutations.map((m) => `${m.label} @${m.where}:${m.path.join('.')}`).join(', ')}] ` +
          `${why}: ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)} ← ${request.slice(0, 300)}`,
      );

    const judgeRest = (
      plan: RestPlan,
      generated: GeneratedInput,
      live: InputMutation[],
      answer: Answer,
    ): string | undefined => {
      const { operation } = plan;
      if (answer.status >= 500) return '5xx';
      if (answer.status < 400 && operation.write && !(operation.perItem && answer.status === 200)) return 'accepted';
      if (generated.expect === 'lenient') return undefined;
      const invalid = live.filter((m) => m.expect === 'invalid');
      if (operation.perItem && answer.status === 200) {
        const results =
          (answer.body as { results?: { index: number; status: number; problem?: unknown }[] }).results ?? [];
        if (results.some((r) => r.status < 400 || r.status >= 500)) return 'an item accepted or 5xx';
        const inItems = invalid.filter(
          (m) => m.where === 'body' && m.path[0] === 'items' && typeof m.path[1] === 'number',
        );
        if (inItems.length === 0) return 'invalid request answered 200';
        const named = inItems.some((m) => {
          const result = results.find((r) => r.index === m.path[1]);
          return errorsOf(result?.problem).some(
            (e) => namesMutation(String(e.field), m, m.path.slice(0, 2)) || namesMutation(String(e.field), m),
          );
        });
        return named ? undefined : 'no item error names the field';
      }
      if (answer.status < 400) return 'accepted';
      if (!answer.contentType.startsWith('application/problem+json')) return 'not problem+json';
      // A refused part (a `__proto__` key the JSON parser turns away) is answered before any field is looked at.
      if (generated.expect === 'refused' || live.some((m) => m.expect === 'refused')) return undefined;
      const errors = errorsOf(answer.body);
      if (errors.length === 0) return 'no field errors';
      if (invalid.length === 0) return undefined;
      // The first problem found may be another bad part of the same input: any live mutation named will do.
      const named = live.some((m) => errors.some((e) => namesMutation(String(e.field), m)));
      return named ? undefined : 'no error names a mutated field';
    };

    const judgeGraphql = (
      plan: GraphqlPlan,
      generated: GeneratedInput,
      live: InputMutation[],
      answer: Answer,
    ): string | undefined => {
      if (answer.status >= 500) return '5xx';
      const body = answer.body as {
        data?: Record<string, unknown> | null;
        errors?: { message: string; extensions?: { code?: string; status?: number; errors?: ErrorEntry[] } }[];
      };
      const errors = body?.errors ?? [];
      if (errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || (e.extensions?.status ?? 0) >= 500))
        return '5xx in errors';
      if (body?.data?.[plan.mutation.name]) return 'accepted';
      if (errors.length === 0) return 'no errors';
      if (generated.expect === 'lenient') return undefined;
      const clientCodes = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'];
      // The gateway refuses variables that do not fit the schema with HTTP 400 and errors without a code.
      const refusals = errors.filter(
        (e) =>
          clientCodes.includes(e.extensions?.code ?? '') ||
          e.extensions?.status === 400 ||
          (answer.status === 400 && e.extensions?.code === undefined),
      );
      if (refusals.length === 0) return 'no 4xx-class error code';
      if (live.some((m) => m.expect === 'refused')) return undefined;
      const invalid = live.filter((m) => m.expect === 'invalid');
      const named = live.some((m) => {
        const keys = m.path.filter((k): k is string => typeof k === 'string');
        const last = keys[keys.length - 1];
        return refusals.some(
          (e) =>
            (e.extensions?.errors ?? []).some(
              (f) => namesMutation(String(f.field), m, m.path.slice(0, 1)) || namesMutation(String(f.field), m),
            ) ||
            (last !== undefined && e.message.includes(`${last}`)) ||
            // An argument as a whole (`id`, `input`): the subgraph may judge the other argument first.
            m.atRoot ||
            m.path.length === 1,
        );
      });
      return named || invalid.length === 0 ? undefined : 'no error names a mutated field';
    };

    const tasks: (() => Promise<void>)[] = [];
    for (const plan of restPlans) {
      const { role, token } = restTokens.get(plan.operation.operationId)!;
      const itemsSeed = (plan.seed.body as { items?: unknown[] } | undefined)?.items?.[0];
      for (const generated of plan.inputs) {
        tasks.push(async () => {
          const applied = applyAll(plan.seed, generated.mutations);
          const { input, live } = applied;
          // What is left after later mutations replaced earlier ones decides what the answer must be.
          const expectation = strictest(live);
          const lenientWrite = expectation === 'lenient' && plan.operation.write;
          if (lenientWrite && !Object.keys(input.path).length) return;
          // Lenient inputs (which a correct API may accept) point at nothing, so that accepting writes nothing.
          if (lenientWrite) {
            for (const name of Object.keys(input.path)) {
              if (!live.some((m) => m.where === 'path' && m.path[0] === name)) input.path[name] = randomUUID();
            }
          }
          const request = restRequest(plan, input, () => structuredClone(itemsSeed ?? 'x'));
          const answer = await send(plan.operation.method, request.url, token, input.headers, request.body);
          sent++;
          byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
          for (const m of generated.mutations) byLabel[m.label] = (byLabel[m.label] ?? 0) + 1;
          const why = judgeRest(plan, { ...generated, expect: expectation }, live, answer);
          if (why)
            fail(
              `${plan.operation.operationId} (${role})`,
              generated,
              `${plan.operation.method} ${request.url} ${request.body ?? ''}`,
              answer,
              why,
            );
        });
      }
    }
    for (const plan of graphqlPlans) {
      const { role, token } = graphqlTokens.get(plan.mutation.name)!;
      for (const generated of plan.inputs) {
        tasks.push(async () => {
          const { input, live } = applyAll({ path: {}, query: {}, headers: {}, body: plan.seed }, generated.mutations);
          const variables = input.body as Record<string, unknown>;
          const expectation = strictest(live);
          const hasId = plan.mutation.args.some((a) => /\bID\b/.test(JSON.stringify(a.type)));
          if (expectation === 'lenient' && !hasId) return;
          if (expectation === 'lenient') {
            for (const arg of plan.mutation.args) {
              const name = arg.name.value;
              const isId = /\bID\b/.test(JSON.stringify(arg.type));
              if (isId && !live.some((m) => m.path[0] === name)) variables[name] = randomUUID();
            }
          }
          const text = serialiseBody({ query: plan.query, variables }, () => null);
          const answer = await send('POST', '/graphql', token, { accept: 'application/graphql-response+json' }, text);
          sent++;
          byStatus[`graphql ${answer.status}`] = (byStatus[`graphql ${answer.status}`] ?? 0) + 1;
          for (const m of generated.mutations) byLabel[m.label] = (byLabel[m.label] ?? 0) + 1;
          const why = judgeGraphql(plan, { ...generated, expect: expectation }, live, answer);
          if (why) fail(`graphql ${plan.mutation.name} (${role})`, generated, text, answer, why);
        });
      }
    }
    // Interleaved, so that no single service takes the whole load at once.
    const queue = tasks
      .map((task, i) => ({ task, key: (i % PER_OPERATION) * tasks.length + i }))
      .sort((a, b) => a.key - b.key);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < queue.length) await queue[next++].task();
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const afterRows = await settled();
    const afterTopics = await topicEnds();
    const ours = await ownEventIds();
    const newOwnEvents = (await eventIdsBetween(beforeTopics, afterTopics)).filter((id) => ours.has(id));
    // The broker is shared: the projections also consume other stacks' events that arrive meanwhile. Those rows
    // are not ours as long as every event the consumers handled during the run came from another stack.
    const handledOwn = [...(await processedEventIds())].filter((id) => !beforeProcessed.has(id) && ours.has(id));
    // The tables only consumers write: inboxes, positions, the course projection and reporting's `*_fact` tables.
    const fedByConsumers = ['processed_event', 'consumer_position', 'course'];
    // audit_log records reads of personal data (ADR 0052) — only reads, which the generated reads may do.
    const changedTables = Object.keys({ ...beforeRows, ...afterRows }).filter(
      (t) =>
        !t.endsWith('.audit_log') &&
        !(handledOwn.length === 0 && (fedByConsumers.includes(t.slice(t.indexOf('.') + 1)) || t.endsWith('_fact'))) &&
        beforeRows[t] !== afterRows[t],
    );

    process.stdout.write(
      [
        `generated bad input (seed ${SEED}): ${restPlans.length} REST operations and ${graphqlPlans.length} GraphQL mutations, ` +
          `${sent} inputs in ${seconds.toFixed(1)} s, ${failures.length} failures`,
        `  callers: ${[...restTokens].map(([op, t]) => `${op}=${t.role}`).join(' ')}`,
        `  by status: ${Object.entries(byStatus)
          .map(([s, n]) => `${s}: ${n}`)
          .join(', ')}`,
        `  by kind: ${Object.entries(byLabel)
          .sort((a, b) => b[1] - a[1])
          .map(([s, n]) => `${s}: ${n}`)
          .join(', ')}`,
        `  not sent while open: ${KNOWN_OPEN.map((k) => k.finding).join('; ')}`,
        '',
      ].join('\n'),
    );
    if (failures.some((f) => f.includes('5xx'))) {
      for (const name of Object.keys(stack.services)) {
        const errors = stack
          .logs(name)
          .split('\n')
          .filter((line) => /error/i.test(line))
          .slice(-5);
        if (errors.length > 0) process.stdout.write(`${name}:\n  ${errors.map((l) => l.slice(0, 600)).join('\n  ')}\n`);
      }
    }
    expect(stack.unexpectedExits()).toEqual([]);
    expect(failures.slice(0, 25)).toEqual([]);
    expect(changedTables.map((t) => `${t}: ${beforeRows[t]} → ${afterRows[t]}`)).toEqual([]);
    expect(newOwnEvents).toEqual([]);
    expect(handledOwn).toEqual([]);
    expect(restPlans.length).toBe(Object.values(doc.paths).flatMap((p) => Object.keys(p)).length);
    // A few inputs whose invalid part a later mutation replaced (and with nothing to point at) are not sent.
    expect(sent).toBeGreaterThanOrEqual(0.95 * (restPlans.length + graphqlPlans.length) * PER_OPERATION);
  });
});
