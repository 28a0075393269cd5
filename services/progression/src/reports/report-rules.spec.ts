import { judgeReport, reportAllowed } from './report-rules';

const course = {
  referralId: '3f6c1c2e-8d2a-4f7e-9a51-2b7f0c4d9e10',
  status: 'STARTED' as const,
  startDate: '2026-12-01',
  endDate: null,
};
const sections = { attentionPoints: { health: 'Møder stabilt' } };

describe('report rules', () => {
  it('allows entry and status reports while the course runs, a final report also after it ended', () => {
    expect(reportAllowed('ENTRY', 'STARTED')).toBe(true);
    expect(reportAllowed('STATUS', 'PAUSED')).toBe(true);
    expect(reportAllowed('ENTRY', 'COMPLETED')).toBe(false);
    expect(reportAllowed('FINAL', 'COMPLETED')).toBe(true);
    expect(reportAllowed('FINAL', 'ACCEPTED')).toBe(false);
    expect(reportAllowed('FINAL', 'CANCELLED')).toBe(false);
  });

  it('needs at least one attention point or ressourceprofil element', () => {
    expect(judgeReport({ kind: 'ENTRY', sections }, course, '2026-12-20')).toBeUndefined();
    expect(
      judgeReport({ kind: 'ENTRY', sections: { resourceProfile: { health: 'x' } } }, course, '2026-12-20'),
    ).toBeUndefined();
    const error = judgeReport(
      { kind: 'ENTRY', sections: { summary: 'Kun resumé', attentionPoints: {} } },
      course,
      '2026-12-20',
    );
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.details.errors?.[0].field).toBe('sections');
  });

  it('needs a period within the course for a STATUS report', () => {
    expect(judgeReport({ kind: 'STATUS', sections }, course, '2026-12-20')?.details.errors?.[0].field).toBe('period');
    const period = (from: string, to: string) =>
      judgeReport({ kind: 'STATUS', sections, period: { from, to } }, course, '2026-12-20');
    expect(period('2026-12-01', '2026-12-20')).toBeUndefined();
    expect(period('2026-12-10', '2026-12-09')?.details.errors?.[0].field).toBe('period.to');
    expect(period('2026-12-10', '2026-12-21')?.details.errors?.[0].message).toMatch(/future/);
    expect(period('2026-11-30', '2026-12-10')?.details.errors?.[0].field).toBe('period.from');
  });

  it('refuses a report for a course that is not running', () => {
    expect(
      judgeReport({ kind: 'ENTRY', sections }, { ...course, status: 'ACCEPTED', startDate: null }, '2026-12-20')?.code,
    ).toBe('RULE_VIOLATED');
  });
});
