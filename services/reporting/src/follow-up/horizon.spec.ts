import { addDays, OutcomeHorizon } from '@platform/domain-kernel';
import { horizonDue, overdueIfEndedBefore } from './horizon';

describe('outcome horizons', () => {
  it('fall due 3, 6 and 12 months after the end, clamped at month end', () => {
    expect(horizonDue('2025-06-12', 'END_PLUS_3M')).toBe('2025-09-12');
    expect(horizonDue('2025-11-30', 'END_PLUS_3M')).toBe('2026-02-28');
    expect(horizonDue('2024-02-29', 'END_PLUS_12M')).toBe('2025-02-28');
  });

  it('give the cut-off end date for "overdue" exactly as due < today, around every month end', () => {
    for (let today = '2025-01-01'; today <= '2026-03-31'; today = addDays(today, 1)) {
      for (const horizon of OutcomeHorizon) {
        const cutoff = overdueIfEndedBefore(today, horizon);
        for (let end = addDays(cutoff, -6); end <= addDays(cutoff, 6); end = addDays(end, 1)) {
          expect({ today, horizon, end, overdue: end < cutoff }).toEqual({
            today,
            horizon,
            end,
            overdue: horizonDue(end, horizon) < today,
          });
        }
      }
    }
  });
});
