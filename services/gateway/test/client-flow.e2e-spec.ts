import { randomUUID } from 'node:crypto';
import { createJobplatformClient, ok, ProblemError } from '@jobplatform/client';
import { todayInCopenhagen } from '@platform/domain-kernel';
import { PlacementBuilder, startStack, tokenFor, validCpr, type Stack } from '@platform/testing';

jest.setTimeout(180_000);

/**
 * The README's flow written with the client generated from our own OpenAPI document, as an integrating system
 * would write it — no casts: if the contract and the services disagree, this stops compiling or fails here.
 */
describe('the generated client against the running platform', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('offers → create with a key → replay → accept → start → measurement → placement → read back → refusals', async () => {
    const jobcenter = createJobplatformClient({ baseUrl: stack.gateway, token: await tokenFor('jobcenter', '101') });
    const offers = ok(await jobcenter.GET('/api/v1/offers'));
    const offer = offers.items.find((o) => o.packageType === 'JOB');
    if (!offer) throw new Error('the demo catalogue has no JOB offer');
    const provider = createJobplatformClient({
      baseUrl: stack.gateway,
      token: await tokenFor('provider', offer.providerId),
    });
    const today = todayInCopenhagen();

    const key = randomUUID();
    const body = {
      externalRef: `KK-CLIENT-${randomUUID()}`,
      municipalityCode: '101',
      citizen: { cpr: validCpr(), name: 'Anna Hansen' },
      caseworker: { name: 'Jens Jensen' },
      providerId: offer.providerId,
      offerId: offer.id,
      targetGroup: 'CASH_BENEFIT' as const,
      purposes: ['JOB' as const],
      hoursPerWeek: 12,
      plannedStart: today,
      plannedWeeks: 13,
    };
    const created = await jobcenter.POST('/api/v1/referrals', { body, headers: { 'idempotency-key': key } });
    const referral = ok(created);
    expect(created.response.status).toBe(201);
    expect(referral.status).toBe('RECEIVED');

    // The same key and body: the first answer again, not a second referral.
    const replay = await jobcenter.POST('/api/v1/referrals', { body, headers: { 'idempotency-key': key } });
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(ok(replay).id).toBe(referral.id);

    const path = { params: { path: { id: referral.id } } };
    expect(ok(await provider.POST('/api/v1/referrals/{id}/accept', { ...path, body: {} })).status).toBe('ACCEPTED');
    expect(
      ok(await provider.POST('/api/v1/referrals/{id}/start', { ...path, body: { startDate: today } })).status,
    ).toBe('STARTED');

    // At once, with no pause: the services that learn of the start from events wait for it rather than refuse.
    const measurement = ok(
      await provider.POST('/api/v1/referrals/{id}/measurements', {
        ...path,
        body: { scale: 'LADDER_12', measuredAt: today, values: { step: 4 }, assessor: 'PROFESSIONAL' },
      }),
    );
    expect(measurement.sequence).toBe(1);
    const placement = ok(
      await provider.POST('/api/v1/referrals/{id}/placements', {
        ...path,
        body: PlacementBuilder.valid().startingOn(today).build(),
      }),
    );

    const read = ok(await jobcenter.GET('/api/v1/referrals/{id}', path));
    expect(read.status).toBe('STARTED');
    expect(read.history.map((h) => h.status)).toEqual(['RECEIVED', 'ACCEPTED', 'STARTED']);
    const placements = ok(await provider.GET('/api/v1/referrals/{id}/placements', path));
    expect(placements.items.map((p) => p.id)).toEqual([placement.id]);
    const measurements = ok(await jobcenter.GET('/api/v1/referrals/{id}/measurements', path));
    expect(measurements.items.map((m) => m.id)).toEqual([measurement.id]);

    // A refused CPR: a typed problem with the field that is wrong.
    const refused = await jobcenter.POST('/api/v1/referrals', {
      body: { ...body, externalRef: `KK-CLIENT-${randomUUID()}`, citizen: { cpr: '3213901234', name: 'X' } },
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error?.errors?.map((e) => e.field)).toContain('citizen.cpr');
    expect(() => ok(refused)).toThrow(ProblemError);

    // The first key with another body: refused, and nothing is created.
    const reused = await jobcenter.POST('/api/v1/referrals', {
      body: { ...body, hoursPerWeek: 20 },
      headers: { 'idempotency-key': key },
    });
    expect(reused.response.status).toBe(422);
    expect(reused.error?.type).toBe('/problems/idempotency-key-reused');
  });
});
