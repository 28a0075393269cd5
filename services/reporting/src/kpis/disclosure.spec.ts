import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@platform/auth';
import { minCellFor, suppress, suppressDistribution, tooSmall } from './disclosure';

const actor = (role: Actor['role']): Actor => ({ sub: 's', role, org: role === 'admin' ? '' : '101' });

describe('the disclosure rule for aggregates (ADR 0071)', () => {
  it('applies to analysts only: owners and admins see their own courses one by one anyway', () => {
    expect(minCellFor(actor('analyst'), 5)).toBe(5);
    expect(['jobcenter', 'provider', 'admin'].map((role) => minCellFor(actor(role as Actor['role']), 5))).toEqual([
      0, 0, 0,
    ]);
  });

  it('calls a cell of fewer courses than the minimum too small, never with no minimum', () => {
    expect([0, 1, 4, 5, 6].map((n) => tooSmall(n, 5))).toEqual([true, true, true, false, false]);
    expect([0, 1].map((n) => tooSmall(n, 0))).toEqual([false, false]);
  });

  it('nulls every figure of a suppressed cell but its labels, empties its lists and marks it', () => {
    expect(
      suppress({ providerId: 'p', received: 3, share: 0.5, byType: [{ type: 'X', count: 1 }] }, ['providerId']),
    ).toEqual({
      providerId: 'p',
      received: null,
      share: null,
      byType: [],
      suppressed: true,
    });
  });

  it('suppresses the small cells of a distribution, and one more when a lone hidden cell could be derived', () => {
    const cells = [
      { status: 'UNEMPLOYED', count: 6, share: 0.5 },
      { status: 'ORDINARY_JOB', count: 5, share: 5 / 12 },
      { status: 'EDUCATION', count: 1, share: 1 / 12 },
    ];
    expect(suppressDistribution(cells, 5, ['status'])).toEqual([
      { status: 'UNEMPLOYED', count: 6, share: 0.5, suppressed: false },
      { status: 'ORDINARY_JOB', count: null, share: null, suppressed: true },
      { status: 'EDUCATION', count: null, share: null, suppressed: true },
    ]);
    const twoSmall = [...cells.slice(0, 1), { status: 'MOVED', count: 2, share: 0.1 }, cells[2]];
    expect(suppressDistribution(twoSmall, 5, ['status']).map((cell) => cell.suppressed)).toEqual([false, true, true]);
    expect(suppressDistribution(cells, 0, ['status']).map((cell) => cell.count)).toEqual([6, 5, 1]);
  });
});
