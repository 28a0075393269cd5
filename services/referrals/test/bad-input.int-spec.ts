import fc from 'fast-check';
import type { Response } from 'supertest';
import { mintToken } from '@platform/auth';
import {
  CancelReason,
  EndReason,
  ExitStatus,
  makeValidCvr,
  Purpose,
  RejectReason,
  TargetGroup,
  todayInCopenhagen,
} from '@platform/domain-kernel';
import { OutboxRecord } from '@platform/messaging';
import {
  apply,
  badCpr,
  badCvr,
  badDate,
  badMunicipality,
  badStringList,
  badUuid,
  type Body,
  BODY_LIMIT,
  expectFieldErrors,
  expectProblem,
  type FieldError,
  fieldOf,
  type FieldSpec,
  isLive,
  type Mutation,
  mutations,
  names,
  outside,
  type Path,
  ReferralBuilder,
  serialise,
  tooLong,
  unknownCode,
} from '@platform/testing';
import { ReferralHistoryEntity } from '../src/referrals/referral-history.entity';
import { ReferralEntity } from '../src/referrals/referral.entity';
import { startReferrals, type ReferralsHarness } from './harness';

/**
 * Acceptance criterion: bad input (wrong types, missing fields, invalid CPR/CVR, unknown codes, oversized bodies,
 * malformed JSON, another tenant's ids) always gets a 4xx problem+json with field-level detail, never a 500, and
 * writes nothing. Property-based first (generated mutations of a valid body), then hand-picked cases.
 */

// ---------------------------------------------------------------------------------------------------------------
// Generated mutations of a valid body
// ---------------------------------------------------------------------------------------------------------------

const REFERRAL_FIELDS: FieldSpec[] = [
  { path: ['externalRef'], kind: 'string', required: true, invalid: fc.oneof(fc.constant(''), tooLong(100)) },
  { path: ['municipalityCode'], kind: 'string', required: true, invalid: badMunicipality },
  { path: ['citizen'], kind: 'object', required: true },
  { path: ['citizen', 'cpr'], kind: 'string', required: true, invalid: badCpr },
  { path: ['citizen', 'name'], kind: 'string', required: true, invalid: fc.oneof(fc.constant(''), tooLong(200)) },
  {
    path: ['citizen', 'phone'],
    kind: 'string',
    required: false,
    invalid: fc.string({ maxLength: 25 }).filter((phone) => !/^\+?[0-9 ]{8,20}$/.test(phone)),
  },
  {
    path: ['citizen', 'email'],
    kind: 'string',
    required: false,
    invalid: fc.constantFrom('not-an-email', '@', 'a@', 'a@b', 'a b@kk.dk', `${'x'.repeat(195)}@kk.dk`),
  },
  { path: ['citizen', 'interpreterNeeded'], kind: 'boolean', required: false },
  { path: ['caseworker'], kind: 'object', required: true },
  { path: ['caseworker', 'name'], kind: 'string', required: true, invalid: fc.oneof(fc.constant(''), tooLong(200)) },
  {
    path: ['caseworker', 'email'],
    kind: 'string',
    required: false,
    invalid: fc.constantFrom('jens', 'jens@', '@kk.dk'),
  },
  { path: ['providerId'], kind: 'string', required: true, invalid: badCvr },
  { path: ['offerId'], kind: 'string', required: true, invalid: badUuid },
  { path: ['targetGroup'], kind: 'string', required: true, invalid: unknownCode(TargetGroup) },
  {
    path: ['purposes'],
    kind: 'array',
    required: true,
    invalid: fc.oneof(
      fc.constant([]),
      fc.array(fc.constantFrom(...Purpose), { minLength: Purpose.length + 1, maxLength: Purpose.length + 5 }),
      fc
        .tuple(fc.array(fc.constantFrom(...Purpose), { maxLength: 3 }), unknownCode(Purpose))
        .map(([ok, bad]) => [...ok, bad]),
      fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), { minLength: 1, maxLength: 3 }),
    ),
  },
  { path: ['focusPoints'], kind: 'array', required: false, invalid: badStringList(20, 1000) },
  { path: ['hoursPerWeek'], kind: 'number', required: true, invalid: outside(1, 37) },
  {
    path: ['plannedStart'],
    kind: 'string',
    required: true,
    invalid: fc.oneof(badDate, fc.constantFrom('9999-12-31', '0001-01-01', '1999-12-31', '2100-01-01')),
  },
  {
    path: ['plannedWeeks'],
    kind: 'number',
    required: true,
    invalid: fc.oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 105 }),
      fc.double({ min: 1.01, max: 103.99, noNaN: true }).filter((weeks) => !Number.isInteger(weeks)),
    ),
  },
  { path: ['accommodations'], kind: 'array', required: false, invalid: badStringList(20, 1000) },
];

