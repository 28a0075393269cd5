import { ReferralBuilder } from '@platform/testing';
import { ChangeRequestEntity } from '../src/change-requests/change-request.entity';
import { ReferralHistoryEntity } from '../src/referrals/referral-history.entity';
import { ReferralEntity } from '../src/referrals/referral.entity';
import { startReferrals, type ReferralsHarness } from './harness';

/** Optimistic concurrency (API.md, ADR 0062): ETag on reads, If-Match on writes (412), If-None-Match (304). */
describe('referrals: ETag, If-Match and If-None-Match', () => {
  let h: ReferralsHarness;
  let jobcenter: string;
  let provider: string;

  beforeAll(async () => {
    h = await startReferrals();
    jobcenter = await h.token('jobcenter', '101');
    provider = await h.token('provider', h.provider.id);
  });
  afterAll(() => h?.close());

  const create = async (): Promise<{ id: string; etag: string }> => {
    const res = await h.http
      .post('/api/v1/referrals')
      .set('authorization', `Bearer ${jobcenter}`)
      .send(
        ReferralBuilder.valid()
          .forProvider(h.provider.id, h.provider.offerId)
          .with({ plannedWeeks: 4, plannedStart: '2026-12-01' })
          .build(),
      )
      .expect(201);
    return { id: res.body.id as string, etag: res.headers.etag };
  };
  const read = (id: string, headers: Record<string, string> = {}) =>
    h.http.get(`/api/v1/referrals/${id}`).set('authorization', `Bearer ${jobcenter}`).set(headers);
  const stored = (id: string) => h.dataSource.manager.findOneByOrFail(ReferralEntity, { id });
  const historyCount = (id: string) => h.dataSource.manager.countBy(ReferralHistoryEntity, { referralId: id });

  it('reads carry a strong ETag of the version; If-None-Match with it is 304 with no body, another tag 200', async () => {
    const { id, etag } = await create();
    expect(etag).toBe(`"${id}:1"`);
    const first = await read(id).expect(200);
    expect(first.headers.etag).toBe(`"${id}:1"`);
    const notModified = await read(id, { 'if-none-match': etag }).expect(304);
    expect(notModified.text ?? '').toBe('');
    expect(notModified.headers.etag).toBe(etag);
    await read(id, { 'if-none-match': `W/${etag}` }).expect(304);
    await read(id, { 'if-none-match': `"other", ${etag}` }).expect(304);
    await read(id, { 'if-none-match': '*' }).expect(304);
    const changed = await read(id, { 'if-none-match': `"${id}:0"` }).expect(200);
    expect(changed.body.id).toBe(id);
  });

  it('a transition with the current If-Match runs and answers the new ETag; the old one then gets 412 and changes nothing', async () => {
    const { id, etag } = await create();
    const accepted = await h.http
      .post(`/api/v1/referrals/${id}/accept`)
      .set('authorization', `Bearer ${provider}`)
      .set('if-match', etag)
      .send({})
      .expect(200);
    expect(accepted.headers.etag).toBe(`"${id}:2"`);
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED', version: 2 });
    // A second system still holding version 1 tries to reject it: refused, nothing written.
    const before = { referral: await stored(id), history: await historyCount(id) };
    const stale = await h.http
      .post(`/api/v1/referrals/${id}/reject`)
      .set('authorization', `Bearer ${provider}`)
      .set('if-match', etag)
      .send({ reason: 'NO_CAPACITY' })
      .expect(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ type: '/problems/precondition-failed', status: 412, currentETag: `"${id}:2"` });
    expect(await stored(id)).toEqual(before.referral);
    expect(await historyCount(id)).toBe(before.history);
    // A weak tag never satisfies If-Match (strong comparison), even with the current version.
    await h.http
      .post(`/api/v1/referrals/${id}/cancel`)
      .set('authorization', `Bearer ${jobcenter}`)
      .set('if-match', `W/"${id}:2"`)
      .send({ reason: 'CASE_CLOSED' })
      .expect(412);
    expect((await stored(id)).status).toBe('ACCEPTED');
    // Without If-Match a write runs as before; `*` matches any current version.
    await h.http
      .post(`/api/v1/referrals/${id}/cancel`)
      .set('authorization', `Bearer ${jobcenter}`)
      .set('if-match', '*')
      .send({ reason: 'CASE_CLOSED' })
      .expect(200);
    expect(await stored(id)).toMatchObject({ status: 'CANCELLED', version: 3 });
  });

  it('a 412 is no leak: another tenant still gets 404', async () => {
    const { id } = await create();
    const stranger = await h.token('provider', h.otherProvider.id);
    await h.http
      .post(`/api/v1/referrals/${id}/accept`)
      .set('authorization', `Bearer ${stranger}`)
      .set('if-match', '"nope"')
      .send({})
      .expect(404);
  });

  it('a keyed write stores its ETag and replays it', async () => {
    const { id, etag } = await create();
    const send = () =>
      h.http
        .post(`/api/v1/referrals/${id}/accept`)
        .set('authorization', `Bearer ${provider}`)
        .set('idempotency-key', `etag-${id}`)
        .set('if-match', etag)
        .send({});
    const first = await send().expect(200);
    const replay = await send().expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.etag).toBe(first.headers.etag);
    expect(first.headers.etag).toBe(`"${id}:2"`);
  });

  it('change requests: creation honours the referral If-Match; approve/reject the change request own', async () => {
    const { id } = await create();
    const accepted = await h.http
      .post(`/api/v1/referrals/${id}/accept`)
      .set('authorization', `Bearer ${provider}`)
      .send({})
      .expect(200);
    const referralTag = accepted.headers.etag;
    const proposal = { kind: 'EXTEND', newEndDate: '2027-01-31', reason: 'tæt på småjob' };
    await h.http
      .post(`/api/v1/referrals/${id}/change-requests`)
      .set('authorization', `Bearer ${provider}`)
      .set('if-match', `"${id}:1"`)
      .send(proposal)
      .expect(412);
    expect(await h.dataSource.manager.countBy(ChangeRequestEntity, { referralId: id })).toBe(0);
    const cr = await h.http
      .post(`/api/v1/referrals/${id}/change-requests`)
      .set('authorization', `Bearer ${provider}`)
      .set('if-match', referralTag)
      .send(proposal)
      .expect(201);
    const crId = cr.body.id as string;
    expect(cr.headers.etag).toBe(`"${crId}:1"`);
    // The proposal is a line in the referral's history: the referral has a new version.
    const referral = await read(id).expect(200);
    expect(referral.headers.etag).toBe(`"${id}:3"`);
    await read(id, { 'if-none-match': referralTag }).expect(200);

    const get = (headers: Record<string, string> = {}) =>
      h.http.get(`/api/v1/change-requests/${crId}`).set('authorization', `Bearer ${jobcenter}`).set(headers);
    expect((await get().expect(200)).headers.etag).toBe(`"${crId}:1"`);
    await get({ 'if-none-match': `"${crId}:1"` }).expect(304);

    const approved = await h.http
      .post(`/api/v1/change-requests/${crId}/approve`)
      .set('authorization', `Bearer ${jobcenter}`)
      .set('if-match', `"${crId}:1"`)
      .send({ comment: 'OK' })
      .expect(200);
    expect(approved.headers.etag).toBe(`"${crId}:2"`);
    await get({ 'if-none-match': `"${crId}:1"` }).expect(200);
    // A second jobcenter system still holding version 1: 412 (not the 409 of a decided request), nothing changes.
    const rejected = await h.http
      .post(`/api/v1/change-requests/${crId}/reject`)
      .set('authorization', `Bearer ${jobcenter}`)
      .set('if-match', `"${crId}:1"`)
      .send({})
      .expect(412);
    expect(rejected.body.type).toBe('/problems/precondition-failed');
    expect(await h.dataSource.manager.findOneByOrFail(ChangeRequestEntity, { id: crId })).toMatchObject({
      status: 'APPROVED',
      version: 2,
    });
  });

  it('two writers with the same If-Match: exactly one wins, the other gets 412', async () => {
    const { id, etag } = await create();
    const [a, b] = await Promise.all(
      ['accept', 'reject'].map((action) =>
        h.http
          .post(`/api/v1/referrals/${id}/${action}`)
          .set('authorization', `Bearer ${provider}`)
          .set('if-match', etag)
          .send(action === 'reject' ? { reason: 'NO_CAPACITY' } : {}),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect((await stored(id)).version).toBe(2);
    expect(await historyCount(id)).toBe(2);
  });
});
