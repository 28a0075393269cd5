import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import * as pg from 'pg';
import type { Response } from 'supertest';
import { todayInCopenhagen } from '@platform/domain-kernel';
import { OutboxRecord } from '@platform/messaging';
import { MeasurementEntity } from '../src/measurements/measurement.entity';
import { startProgression, type ProgressionHarness } from './harness';

/**
 * ADR 0050 in progression, whose measurement write is a hand-tuned set-based path: single and batch keyed
 * measurements take effect exactly once while the service's PostgreSQL connections are terminated at random,
 * and every retry with a key gets the first answer. Health data (the note) is not kept in clear.
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('exactly-once measurements under terminated connections', () => {
  let h: ProgressionHarness;
  let provider: string;

  beforeAll(async () => {
    h = await startProgression();
    provider = await h.token('provider', h.provider);
    // Until the pool's clients have their own 'error' listeners (process resilience, a parallel change).
    const pool = (h.dataSource.driver as unknown as { master: EventEmitter }).master;
    pool.on('connect', (client: EventEmitter) => client.on('error', () => undefined));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('records each keyed measurement and batch once, with gapless sequences and replayed answers', async () => {
    const referralIds = [await h.course(), await h.course(), await h.course()];
    const marker = `Notat ${randomUUID()}`;
    const today = todayInCopenhagen();
    const measurement = (step: number) => ({
      scale: 'LADDER_12',
      measuredAt: today,
      values: { step },
      assessor: 'PROFESSIONAL',
      note: marker,
    });
    const writes = referralIds.flatMap((referralId) => [
      ...Array.from({ length: 8 }, (_, i) => ({
        key: randomUUID(),
        url: `/api/v1/referrals/${referralId}/measurements`,
        body: measurement(1 + (i % 12)),
        items: 1,
      })),
      ...Array.from({ length: 2 }, () => ({
        key: randomUUID(),
        url: '/api/v1/measurements/batch',
        body: { items: Array.from({ length: 4 }, (_, i) => ({ referralId, ...measurement(i + 3) })) },
        items: 4,
      })),
    ]);
    const send = (write: (typeof writes)[number]) =>
      h.http
        .post(write.url)
        .set('authorization', `Bearer ${provider}`)
        .set('idempotency-key', write.key)
        .send(write.body);

    const [{ database }] = await h.dataSource.query<{ database: string }[]>('SELECT current_database() AS database');
    const admin = new URL((h.dataSource.options as { url?: string }).url ?? '');
    admin.pathname = '/postgres';
    const killer = new pg.Client({ connectionString: admin.toString() });
    await killer.connect();
    let killing = true;
    let kills = 0;
    const killing$ = (async () => {
      while (killing) {
        await pause(10 + Math.random() * 60);
        const { rows } = await killer.query<{ n: number }>(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE datname = $1 AND application_name = 'progression' AND pid <> pg_backend_pid()`,
          [database],
        );
        kills += rows[0].n;
      }
    })();

    let attempts = 0;
    let failures = 0;
    const answers = new Map<string, Response>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let i = next++; i < writes.length; i = next++) {
          for (;;) {
            attempts++;
            const res = await send(writes[i]).catch(() => undefined);
            if (res && res.status < 500) {
              answers.set(writes[i].key, res);
              break;
            }
            failures++;
            await pause(5 + Math.random() * 20);
          }
        }
      }),
    );
    killing = false;
    await killing$;
    await killer.end();
    for (let i = 0; i < 50; i++) {
      if (
        await h.dataSource.query('SELECT 1').then(
          () => true,
          () => false,
        )
      )
        break;
    }

    for (const write of writes) {
      const first = answers.get(write.key)!;
      expect(first.status).toBe(write.items === 1 ? 201 : 200);
      const again = await send(write);
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
    }
    for (const referralId of referralIds) {
      const rows = await h.dataSource.manager.find(MeasurementEntity, {
        where: { referralId },
        order: { sequence: 'ASC' },
      });
      // 8 single + 2 × 4 batch items, numbered 1..16 with no duplicate and no gap.
      expect(rows.map((m) => m.sequence)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      expect(await h.dataSource.manager.countBy(OutboxRecord, { key: referralId })).toBe(16);
    }
    const dump = await h.dataSource.query<{ row: string }[]>(
      `SELECT t::text AS row FROM ${h.dataSource.getMetadata('IdempotencyRecord').tablePath} t`,
    );
    expect(dump.length).toBe(writes.length);
    expect(dump.map((r) => r.row).join('\n')).not.toContain(marker);
    process.stdout.write(
      `progression exactly-once: ${writes.length} keyed writes (${writes.reduce((n, w) => n + w.items, 0)} ` +
        `measurements), ${attempts} attempts, ${failures} failed and retried, ${kills} backends terminated\n`,
    );
    expect(kills).toBeGreaterThan(0);
  }, 120_000);
});