/** Where unknown properties may be added, with the properties known there. */
const OBJECTS: { path: Path; known: readonly string[] }[] = [
  {
    path: [],
    known: REFERRAL_FIELDS.filter((f) => f.path.length === 1).map((f) => String(f.path[0])),
  },
  { path: ['citizen'], known: ['cpr', 'name', 'phone', 'email', 'interpreterNeeded'] },
  { path: ['caseworker'], known: ['name', 'email', 'phone'] },
];

// ---------------------------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------

describe('bad input to the referrals API: 4xx problem+json with field detail, never 500, nothing written', () => {
  let h: ReferralsHarness;
  let jobcenter: string;
  let provider: string;
  let otherProvider: string;
  let otherJobcenter: string;

  beforeAll(async () => {
    h = await startReferrals();
    jobcenter = await h.token('jobcenter', '101');
    provider = await h.token('provider', h.provider.id);
    otherProvider = await h.token('provider', h.otherProvider.id);
    otherJobcenter = await h.token('jobcenter', '147');
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  const validReferral = () => ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build();

  /** Sends `payload` exactly as given: a value is sent as JSON, a string as the raw body. */
  const send = (
    method: 'get' | 'post',
    url: string,
    options: { token?: string; payload?: unknown; raw?: string; contentType?: string; idempotencyKey?: string } = {},
  ) => {
    let req = h.http[method](url);
    if (options.token) req = req.set('authorization', `Bearer ${options.token}`);
    if (options.idempotencyKey) req = req.set('idempotency-key', options.idempotencyKey);
    if (method === 'get') return req;
    const body = options.raw ?? JSON.stringify(options.payload);
    return req.set('content-type', options.contentType ?? 'application/json').send(body);
  };

  /** Every transition with a valid body (the acting role: provider, except cancel by the jobcenter). */
  const validTransitions = (): [string, object][] => {
    const today = todayInCopenhagen();
    return [
      ['accept', { expectedStart: today }],
      ['reject', { reason: 'NO_CAPACITY' }],
      ['start', { startDate: today }],
      ['pause', { from: today, reason: 'Sygdom' }],
      ['resume', { date: today }],
      ['complete', { endDate: today, endReason: 'GOT_JOB', exitStatus: 'SMALL_JOB' }],
      ['cancel', { reason: 'OTHER' }],
    ];
  };

  const counts = async () => {
    const manager = h.dataSource.manager;
    const [referrals, history, outbox] = await Promise.all([
      manager.count(ReferralEntity),
      manager.count(ReferralHistoryEntity),
      manager.count(OutboxRecord),
    ]);
    return { referrals, history, outbox };
  };

  const createReferral = async (): Promise<string> => {
    const res = await send('post', '/api/v1/referrals', { token: jobcenter, payload: validReferral() });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  const act = async (id: string, action: string, token: string, payload: object) => {
    const res = await send('post', `/api/v1/referrals/${id}/${action}`, { token, payload });
    expect(res.status).toBe(200);
  };

  const snapshot = async (ids: string[]) => {
    const rows = await h.dataSource.manager.findBy(
      ReferralEntity,
      ids.map((id) => ({ id })),
    );
    return Object.fromEntries(
      rows.map((r) => [r.id, { status: r.status, version: r.version, updatedAt: r.updatedAt }]),
    );
  };

  it('POST /referrals: generated invalid bodies get 400 naming the field (413 when too large); nothing is written', async () => {
    const before = await counts();
    const seen = { runs: 0, tooLarge: 0, byStatus: new Map<number, number>() };
    await fc.assert(
      fc.asyncProperty(
        mutations(REFERRAL_FIELDS, OBJECTS, { tooLarge: true }),
        fc.boolean(),
        async (changes, withIdempotencyKey) => {
          const body: Body = { ...validReferral() };
          const applied = changes.filter((m) => apply(body, m));
          const live = applied.filter((m) => isLive(body, m));
          const raw = serialise(body);
          // A fresh key per request: the same key with another body is a legitimate 422.
          const idempotencyKey = withIdempotencyKey ? `bad-input-${seen.runs}` : undefined;
          seen.runs++;
          const res = await send('post', '/api/v1/referrals', { token: jobcenter, raw, idempotencyKey });
          seen.byStatus.set(res.status, (seen.byStatus.get(res.status) ?? 0) + 1);
          if (Buffer.byteLength(raw) > BODY_LIMIT) {
            seen.tooLarge++;
            expectProblem(res, 413);
            return;
          }
          const errors = expectFieldErrors(res);
          const named = live.some((m) => errors.some((e) => names(e.field, m)));
          if (!named) {
            throw new Error(
              `no error names a mutated field: mutations ${JSON.stringify(live.map((m) => fieldOf(m.path)))}, ` +
                `errors ${JSON.stringify(errors)}`,
            );
          }
        },
      ),
      { numRuns: Number(process.env.BAD_INPUT_RUNS ?? 150) },
    );
    expect(seen.runs).toBeGreaterThanOrEqual(150);
    expect(seen.byStatus.get(400)).toBeGreaterThan(100);
    expect(await counts()).toEqual(before);
  }, 60_000);

  describe('transitions of existing referrals', () => {
    interface ActionSpec {
      action: string;
      state: 'received' | 'accepted' | 'started' | 'paused';
      role: 'provider' | 'jobcenter';
      valid: () => Body;
      fields: FieldSpec[];
    }
    const comment: FieldSpec = { path: ['comment'], kind: 'string', required: false, invalid: tooLong(2000) };
    const dateField = (name: string, required = true): FieldSpec => ({
      path: [name],
      kind: 'string',
      required,
      invalid: badDate,
    });
    const ACTIONS: ActionSpec[] = [
      {
        action: 'accept',
        state: 'received',
        role: 'provider',
        valid: () => ({ expectedStart: todayInCopenhagen() }),
        fields: [dateField('expectedStart', false)],
      },
      {
        action: 'reject',
        state: 'received',
        role: 'provider',
        valid: () => ({ reason: 'NO_CAPACITY', comment: 'Ingen pladser' }),
        fields: [{ path: ['reason'], kind: 'string', required: true, invalid: unknownCode(RejectReason) }, comment],
      },
      {
        action: 'cancel',
        state: 'received',
        role: 'jobcenter',
        valid: () => ({ reason: 'CASE_CLOSED', comment: 'Sagen er lukket' }),
        fields: [{ path: ['reason'], kind: 'string', required: true, invalid: unknownCode(CancelReason) }, comment],
      },
      {
        action: 'start',
        state: 'accepted',
        role: 'provider',
        valid: () => ({ startDate: todayInCopenhagen() }),
        fields: [dateField('startDate')],
      },
      {
        action: 'pause',
        state: 'started',
        role: 'provider',
        valid: () => ({ from: todayInCopenhagen(), reason: 'Operation' }),
        fields: [
          dateField('from'),
          { path: ['reason'], kind: 'string', required: true, invalid: fc.oneof(fc.constant(''), tooLong(2000)) },
        ],
      },
      {
        action: 'complete',
        state: 'started',
        role: 'provider',
        valid: () => ({ endDate: todayInCopenhagen(), endReason: 'GOT_JOB', exitStatus: 'SMALL_JOB', comment: 'Job' }),
        fields: [
          dateField('endDate'),
          { path: ['endReason'], kind: 'string', required: true, invalid: unknownCode(EndReason) },
          { path: ['exitStatus'], kind: 'string', required: true, invalid: unknownCode(ExitStatus) },
          comment,
        ],
      },
      {
        action: 'resume',
        state: 'paused',
        role: 'provider',
        valid: () => ({ date: todayInCopenhagen() }),
        fields: [dateField('date')],
      },
    ];
    const ids: Record<ActionSpec['state'], string> = { received: '', accepted: '', started: '', paused: '' };

    beforeAll(async () => {
      ids.received = await createReferral();
      ids.accepted = await createReferral();
      ids.started = await createReferral();
      ids.paused = await createReferral();
      for (const id of [ids.accepted, ids.started, ids.paused]) await act(id, 'accept', provider, {});
      for (const id of [ids.started, ids.paused]) await act(id, 'start', provider, { startDate: todayInCopenhagen() });
      await act(ids.paused, 'pause', provider, { from: todayInCopenhagen(), reason: 'Sygdom' });
    }, 30_000);

    it('generated invalid bodies get 400 naming the field, and the referral does not change', async () => {
      const all = Object.values(ids);
      const before = { rows: await snapshot(all), counts: await counts() };
      const notAnObject = fc
        .constantFrom<unknown>(null, [], [{}], 'accept', 42, true)
        .map((value): Mutation => ({ op: 'set', path: [], value, atRoot: true }));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ACTIONS).chain((spec) =>
            fc.tuple(
              fc.constant(spec),
              fc.oneof(
                {
                  weight: 9,
                  arbitrary: mutations(spec.fields, [{ path: [], known: spec.fields.map((f) => String(f.path[0])) }], {
                    tooLarge: false,
                  }),
                },
                { weight: 1, arbitrary: notAnObject.map((m) => [m]) },
              ),
            ),
          ),
          async ([spec, changes]) => {
            let body: unknown = spec.valid();
            let live: Mutation[];
            if (changes[0].path.length === 0) {
              body = changes[0].value;
              live = changes;
            } else {
              const applied = changes.filter((m) => apply(body as Body, m));
              live = applied.filter((m) => isLive(body as Body, m));
            }
            const token = spec.role === 'provider' ? provider : jobcenter;
            const res = await send('post', `/api/v1/referrals/${ids[spec.state]}/${spec.action}`, {
              token,
              raw: serialise(body),
            });
            const errors = expectFieldErrors(res);
            if (!live.some((m) => errors.some((e) => names(e.field, m)))) {
              throw new Error(
                `${spec.action}: no error names a mutated field: ${JSON.stringify(live.map((m) => fieldOf(m.path)))}, ` +
                  `errors ${JSON.stringify(errors)}`,
              );
            }
          },
        ),
        { numRuns: Number(process.env.BAD_INPUT_RUNS ?? 120) },
      );
      expect(await snapshot(all)).toEqual(before.rows);
      expect(await counts()).toEqual(before.counts);
    }, 60_000);
  });

  describe('hand-picked cases', () => {
    it.each([
      ['malformed JSON', 400, '{"a":', 'application/json'],
      ['truncated referral', 400, JSON.stringify({ externalRef: 'x' }).slice(0, -3), 'application/json'],
      ['an empty body declared as JSON', 400, '', 'application/json'],
      ['a __proto__ key', 400, '{"__proto__":{"isAdmin":true}}', 'application/json'],
      ['a constructor.prototype key', 400, '{"constructor":{"prototype":{"x":1}}}', 'application/json'],
      ['XML', 415, '<referral/>', 'application/xml'],
    ])('%s → %i problem+json', async (_name, status, raw, contentType) => {
      const before = await counts();
      const res = await send('post', '/api/v1/referrals', { token: jobcenter, raw, contentType });
      expectProblem(res, status);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['null', 'null', 'application/json'],
      ['a JSON array', JSON.stringify([{ externalRef: 'x' }]), 'application/json'],
      ['a JSON string', '"KK-2026-1"', 'application/json'],
      ['a JSON number', '42', 'application/json'],
      ['text/plain', 'hello', 'text/plain'],
      ['text/plain holding JSON', JSON.stringify({ externalRef: 'x' }), 'text/plain'],
    ])(
      'a body of %s → 400 (or 415) problem+json saying the body must be an object',
      async (_name, raw, contentType) => {
        const before = await counts();
        const res = await send('post', '/api/v1/referrals', { token: jobcenter, raw, contentType });
        if (res.status === 415) {
          expectProblem(res, 415);
        } else {
          const errors = expectFieldErrors(res, '');
          expect(errors[0].message).toMatch(/object/);
        }
        expect(await counts()).toEqual(before);
      },
    );

    it('a form-encoded body → 400 or 415 problem+json', async () => {
      const before = await counts();
      const res = await send('post', '/api/v1/referrals', {
        token: jobcenter,
        raw: 'externalRef=x&citizen[cpr]=0101901234',
        contentType: 'application/x-www-form-urlencoded',
      });
      if (res.status === 415) expectProblem(res, 415);
      else expectFieldErrors(res, 'municipalityCode');
      expect(await counts()).toEqual(before);
    });

    it('an oversized body (3 MB, limit 2 MiB) → 413 on create, batch and a transition', async () => {
      const id = await createReferral();
      const before = await counts();
      const huge = { ...validReferral(), focusPoints: ['x'.repeat(3_000_000)] };
      expectProblem(await send('post', '/api/v1/referrals', { token: jobcenter, payload: huge }), 413);
      expectProblem(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: { items: [huge] } }),
        413,
      );
      expectProblem(
        await send('post', `/api/v1/referrals/${id}/reject`, {
          token: provider,
          payload: { reason: 'OTHER', comment: 'x'.repeat(3_000_000) },
        }),
        413,
      );
      expect(await counts()).toEqual(before);
    });

    it('a non-UUID id in the path → 400 naming `id`, for GET and every transition', async () => {
      const before = await counts();
      for (const id of ['abc', '123', '00000000-0000-0000-0000-00000000000g', "1' OR '1'='1", 'null']) {
        const path = `/api/v1/referrals/${encodeURIComponent(id)}`;
        expectFieldErrors(await send('get', path, { token: jobcenter }), 'id');
        for (const [action, payload] of validTransitions()) {
          const token = action === 'cancel' ? jobcenter : provider;
          expect(expectFieldErrors(await send('post', `${path}/${action}`, { token, payload }))).toEqual([
            { field: 'id', message: expect.stringContaining('UUID') },
          ]);
        }
      }
      // Rejected by the router before Nest sees them: still problem+json.
      expectProblem(await send('get', '/api/v1/referrals/%zz', { token: jobcenter }), 400);
      expectProblem(await send('get', `/api/v1/referrals/${'a'.repeat(5000)}`, { token: jobcenter }), 414);
      expect(await counts()).toEqual(before);
    });

    it("another tenant's referral → 404 for GET and for every transition with an otherwise valid body", async () => {
      const id = await createReferral();
      const before = { rows: await snapshot([id]), counts: await counts() };
      const today = todayInCopenhagen();
      const notFound = (res: Response) => {
        expectProblem(res, 404);
        expect(res.body.type).toBe('/problems/not-found');
      };
      notFound(await send('get', `/api/v1/referrals/${id}`, { token: otherProvider }));
      notFound(await send('get', `/api/v1/referrals/${id}`, { token: otherJobcenter }));
      for (const [action, payload] of validTransitions()) {
        const token = action === 'cancel' ? otherJobcenter : otherProvider;
        notFound(await send('post', `/api/v1/referrals/${id}/${action}`, { token, payload }));
      }
      notFound(
        await send('post', `/api/v1/referrals/${id}/outcomes`, {
          token: otherJobcenter,
          payload: { horizon: 'END_PLUS_3M', status: 'FLEX_JOB', observedAt: today },
        }),
      );
      notFound(
        await send('post', `/api/v1/referrals/${id}/change-requests`, {
          token: otherProvider,
          payload: { kind: 'EXTEND', newEndDate: '2027-06-30', reason: 'Mere tid' },
        }),
      );
      expect(await snapshot([id])).toEqual(before.rows);
      expect(await counts()).toEqual(before.counts);
    });

    it('a jobcenter referring for another municipality (token org 101, body 147) → 403 naming municipalityCode', async () => {
      const before = await counts();
      const body = ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).inMunicipality('147').build();
      const res = await send('post', '/api/v1/referrals', { token: jobcenter, payload: body });
      expectProblem(res, 403);
      expect(res.body.errors).toEqual([{ field: 'municipalityCode', message: expect.stringContaining('101') }]);
      // Roles that may not refer at all.
      expectProblem(await send('post', '/api/v1/referrals', { token: provider, payload: validReferral() }), 403);
      expectProblem(
        await send('post', '/api/v1/referrals', { token: await h.token('analyst', '101'), payload: validReferral() }),
        403,
      );
      expect(await counts()).toEqual(before);
    });

    it('a missing, malformed, forged, expired or misaddressed token → 401 problem+json', async () => {
      const before = await counts();
      const config = {
        jwtSecret: process.env.AUTH_JWT_SECRET,
        issuer: process.env.AUTH_ISSUER ?? 'jobplatform-dev',
        audience: process.env.AUTH_AUDIENCE ?? 'jobplatform',
      };
      const actor = { sub: 'jc-101', role: 'jobcenter' as const, org: '101' };
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const cases: [string, string | undefined][] = [
        ['no header', undefined],
        ['not a bearer token', 'Basic dXNlcjpwYXNz'],
        ['an empty bearer token', 'Bearer '],
        ['garbage', 'Bearer not.a.jwt'],
        ['a truncated token', `Bearer ${jobcenter.slice(0, -5)}`],
        ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', role: 'admin', exp: 9e9 })}.`],
        ['a bad signature', `Bearer ${await mintToken({ ...config, jwtSecret: 'x'.repeat(48) }, actor)}`],
        ['an expired token', `Bearer ${await mintToken(config, actor, -120)}`],
        ['another issuer', `Bearer ${await mintToken({ ...config, issuer: 'someone-else' }, actor)}`],
        ['another audience', `Bearer ${await mintToken({ ...config, audience: 'another-api' }, actor)}`],
        [
          'an unknown role',
          `Bearer ${await mintToken(config, { ...actor, role: 'superuser' as unknown as typeof actor.role })}`,
        ],
        ['a jobcenter without org', `Bearer ${await mintToken(config, { ...actor, org: '' })}`],
      ];
      for (const [name, header] of cases) {
        let req = h.http.post('/api/v1/referrals').set('content-type', 'application/json');
        if (header !== undefined) req = req.set('authorization', header);
        const res = await req.send(JSON.stringify(validReferral()));
        try {
          expectProblem(res, 401);
          expect(res.headers['www-authenticate']).toBe('Bearer');
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`);
        }
      }
      expectProblem(await h.http.get('/api/v1/referrals/00000000-0000-4000-8000-000000000000'), 401);
      expect(await counts()).toEqual(before);
    });

    it('a batch of 1001 items, an empty batch or items that are not a list → 400 naming `items`; nothing written', async () => {
      const before = await counts();
      const items = Array.from({ length: 1001 }, () => validReferral());
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: { items } }),
        'items',
      );
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: { items: [] } }),
        'items',
      );
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: { items: validReferral() } }),
        'items',
      );
      expectFieldErrors(await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: {} }), 'items');
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', {
          token: jobcenter,
          payload: { items: [validReferral()], extra: 1 },
        }),
        'extra',
      );
      // Items must at least be objects; a null, string or list item fails the whole batch.
      for (const bad of [null, 'KK-1', [validReferral()]]) {
        const res = await send('post', '/api/v1/referrals/batch', {
          token: jobcenter,
          payload: { items: [validReferral(), bad] },
        });
        expectFieldErrors(res, 'items');
      }
      expect(await counts()).toEqual(before);
    });

    it('a batch with bad items → 200 with a 4xx problem per bad item; only the good item is written', async () => {
      const before = await counts();
      const good = validReferral();
      const cases: [unknown, number, string?][] = [
        [good, 201],
        [{ ...validReferral(), hoursPerWeek: '12' }, 400, 'hoursPerWeek'],
        [{ ...validReferral(), citizen: { cpr: '3102901234', name: 'X' } }, 400, 'citizen.cpr'],
        [{ ...validReferral(), providerId: '12345679' }, 400, 'providerId'],
        [{ ...validReferral(), targetGroup: 'CASH' }, 400, 'targetGroup'],
        [{ ...validReferral(), plannedStart: '2026-02-30' }, 400, 'plannedStart'],
        [{ ...validReferral(), externalRef: 'KK\u00001' }, 400, 'externalRef'],
        [{ ...validReferral(), constructor: 'x' }, 400, 'constructor'],
        [{ ...validReferral(), citizen: undefined }, 400, 'citizen'],
        [ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).inMunicipality('147').build(), 403],
        [ReferralBuilder.valid().forProvider(makeValidCvr('8765432'), h.provider.offerId).build(), 422],
        [ReferralBuilder.valid().forProvider(h.provider.id, h.otherProvider.offerId).build(), 422],
        [{ ...validReferral(), externalRef: good.externalRef }, 409],
      ];
      const res = await send('post', '/api/v1/referrals/batch', {
        token: jobcenter,
        raw: JSON.stringify({ items: cases.map(([item]) => item) }),
      });
      expect(res.status).toBe(200);
      const results: { index: number; status: number; id?: string; problem?: Record<string, unknown> }[] =
        res.body.results;
      expect(results.map((r) => r.status)).toEqual(cases.map(([, status]) => status));
      results.forEach((result, index) => {
        expect(result.index).toBe(index);
        if (result.status === 201) return;
        expect(result.id).toBeUndefined();
        expect(result.problem).toEqual(
          expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: result.status }),
        );
        const field = cases[index][2];
        if (field !== undefined) {
          expect((result.problem!.errors as FieldError[]).map((e) => e.field)).toContain(field);
        }
      });
      const after = await counts();
      expect(after).toEqual({
        referrals: before.referrals + 1,
        history: before.history + 1,
        outbox: before.outbox + 1,
      });
    });
  });

  describe('regressions: 500s and silent writes found while writing these tests', () => {
    const post = (payload: unknown) => send('post', '/api/v1/referrals', { token: jobcenter, payload });

    it.each([
      ['a NUL in externalRef (PostgreSQL text refuses it)', { externalRef: 'KK-\u0000-1' }, 'externalRef'],
      ['a NUL in the caseworker name (jsonb refuses it)', { caseworker: { name: 'Jens\u0000' } }, 'caseworker.name'],
      ['a NUL in a focus point (text[])', { focusPoints: ['\u0000'] }, 'focusPoints[0]'],
      ['a NUL in the citizen name', { citizen: { cpr: '0101901234', name: 'A\u0000' } }, 'citizen.name'],
      ['`constructor` as a property (dropped silently before)', { constructor: 1 }, 'constructor'],
      ['`toString` in citizen', { citizen: { cpr: '0101901234', name: 'A', toString: 'x' } }, 'citizen.toString'],
      ['`valueOf` in caseworker', { caseworker: { name: 'J', valueOf: 1 } }, 'caseworker.valueOf'],
      ['a planned start whose end is past year 9999 (RangeError)', { plannedStart: '9999-12-31' }, 'plannedStart'],
      ['a planned start in year 1', { plannedStart: '0001-01-01' }, 'plannedStart'],
    ])('%s → 400', async (_name, patch, field) => {
      const before = await counts();
      expectFieldErrors(await post({ ...validReferral(), ...patch }), field);
      expect(await counts()).toEqual(before);
    });

    it('a body nested thousands of levels deep → 400, also with an Idempotency-Key and in a batch', async () => {
      const before = await counts();
      const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
      const referral = JSON.stringify(validReferral());
      const raw = `${referral.slice(0, -1)},"extra":${deep(100_000)}}`;
      expectFieldErrors(await send('post', '/api/v1/referrals', { token: jobcenter, raw }), '');
      expectFieldErrors(
        await send('post', '/api/v1/referrals', { token: jobcenter, raw, idempotencyKey: 'deep-1' }),
        '',
      );
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, raw: `{"items":[${raw}]}` }),
        '',
      );
      expect(await counts()).toEqual(before);
    });

    it.each([
      [
        'an operator object as hoursPerWeek on EXTEND (was 201, stored as null)',
        { hoursPerWeek: { $gt: '' } },
        'hoursPerWeek',
      ],
      ['a string as hoursPerWeek on EXTEND', { hoursPerWeek: '20' }, 'hoursPerWeek'],
      [
        'an object as newEndDate on CHANGE_HOURS',
        { kind: 'CHANGE_HOURS', hoursPerWeek: 20, newEndDate: { $ne: 1 } },
        'newEndDate',
      ],
    ])('a change request with %s → 400 naming the field, nothing written', async (_name, patch, field) => {
      const id = await createReferral();
      await act(id, 'accept', provider, {});
      const before = { rows: await snapshot([id]), counts: await counts() };
      const payload = { kind: 'EXTEND', newEndDate: '2099-06-30', reason: 'Mere tid', ...patch };
      expectFieldErrors(
        await send('post', `/api/v1/referrals/${id}/change-requests`, { token: provider, payload }),
        field,
      );
      expect(await snapshot([id])).toEqual(before.rows);
      expect(await counts()).toEqual(before.counts);
    });

    it('a change request with null for the fields of other kinds is the same as leaving them out → 201', async () => {
      const id = await createReferral();
      await act(id, 'accept', provider, {});
      const payload = { kind: 'EXTEND', newEndDate: '2099-06-30', hoursPerWeek: null, reason: null };
      const res = await send('post', `/api/v1/referrals/${id}/change-requests`, { token: provider, payload });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'EXTEND', newEndDate: '2099-06-30', hoursPerWeek: null, reason: null });
    });

    it('a NUL in a transition comment → 400, the referral unchanged', async () => {
      const id = await createReferral();
      const before = { rows: await snapshot([id]), counts: await counts() };
      const res = await send('post', `/api/v1/referrals/${id}/reject`, {
        token: provider,
        payload: { reason: 'OTHER', comment: 'nej\u0000' },
      });
      expectFieldErrors(res, 'comment');
      expect(await snapshot([id])).toEqual(before.rows);
      expect(await counts()).toEqual(before.counts);
    });

    it.each(['2026-13-45', '2026-02-30', '2026-01-01T99:99Z', '2026-01-01T10:00:00+25:00'])(
      'GET /referrals?updatedSince=%s → 400 naming updatedSince',
      async (updatedSince) => {
        const res = await h.http
          .get('/api/v1/referrals')
          .query({ updatedSince })
          .set('authorization', `Bearer ${jobcenter}`);
        expectFieldErrors(res, 'updatedSince');
      },
    );

    it.each(['2026-01-01', '2026-01-01T10:00Z', '2026-01-01T10:00:00.123Z', '2026-01-01T10:00:00+02:00'])(
      'GET /referrals?updatedSince=%s still works',
      async (updatedSince) => {
        await h.http
          .get('/api/v1/referrals')
          .query({ updatedSince })
          .set('authorization', `Bearer ${jobcenter}`)
          .expect(200);
      },
    );
  });
});
