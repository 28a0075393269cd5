import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import * as pg from 'pg';
import type { Response } from 'supertest';
import { REFERRALS_TOPIC } from '@platform/contracts';
import { faults, OutboxRecord } from '@platform/messaging';
import { expectEventually, ReferralBuilder, type ReferralBody } from '@platform/testing';
import { ReferralHistoryEntity } from '../src/referrals/referral-history.entity';
import { ReferralEntity } from '../src/referrals/referral.entity';
import { startReferrals, type ReferralsHarness } from './harness';

/**
 * ADR 0050 under faults: every keyed write takes effect exactly once and every retry with its key gets the original
 * answer, while the service's PostgreSQL connections are terminated at random, when the process "dies" between
 * COMMIT and response, and when duplicates race; a 2xx means the event is already on the topic.
 */

interface Answer {
  status: number;
  body: unknown;
  location?: string;
  replayed: boolean;
}

const answerOf = (res: Response): Answer => ({
  status: res.status,
  body: res.body,
  location: res.headers.location,
  replayed: res.headers['idempotent-replayed'] === 'true',
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('exactly-once keyed writes on real PostgreSQL and Kafka', () => {
  let h: ReferralsHarness;
  let jobcenter: string;
  let provider: string;
  let database: string;

  beforeAll(async () => {
    h = await startReferrals();
    // Until the pool's clients have their own 'error' listeners (process resilience, a parallel change), a backend
    // terminated while its client sits unlistened would surface as an unhandled 'error' event in this process.
    const pool = (h.dataSource.driver as unknown as { master: import('events').EventEmitter }).master;
    pool.on('connect', (client: import('events').EventEmitter) => client.on('error', () => undefined));
    jobcenter = await h.token('jobcenter', '101');
    provider = await h.token('provider', h.provider.id);
    [{ database }] = await h.dataSource.query<{ database: string }[]>('SELECT current_database() AS database');
  });

  afterAll(async () => {
    faults.afterCommit = undefined;
    await h?.close();
  });

  const newReferral = () => ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build();
  const create = (body: ReferralBody, key: string) =>
    h.http.post('/api/v1/referrals').set('authorization', `Bearer ${jobcenter}`).set('idempotency-key', key).send(body);
  const accept = (id: string, key: string) =>
    h.http
      .post(`/api/v1/referrals/${id}/accept`)
      .set('authorization', `Bearer ${provider}`)
      .set('idempotency-key', key)
      .send({});

  /** A client that retries a 5xx or a dropped connection with the same key until it gets a final answer. */
  async function untilFinal(send: () => Promise<Response>, stats: { attempts: number; failures: number }) {
    for (let attempt = 1; attempt <= 200; attempt++) {
      stats.attempts++;
      try {
        const res = await send();
        if (res.status < 500) return answerOf(res);
      } catch {
        // The connection dropped: same as a 5xx for the client.
      }
      stats.failures++;
      await pause(5 + Math.random() * 20);
    }
    throw new Error('no final answer after 200 attempts');
  }

  /** Terminates the service's own backends (this test's database only) at random moments until stopped. */
  async function startKiller(): Promise<{ stop: () => Promise<number> }> {
    const admin = new URL((h.dataSource.options as { url?: string }).url ?? '');
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    let running = true;
    let kills = 0;
    const loop = (async () => {
      while (running) {
        await pause(10 + Math.random() * 60);
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE datname = $1 AND application_name = 'referrals' AND pid <> pg_backend_pid()`,
          [database],
        );
        kills += rows[0].n;
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
        await client.end();
        return kills;
      },
    };
  }

  /** The pool's connections were killed; the first queries afterwards may meet a dead one. */
  async function settled(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      try {
        await h.dataSource.query('SELECT 1');
        return;
      } catch {
        await pause(20);
      }
    }
  }

  it('runs every write once and replays its first answer while connections are terminated at random', async () => {
    const logical = 30;
    const stats = { attempts: 0, failures: 0 };
    const items = Array.from({ length: logical }, () => ({
      body: newReferral(),
      createKey: `create-${randomUUID()}`,
      acceptKey: `accept-${randomUUID()}`,
    }));
    const created = new Map<number, Answer>();
    const accepted = new Map<number, Answer>();

    const killer = await startKiller();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = next++; i < logical; i = next++) {
          const item = items[i];
          const answer = await untilFinal(() => create(item.body, item.createKey), stats);
          created.set(i, answer);
          if (answer.status !== 201) continue;
          const id = (answer.body as { id: string }).id;
          accepted.set(i, await untilFinal(() => accept(id, item.acceptKey), stats));
        }
      }),
    );
    const kills = await killer.stop();
    await settled();

    // Every logical write answered as a first run would: a second run of accept would be 409.
    expect([...created.values()].map((a) => a.status)).toEqual(Array(logical).fill(201));
    expect([...accepted.values()].map((a) => a.status)).toEqual(Array(logical).fill(200));

    // Every retry with the key, now, gets the original status, body and Location.
    // Final answers that were replays: the first run committed but its answer was lost to a terminated connection.
    const lostThenReplayed = [...created.values(), ...accepted.values()].filter((a) => a.replayed).length;
    let replays = 0;
    for (const [i, item] of items.entries()) {
      const first = created.get(i)!;
      const again = answerOf(await create(item.body, item.createKey));
      expect({ ...again, replayed: true }).toEqual({ ...first, replayed: true });
      expect(again.replayed).toBe(true);
      const id = (first.body as { id: string }).id;
      const acceptedAgain = answerOf(await accept(id, item.acceptKey));
      expect(acceptedAgain.status).toBe(200);
      expect(acceptedAgain.body).toEqual(accepted.get(i)!.body);
      replays += 2;
    }

    // Each effect exists exactly once: one referral, one accept in its history, two events in the outbox.
    const ids = [...created.values()].map((a) => (a.body as { id: string }).id);
    for (const [i, id] of ids.entries()) {
      expect(await h.dataSource.manager.countBy(ReferralEntity, { externalRef: items[i].body.externalRef })).toBe(1);
      const history = await h.dataSource.manager.findBy(ReferralHistoryEntity, { referralId: id });
      expect(history.map((row) => row.status).sort()).toEqual(['ACCEPTED', 'RECEIVED']);
      expect(await h.dataSource.manager.countBy(OutboxRecord, { key: id })).toBe(2);
    }
    process.stdout.write(
      `exactly-once under pg_terminate_backend: ${logical * 2} logical writes, ${stats.attempts} attempts, ` +
        `${stats.failures} failed attempts retried, ${kills} backends terminated, ${lostThenReplayed} answers lost ` +
        `after COMMIT and replayed, ${replays} replays checked\n`,
    );
    expect(kills).toBeGreaterThan(0);
    expect(stats.failures).toBeGreaterThan(0);
  }, 120_000);

  it('replays the committed 2xx when the process dies between COMMIT and the response', async () => {
    const body = newReferral();
    const key = `crash-${randomUUID()}`;
    faults.afterCommit = () => {
      faults.afterCommit = undefined;
      throw new Error('simulated crash after COMMIT');
    };
    const lost = await create(body, key);
    expect(lost.status).toBe(500);
    // The write is durable although the client never heard of it …
    const stored = await h.dataSource.manager.findOneByOrFail(ReferralEntity, { externalRef: body.externalRef });

    // … and the retry learns it: the original 201 with the same body and Location, not a second referral.
    const retry = await create(body, key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toMatchObject({ id: stored.id, status: 'RECEIVED', externalRef: body.externalRef });
    expect(retry.headers.location).toBe(`/api/v1/referrals/${stored.id}`);
    const third = await create(body, key).expect(201);
    expect(third.body).toEqual(retry.body);
    expect(await h.dataSource.manager.countBy(ReferralEntity, { externalRef: body.externalRef })).toBe(1);

    // A transition too: its second run would be 409 (already ACCEPTED); the retry gets the original 200.
    const acceptKey = `crash-accept-${randomUUID()}`;
    faults.afterCommit = () => {
      faults.afterCommit = undefined;
      throw new Error('simulated crash after COMMIT');
    };
    expect((await accept(stored.id, acceptKey)).status).toBe(500);
    const accepted = await accept(stored.id, acceptKey).expect(200);
    expect(accepted.body).toMatchObject({ id: stored.id, status: 'ACCEPTED' });
    expect(accepted.headers['idempotent-replayed']).toBe('true');
  });

  it('gives concurrent duplicates of a key one effect and the same answer', async () => {
    const body = newReferral();
    const key = `race-${randomUUID()}`;
    const answers = (await Promise.all(Array.from({ length: 6 }, () => create(body, key)))).map(answerOf);
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await h.dataSource.manager.countBy(ReferralEntity, { externalRef: body.externalRef })).toBe(1);

    const id = (answers[0].body as { id: string }).id;
    const acceptKey = `race-accept-${randomUUID()}`;
    const accepts = (await Promise.all(Array.from({ length: 4 }, () => accept(id, acceptKey)))).map(answerOf);
    expect(accepts.map((a) => a.status)).toEqual(Array(4).fill(200));
    for (const answer of accepts) expect(answer.body).toEqual(accepts[0].body);
    const history = await h.dataSource.manager.findBy(ReferralHistoryEntity, { referralId: id });
    expect(history.filter((row) => row.status === 'ACCEPTED')).toHaveLength(1);
  });

  it('stores a 4xx for replay without its effects, and nothing for a different body but a 422', async () => {
    const body = { ...newReferral(), offerId: h.otherProvider.offerId };
    const key = `refused-${randomUUID()}`;
    const first = await create(body, key).expect(422);
    const again = await create(body, key).expect(422);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await create({ ...body, hoursPerWeek: 20 }, key).expect(422);
    expect(other.body.type).toMatch(/\/idempotency-key-reused$/);
  });

  it('keeps no CPR, name, phone or accommodation in clear in the idempotency table', async () => {
    const bodies = Array.from({ length: 3 }, () =>
      ReferralBuilder.valid()
        .forProvider(h.provider.id, h.provider.offerId)
        .with({ accommodations: [`Skånehensyn ${randomUUID()}`] })
        .build(),
    );
    for (const body of bodies) {
      await create({ ...body, citizen: { ...body.citizen, name: `Borger ${randomUUID()}` } }, randomUUID()).expect(201);
    }
    const rows = await h.dataSource.query<{ row: string }[]>(
      `SELECT t::text AS row FROM ${h.dataSource.getMetadata('IdempotencyRecord').tablePath} t`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const referrals = await h.dataSource.manager.find(ReferralEntity);
    const secrets = bodies.flatMap((b) => [b.citizen.cpr, b.citizen.phone ?? '', ...(b.accommodations ?? [])]);
    const dump = rows.map((r) => r.row).join('\n');
    for (const secret of secrets.filter(Boolean)) expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/Borger [0-9a-f-]{36}/);
    expect(dump).not.toContain('Test Borger');
    expect(referrals.length).toBeGreaterThan(0);
  });

  it('replays a keyed batch whole: each item once, the same per-item results after a crash after COMMIT', async () => {
    const items = [newReferral(), newReferral(), { ...newReferral(), offerId: h.otherProvider.offerId }, newReferral()];
    const key = `batch-${randomUUID()}`;
    const send = () =>
      h.http
        .post('/api/v1/referrals/batch')
        .set('authorization', `Bearer ${jobcenter}`)
        .set('idempotency-key', key)
        .send({ items });
    faults.afterCommit = () => {
      faults.afterCommit = undefined;
      throw new Error('simulated crash after COMMIT');
    };
    expect((await send()).status).toBe(500);
    const first = await send().expect(200);
    expect(first.headers['idempotent-replayed']).toBe('true');
    expect(first.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 422, 201]);
    const again = await send().expect(200);
    expect(again.body).toEqual(first.body);
    for (const item of items) {
      const expected = item.offerId === h.otherProvider.offerId ? 0 : 1;
      expect(await h.dataSource.manager.countBy(ReferralEntity, { externalRef: item.externalRef })).toBe(expected);
    }
  });

  it('gives a keyed GraphQL mutation the same treatment: one effect, the first answer replayed after a crash', async () => {
    const gql = (token: string, key: string, query: string, variables: object) =>
      h.http
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .set('idempotency-key', key)
        .send({ query, variables });
    const fields = 'id status externalRef citizenPseudonym plannedStart history { status by at }';
    const input = newReferral();
    const createKey = `gql-create-${randomUUID()}`;
    const createMutation = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${fields} } }`;
    faults.afterCommit = () => {
      faults.afterCommit = undefined;
      throw new Error('simulated crash after COMMIT');
    };
    const lost = await gql(jobcenter, createKey, createMutation, { input });
    expect(lost.body.errors?.[0]?.extensions?.status).toBe(500);
    const first = await gql(jobcenter, createKey, createMutation, { input }).expect(200);
    expect(first.body.errors).toBeUndefined();
    const again = await gql(jobcenter, createKey, createMutation, { input }).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await h.dataSource.manager.countBy(ReferralEntity, { externalRef: input.externalRef })).toBe(1);

    const id = (first.body as { data: { createReferral: { id: string } } }).data.createReferral.id;
    const acceptKey = `gql-accept-${randomUUID()}`;
    const acceptMutation = `mutation($id: ID!) { acceptReferral(id: $id) { ${fields} } }`;
    const accepted = await Promise.all(
      Array.from({ length: 3 }, () => gql(provider, acceptKey, acceptMutation, { id })),
    );
    for (const answer of accepted) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body).toEqual(accepted[0].body);
    }
    const history = await h.dataSource.manager.findBy(ReferralHistoryEntity, { referralId: id });
    expect(history.filter((row) => row.status === 'ACCEPTED')).toHaveLength(1);

    // A key cannot stand for two writes in one document.
    const two = await gql(
      provider,
      randomUUID(),
      `mutation($id: ID!) { a: startCourse(id: $id, input: { startDate: "2026-12-01" }) { id } b: acceptReferral(id: $id) { id } }`,
      { id },
    );
    expect(two.body.errors?.[0]?.extensions?.status).toBe(400);
  });

  describe('a 2xx means the event is on the broker', () => {
    let consumer: Consumer;
    const seen = new Map<string, { partition: number; offset: bigint }[]>();

    beforeAll(async () => {
      consumer = h.kafka.consumer({ groupId: `exactly-once-${randomUUID()}`, maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topics: [REFERRALS_TOPIC], fromBeginning: true });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.run({
        eachMessage: ({ partition, message }) => {
          const key = message.key?.toString('utf8') ?? '';
          seen.set(key, [...(seen.get(key) ?? []), { partition, offset: BigInt(message.offset) }]);
          return Promise.resolve();
        },
      });
      await joined;
    });

    afterAll(async () => {
      await consumer?.disconnect();
    });

    it('finds each acknowledged write below the end offset read right after its response', async () => {
      const admin = h.kafka.admin();
      await admin.connect();
      try {
        const acknowledged: { id: string; ends: Map<number, bigint>; events: number }[] = [];
        for (let i = 0; i < 10; i++) {
          // Keyed (ambient transaction) and unkeyed (own transaction) writes alike.
          const req = h.http.post('/api/v1/referrals').set('authorization', `Bearer ${jobcenter}`);
          const res = await (i % 2 === 0 ? req.set('idempotency-key', randomUUID()) : req).send(newReferral());
          expect(res.status).toBe(201);
          const ends = new Map(
            (await admin.fetchTopicOffsets(REFERRALS_TOPIC)).map((p) => [p.partition, BigInt(p.high)]),
          );
          acknowledged.push({ id: res.body.id as string, ends, events: 1 });
          const accepted = await accept(res.body.id as string, randomUUID());
          expect(accepted.status).toBe(200);
          const after = new Map(
            (await admin.fetchTopicOffsets(REFERRALS_TOPIC)).map((p) => [p.partition, BigInt(p.high)]),
          );
          acknowledged.push({ id: res.body.id as string, ends: after, events: 2 });
        }
        for (const { id, ends, events } of acknowledged) {
          const found = await expectEventually(() => {
            const list = seen.get(id) ?? [];
            expect(list.length).toBeGreaterThanOrEqual(events);
            return list;
          });
          // The event(s) acknowledged by then lie below the end offset read right after the 2xx.
          for (const { partition, offset } of found.slice(0, events)) {
            expect(offset).toBeLessThan(ends.get(partition)!);
          }
        }
      } finally {
        await admin.disconnect();
      }
    });
  });
});
