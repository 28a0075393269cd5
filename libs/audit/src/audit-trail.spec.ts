import { describe, expect, it } from '@jest/globals';
import { auditRows } from './audit-trail';

describe('the one audit row format', () => {
  const actor = {
    sub: 'caseworker-7',
    role: 'jobcenter' as const,
    org: '101',
    name: 'Kim',
    operation: 'GET /api/v1/referrals/:id/measurements',
  };

  it('says who, what (resource kind, ids, referral) and how, one row per read', () => {
    expect(
      auditRows(
        actor,
        [
          { resourceType: 'measurement', resourceIds: ['m1', 'm2'], referralId: 'r1' },
          { resourceType: 'measurement', resourceIds: ['m3'], referralId: 'r2' },
        ],
        'req-1',
      ),
    ).toEqual([
      {
        actorSub: 'caseworker-7',
        actorRole: 'jobcenter',
        actorOrg: '101',
        actorName: 'Kim',
        action: 'read',
        resourceType: 'measurement',
        resourceIds: ['m1', 'm2'],
        referralId: 'r1',
        operation: 'GET /api/v1/referrals/:id/measurements',
        requestId: 'req-1',
      },
      expect.objectContaining({ resourceIds: ['m3'], referralId: 'r2' }),
    ]);
  });

  it('a read of nothing leaves no row; an actor without an operation is recorded as unknown', () => {
    expect(auditRows(actor, [{ resourceType: 'report', resourceIds: [], referralId: 'r1' }])).toEqual([]);
    const [row] = auditRows({ sub: 's', role: 'admin', org: '' }, [
      { resourceType: 'report', resourceIds: ['x'], referralId: null },
    ]);
    expect(row).toMatchObject({ operation: 'unknown', actorName: null, requestId: null });
  });
});
