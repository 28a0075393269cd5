import { addDays, todayInCopenhagen } from '@platform/domain-kernel';
import { PlatformClient, ReferralBuilder, startStack, type Stack } from '@platform/testing';

jest.setTimeout(120_000);

interface BatchResult {
  index: number;
  status: number;
  sequence?: number;
}

// Issue 5's acceptance, through the gateway with every service running as a process.
describe('progression measurements through the gateway', () => {
  let stack: Stack;
  let client: PlatformClient;
  let actors: Awaited<ReturnType<PlatformClient['actors']>>;

  beforeAll(async () => {
    stack = await startStack();
    client = new PlatformClient(stack.gateway);
    actors = await client.actors();
  });
  afterAll(() => stack?.stop());

  const ladder = (step: number, measuredAt = todayInCopenhagen()) => ({
    scale: 'LADDER_12',
    measuredAt,
    values: { step },
    assessor: 'PROFESSIONAL',
  });

  it('a series of LADDER_12 measurements, single and batch, shown in order with latestLevel; bad ones refused', async () => {
    const { jobcenter, provider, otherProvider } = actors;
    const referralId = await client.startedCourse(jobcenter, provider);
    const otherReferral = await client.startedCourse(jobcenter, otherProvider);
    const notStarted = (
      await client.rest<{ id: string }>(
        'POST',
        '/api/v1/referrals',
        jobcenter,
        // a referral that is received but never started
        ReferralBuilder.valid().forProvider(provider.id, provider.offerId).build(),
      )
    ).body.id;

    // Right after the start, with no pause: progression waits for the start event rather than refuse.
    const first = await client.rest<{ sequence: number }>(
      'POST',
      `/api/v1/referrals/${referralId}/measurements`,
      provider.token,
      ladder(3),
    );
    expect(first).toMatchObject({ status: 201, body: { sequence: 1 } });
    // The course that was never started: refused (422) at once, and final.
    expect(
      (await client.rest('POST', `/api/v1/referrals/${notStarted}/measurements`, provider.token, ladder(4))).status,
    ).toBe(422);

    const batch = await client.rest<{ results: BatchResult[] }>('POST', '/api/v1/measurements/batch', provider.token, {
      items: [
        { referralId, ...ladder(5) },
        { referralId, ...ladder(7) },
        { referralId, ...ladder(13) }, // outside the scale
        { referralId, ...ladder(8, addDays(todayInCopenhagen(), 1)) }, // in the future
        { referralId, ...ladder(8, addDays(todayInCopenhagen(), -1)) }, // before the start
        { referralId: otherReferral, ...ladder(4) }, // another provider's course
        { referralId: notStarted, ...ladder(4) }, // not started
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results.map((r) => [r.index, r.status, r.sequence])).toEqual([
      [0, 201, 2],
      [1, 201, 3],
      [2, 400, undefined],
      [3, 422, undefined],
      [4, 422, undefined],
      [5, 404, undefined],
      [6, 422, undefined],
    ]);

    // Single posts are refused the same way, and nothing is stored.
    expect(
      (await client.rest('POST', `/api/v1/referrals/${referralId}/measurements`, provider.token, ladder(0))).status,
    ).toBe(400);
    expect(
      (await client.rest('POST', `/api/v1/referrals/${otherReferral}/measurements`, provider.token, ladder(4))).status,
    ).toBe(404);

    const query = `query($id: ID!) { referral(id: $id) { id status latestLevel measurements { sequence assessor values { dimension level } } } }`;
    const view = await client.graphql<{
      referral: { latestLevel: number; measurements: { sequence: number; values: { level: number }[] }[] };
    }>(jobcenter, query, { id: referralId });
    expect(view.errors).toBeUndefined();
    expect(view.data!.referral.measurements.map((m) => [m.sequence, m.values[0].level])).toEqual([
      [1, 3],
      [2, 5],
      [3, 7],
    ]);
    expect(view.data!.referral.latestLevel).toBe(7);
    expect((await client.graphql(otherProvider.token, query, { id: referralId })).data).toEqual({ referral: null });
    const others = await client.graphql<{ referral: { measurements: unknown[] } }>(otherProvider.token, query, {
      id: otherReferral,
    });
    expect(others.data!.referral.measurements).toEqual([]);
  });
});
