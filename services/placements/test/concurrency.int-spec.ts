import { FollowUpEntity } from '../src/placements/follow-up.entity';
import { LogbookEntryEntity } from '../src/placements/logbook-entry.entity';
import { PlacementHoursEntity } from '../src/placements/placement-hours.entity';
import { PlacementEntity } from '../src/placements/placement.entity';
import { startPlacements, validPlacement, type PlacementsHarness } from './harness';

jest.setTimeout(60_000);

/** Optimistic concurrency (API.md, ADR 0062) on placements: ETag, If-Match (412), If-None-Match (304). */
describe('placements: ETag, If-Match and If-None-Match', () => {
  let h: PlacementsHarness;
  let provider: string;
  let jobcenter: string;
  let referralId: string;

  beforeAll(async () => {
    h = await startPlacements();
    provider = await h.token('provider', h.provider);
    jobcenter = await h.token('jobcenter', '101');
    referralId = await h.startedCourse();
  });
  afterAll(() => h?.close());

  const post = (url: string, body: object, headers: Record<string, string> = {}) =>
    h.http.post(url).set('authorization', `Bearer ${provider}`).set(headers).send(body);
  const read = (id: string, headers: Record<string, string> = {}) =>
    h.http.get(`/api/v1/placements/${id}`).set('authorization', `Bearer ${jobcenter}`).set(headers);
  /** Everything a write on the placement could change. */
  const state = async (id: string) => ({
    placement: await h.dataSource.manager.findOneByOrFail(PlacementEntity, { id }),
    hours: await h.dataSource.manager.countBy(PlacementHoursEntity, { placementId: id }),
    followUps: await h.dataSource.manager.countBy(FollowUpEntity, { placementId: id }),
    logbook: await h.dataSource.manager.countBy(LogbookEntryEntity, { placementId: id }),
  });
  const create = async () => {
    const res = await post(`/api/v1/referrals/${referralId}/placements`, validPlacement()).expect(201);
    return { id: res.body.id as string, etag: res.headers.etag };
  };

  const writes: [string, object][] = [
    ['hours', { effectiveFrom: '2026-10-19', hoursPerWeek: 6, reason: 'Timeoptrapning' }],
    ['conversions', { effectiveFrom: '2026-11-02', paidHoursPerWeek: 2, reason: 'Løntimer' }],
    [
      'follow-ups',
      { date: '2026-10-12', mode: 'PHONE', participants: ['CITIZEN'], observations: { attendance: 'Til tiden' } },
    ],
    ['logbook', { entries: [{ date: '2026-10-06', hoursWorked: 2, sick: false, leftEarly: false }] }],
    ['end', { endDate: '2026-11-20', reason: 'CONVERTED_TO_JOB' }],
  ];

  it('a read carries the ETag of its version; If-None-Match with it is 304 with no body', async () => {
    const { id, etag } = await create();
    expect(etag).toBe(`"${id}:1"`);
    const view = await read(id).expect(200);
    expect(view.headers.etag).toBe(etag);
    const notModified = await read(id, { 'if-none-match': etag }).expect(304);
    expect(notModified.text ?? '').toBe('');
    await read(id, { 'if-none-match': `"${id}:7"` }).expect(200);
    // A list is no single version: no ETag.
    const list = await h.http
      .get(`/api/v1/referrals/${referralId}/placements`)
      .set('authorization', `Bearer ${jobcenter}`)
      .expect(200);
    expect(list.headers.etag).toBeUndefined();
  });

  it.each(writes)(
    'POST /placements/{id}/%s: a stale If-Match is 412 and changes nothing; the current one runs and answers the new ETag',
    async (path, body) => {
      const { id, etag } = await create();
      // Someone else wrote first: a logbook entry makes version 2.
      const other = await post(`/api/v1/placements/${id}/logbook`, {
        entries: [{ date: '2026-10-07', hoursWorked: 1, sick: false, leftEarly: false }],
      }).expect(201);
      expect(other.headers.etag).toBe(`"${id}:2"`);
      const before = await state(id);
      const stale = await post(`/api/v1/placements/${id}/${path}`, body, { 'if-match': etag }).expect(412);
      expect(stale.body).toMatchObject({
        type: '/problems/precondition-failed',
        status: 412,
        currentETag: `"${id}:2"`,
      });
      expect(await state(id)).toEqual(before);

      const done = await post(`/api/v1/placements/${id}/${path}`, body, { 'if-match': other.headers.etag });
      expect(done.status).toBeLessThan(300);
      expect(done.headers.etag).toBe(`"${id}:3"`);
      expect(done.body.version).toBe(3);
      expect((await read(id).expect(200)).headers.etag).toBe(`"${id}:3"`);
      await read(id, { 'if-none-match': other.headers.etag }).expect(200);
    },
  );

  it('two writers holding the same version: one wins, the other gets 412', async () => {
    const { id, etag } = await create();
    const answers = await Promise.all([
      post(`/api/v1/placements/${id}/hours`, writes[0][1], { 'if-match': etag }),
      post(`/api/v1/placements/${id}/end`, writes[4][1], { 'if-match': etag }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    expect((await state(id)).placement.version).toBe(2);
  });
});
