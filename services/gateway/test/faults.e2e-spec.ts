import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { todayInCopenhagen } from '@platform/domain-kernel';
import {
  expectEventually,
  PlatformClient,
  ReferralBuilder,
  startBroker,
  startStack,
  stopBroker,
  type Stack,
  PlacementBuilder,
} from '@platform/testing';

jest.setTimeout(600_000);

/** Courses run under faults (FAULT_COURSES shrinks it for a quick local run). */
const COURSES = Number(process.env.FAULT_COURSES ?? 120);
const CLIENTS = 6;
const SERVICES = ['referrals', 'placements', 'progression', 'reporting', 'gateway'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  path: string;
  key: string;
  body: unknown;
  status: number;
  response: unknown;
}

/**
 * Issue 11's fault test: client systems run the flow while services are killed with SIGKILL at random moments (also
 * between a commit and its response), the stack's PostgreSQL connections are terminated and the broker is restarted.
 * Clients retry as API.md tells them: the same request with the same Idempotency-Key after a network error, a 5xx or
 * a 503. Then count.
 */
describe('the platform under faults', () => {
  let stack: Stack;
  let actors: Awaited<ReturnType<PlatformClient['actors']>>;
  let db: Client;

  beforeAll(async () => {
    stack = await startStack({ RATE_LIMIT_PER_MINUTE: '100000' });
    actors = await new PlatformClient(stack.gateway).actors();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  const send = async (path: string, token: string, body: unknown, key: string) => {
    const response = await fetch(`${stack.gateway}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: Number(response.headers.get('retry-after') ?? 0),
      body: text ? (JSON.parse(text) as unknown) : null,
    };
  };

  it('loses nothing, does nothing twice, replays every retry, keeps every process alive, and its projections agree', async () => {
    const { jobcenter, provider } = actors;
    const today = todayInCopenhagen();
    const answers: Answer[] = [];
    const figures = { attempts: 0, networkErrors: 0, status5xx: new Map<number, number>(), kills: 0, terminated: 0 };

    /** One logical write, retried with its key until it gets a final (non-5xx) answer. */
    const write = async (path: string, token: string, body: unknown): Promise<Answer> => {
      const key = randomUUID();
      for (let attempt = 0; attempt < 200; attempt++) {
        figures.attempts++;
        try {
          const answer = await send(path, token, body, key);
          if (answer.status < 500) {
            const final = { path, key, body, status: answer.status, response: answer.body };
            answers.push(final);
            return final;
          }
          figures.status5xx.set(answer.status, (figures.status5xx.get(answer.status) ?? 0) + 1);
          await sleep(Math.min(answer.retryAfter, 2) * 1000 || 200);
        } catch {
          figures.networkErrors++;
          await sleep(200);
        }
      }
      throw new Error(`${path} never got a final answer`);
    };

    const courses: { referralId: string; externalRef: string }[] = [];
    const oneCourse = async () => {
      const referral = ReferralBuilder.valid().forProvider(provider.id, provider.offerId).build();
      const created = await write('/api/v1/referrals', jobcenter, referral);
      expect(created.status).toBe(201);
      const referralId = (created.response as { id: string }).id;
      courses.push({ referralId, externalRef: referral.externalRef });
      expect((await write(`/api/v1/referrals/${referralId}/accept`, provider.token, {})).status).toBe(200);
      expect((await write(`/api/v1/referrals/${referralId}/start`, provider.token, { startDate: today })).status).toBe(
        200,
      );
      const [measurement, placement] = await Promise.all([
        write(`/api/v1/referrals/${referralId}/measurements`, provider.token, {
          scale: 'LADDER_12',
          measuredAt: today,
          values: { step: 5 },
          assessor: 'PROFESSIONAL',
        }),
        write(
          `/api/v1/referrals/${referralId}/placements`,
          provider.token,
          PlacementBuilder.valid().startingOn(today).build(),
        ),
      ]);
      expect([measurement.status, placement.status]).toEqual([201, 201]);
    };

    let next = 0;
    let running = true;
    const load = Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < COURSES) {
          next++;
          await oneCourse();
        }
      }),
    ).finally(() => (running = false));

    const faults = (async () => {
      let round = 0;
      let brokerRestarted = false;
      while (running) {
        await sleep(700 + Math.random() * 800);
        if (!running) break;
        round++;
        if (round % 3 === 0) {
          const { rowCount } = await db.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()`,
          );
          figures.terminated += rowCount ?? 0;
        } else if (round === 4 && !brokerRestarted) {
          brokerRestarted = true;
          stopBroker();
          await sleep(2000);
          startBroker();
        } else {
          const victim = SERVICES[Math.floor(Math.random() * SERVICES.length)];
          await stack.kill(victim);
          figures.kills++;
          await sleep(Math.random() * 500);
          await stack.restart(victim);
        }
      }
    })();
    await Promise.all([load, faults]);

    process.stdout.write(
      `faults: ${COURSES} courses, ${answers.length} acknowledged writes, ${figures.attempts} attempts, ` +
        `${figures.networkErrors} network errors, 5xx ${JSON.stringify(Object.fromEntries(figures.status5xx))}, ` +
        `${figures.kills} kill -9, ${figures.terminated} connections terminated, 1 broker restart\n`,
    );

    // No process died that was not killed.
    expect(stack.unexpectedExits()).toEqual([]);

    // Every retry with the same key gets the original answer.
    const replays: string[] = [];
    for (const answer of answers) {
      const again = await send(
        answer.path,
        answer.path.endsWith('/referrals') ? jobcenter : provider.token,
        answer.body,
        answer.key,
      );
      if (again.status !== answer.status || JSON.stringify(again.body) !== JSON.stringify(answer.response)) {
        replays.push(`${answer.path}: ${answer.status} → ${again.status}`);
      }
    }
    expect(replays).toEqual([]);

    // Every acknowledged write exists exactly once.
    const ids = courses.map((c) => c.referralId);
    const count = async (sql: string) =>
      (await db.query<{ n: number }>(sql, [ids])).rows.map((r) => r.n).sort((a, b) => a - b);
    expect(courses).toHaveLength(COURSES);
    const referrals = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM referrals.referral WHERE external_ref = ANY($1)',
      [courses.map((c) => c.externalRef)],
    );
    expect(referrals.rows[0].n).toBe(COURSES);
    const once = new Array<number>(COURSES).fill(1);
    expect(
      await count(
        `SELECT count(m.id)::int AS n FROM unnest($1::uuid[]) r(id) LEFT JOIN progression.measurement m ON m.referral_id = r.id GROUP BY r.id`,
      ),
    ).toEqual(once);
    expect(
      await count(
        `SELECT count(p.id)::int AS n FROM unnest($1::uuid[]) r(id) LEFT JOIN placements.placement p ON p.referral_id = r.id GROUP BY r.id`,
      ),
    ).toEqual(once);

    // Every projection equals its source (reporting is eventually consistent by contract: wait for it).
    await expectEventually(
      async () => {
        const { rows } = await db.query<{ source: string; placements: string; progression: string; reporting: number }>(
          `SELECT r.status AS source, pc.status AS placements, gc.status AS progression,
                  (SELECT count(*)::int FROM reporting.course_fact f WHERE f.referral_id = r.id AND f.start_date IS NOT NULL)
                    AS reporting
           FROM referrals.referral r
           LEFT JOIN placements.course pc ON pc.referral_id = r.id
           LEFT JOIN progression.course gc ON gc.referral_id = r.id
           WHERE r.id = ANY($1::uuid[])`,
          [ids],
        );
        expect(rows).toHaveLength(COURSES);
        for (const row of rows)
          expect(row).toEqual({ source: 'STARTED', placements: 'STARTED', progression: 'STARTED', reporting: 1 });
        const facts = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM reporting.measurement_fact WHERE referral_id = ANY($1::uuid[])',
          [ids],
        );
        expect(facts.rows[0].n).toBe(COURSES);
      },
      { timeoutMs: 60_000 },
    );
  });
});
