import { addDays, todayInCopenhagen } from '@platform/domain-kernel';
import { PlatformClient, startStack, type Stack } from '@platform/testing';

jest.setTimeout(120_000);

// Issue 4's acceptance, through the gateway with every service running as a process.
describe('placements through the gateway', () => {
  let stack: Stack;
  let client: PlatformClient;
  let actors: Awaited<ReturnType<PlatformClient['actors']>>;

  beforeAll(async () => {
    stack = await startStack();
    client = new PlatformClient(stack.gateway);
    actors = await client.actors();
  });
  afterAll(() => stack?.stop());

  it('an internship raised twice, partly converted, followed up and logged; one GraphQL query shows it all', async () => {
    const { provider, otherProvider, jobcenter } = actors;
    const referralId = await client.startedCourse(jobcenter, provider);
    const today = todayInCopenhagen();

    // Right after the start (one system to the client: no pause, no retry).
    const response = await client.rest<{ id: string }>(
      'POST',
      `/api/v1/referrals/${referralId}/placements`,
      provider.token,
      {
        type: 'INTERNSHIP',
        internal: false,
        employer: { cvr: '10000009', name: 'Bageriet ApS' },
        startDate: today,
        hoursPerWeek: 4,
        agreement: {
          workFunctions: ['Opfyldning'],
          trainingGoals: ['Stabilt fremmøde'],
          accommodations: ['Ingen tunge løft'],
          aids: [],
          support: ['Mentor'],
          followUp: { citizenEveryDays: 7, employerEveryDays: 14 },
        },
      },
    );
    expect(response.status).toBe(201);
    const created = response.body;
    const placement = `/api/v1/placements/${created.id}`;
    const steps: [string, object, number][] = [
      [`${placement}/hours`, { effectiveFrom: addDays(today, 7), hoursPerWeek: 6, reason: 'Timeoptrapning' }, 200],
      [`${placement}/hours`, { effectiveFrom: addDays(today, 14), hoursPerWeek: 10, reason: 'Tre dage om ugen' }, 200],
      [`${placement}/conversions`, { effectiveFrom: addDays(today, 21), paidHoursPerWeek: 3, reason: 'Løntimer' }, 200],
      [
        `${placement}/follow-ups`,
        {
          date: today,
          mode: 'ON_SITE',
          participants: ['CITIZEN', 'EMPLOYER'],
          attendancePct: 90,
          effectivenessPct: 50,
          observations: { attendance: 'Møder til tiden' },
        },
        201,
      ],
      [`${placement}/logbook`, { entries: [{ date: today, hoursWorked: 2, sick: false, leftEarly: false }] }, 201],
    ];
    for (const [path, body, status] of steps) {
      const response = await client.rest('POST', path, provider.token, body);
      expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status });
    }

    const query = `query($id: ID!) { referral(id: $id) { id status placements {
      id type hoursPerWeek paidHoursPerWeek hoursHistory { kind effectiveFrom hoursPerWeek paidHoursPerWeek }
      followUps { date mode attendancePct } logbook { date hoursWorked } } } }`;
    const mine = await client.graphql<{ referral: { status: string; placements: Record<string, unknown>[] } }>(
      provider.token,
      query,
      { id: referralId },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.referral.status).toBe('STARTED');
    expect(mine.data!.referral.placements).toEqual([
      expect.objectContaining({
        id: created.id,
        type: 'HYBRID',
        hoursHistory: [
          expect.objectContaining({ kind: 'START', hoursPerWeek: 4, effectiveFrom: today }),
          expect.objectContaining({ kind: 'CHANGE', hoursPerWeek: 6 }),
          expect.objectContaining({ kind: 'CHANGE', hoursPerWeek: 10 }),
          expect.objectContaining({ kind: 'CONVERSION', hoursPerWeek: 10, paidHoursPerWeek: 3 }),
        ],
        followUps: [expect.objectContaining({ mode: 'ON_SITE', attendancePct: 90 })],
        logbook: [expect.objectContaining({ hoursWorked: 2 })],
      }),
    ]);
    // The jobcenter of the referral sees the same through the gateway.
    const asJobcenter = await client.graphql<{ referral: { placements: unknown[] } }>(jobcenter, query, {
      id: referralId,
    });
    expect(asJobcenter.data!.referral.placements).toHaveLength(1);

    // Another provider: 404 over REST for all of it, and nothing over GraphQL.
    for (const path of [placement, `/api/v1/referrals/${referralId}/placements`]) {
      expect((await client.rest('GET', path, otherProvider.token)).status).toBe(404);
    }
    expect((await client.rest('POST', `${placement}/hours`, otherProvider.token, steps[0][1])).status).toBe(404);
    const theirs = await client.graphql(otherProvider.token, query, { id: referralId });
    expect(theirs.data).toEqual({ referral: null });
    const direct = await client.graphql(otherProvider.token, 'query($id: ID!) { placement(id: $id) { id } }', {
      id: created.id,
    });
    expect(direct.data?.placement ?? null).toBeNull();
  });

  it('refuses a placement once the course is completed', async () => {
    const { provider, jobcenter } = actors;
    const referralId = await client.startedCourse(jobcenter, provider);
    const body = {
      type: 'INTERNSHIP',
      internal: true,
      employer: { cvr: '10000009', name: 'Egen værksted' },
      startDate: todayInCopenhagen(),
      hoursPerWeek: 4,
      agreement: {
        workFunctions: ['Montage'],
        trainingGoals: [],
        accommodations: [],
        aids: [],
        support: [],
        followUp: { citizenEveryDays: 7, employerEveryDays: 14 },
      },
    };
    // A first placement right after the start…
    expect((await client.rest('POST', `/api/v1/referrals/${referralId}/placements`, provider.token, body)).status).toBe(
      201,
    );
    const completed = await client.rest('POST', `/api/v1/referrals/${referralId}/complete`, provider.token, {
      endDate: todayInCopenhagen(),
      endReason: 'GOT_JOB',
      exitStatus: 'ORDINARY_JOB',
    });
    expect(completed.status).toBe(200);
    // …and right after the completion, placements are refused with 422 naming the state; a refused one writes
    // nothing.
    const post = () => client.rest('POST', `/api/v1/referrals/${referralId}/placements`, provider.token, body);
    const count = async () =>
      (await client.rest<{ items: unknown[] }>('GET', `/api/v1/referrals/${referralId}/placements`, provider.token))
        .body.items.length;
    const refused = await post();
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('COMPLETED');
    const before = await count();
    expect((await post()).status).toBe(422);
    expect(await count()).toBe(before);
  });
});
