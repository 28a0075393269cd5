import { DEMO_CATALOGUE } from './demo-catalogue';

// CVR modulus-11 check, inline on purpose (no dependency on other libs).
const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];
function isValidCvr(cvr: string): boolean {
  if (!/^[1-9]\d{7}$/.test(cvr)) return false;
  const sum = [...cvr].reduce((acc, digit, i) => acc + Number(digit) * CVR_WEIGHTS[i], 0);
  return sum % 11 === 0;
}

describe('DEMO_CATALOGUE (seed 003)', () => {
  const offers = DEMO_CATALOGUE.flatMap((p) => p.offers);

  it('has the 12 providers of seed 003', () => {
    expect(DEMO_CATALOGUE).toHaveLength(12);
  });

  it('has the 95 offers of the provider × package matrix', () => {
    expect(offers).toHaveLength(95);
  });

  it('has the per-type counts of the matrix', () => {
    const counts: Record<string, number> = {};
    for (const o of offers) counts[o.packageType] = (counts[o.packageType] ?? 0) + 1;
    expect(counts).toEqual({
      ENTRY_MODULE: 12,
      JOB: 12,
      EDUCATION: 12,
      MOTIVATION: 12,
      SICKNESS_BENEFIT: 12,
      MENTOR: 12,
      COMBINATION: 8,
      WORK_TRIAL: 9,
      SPECIAL: 6,
    });
  });

  it('offers each package type at most once per provider', () => {
    for (const p of DEMO_CATALOGUE) {
      const types = p.offers.map((o) => o.packageType);
      expect(new Set(types).size).toBe(types.length);
    }
  });

  it('uses 8-digit ids that pass the CVR modulus-11 check', () => {
    for (const p of DEMO_CATALOGUE) {
      expect(p.id).toMatch(/^\d{8}$/);
      expect(isValidCvr(p.id)).toBe(true);
    }
  });

  it('uses unique ids', () => {
    const ids = DEMO_CATALOGUE.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has sane offer fields and serves København', () => {
    for (const p of DEMO_CATALOGUE) expect(p.municipalities).toContain('101');
    for (const o of offers) {
      expect(o.name).not.toHaveLength(0);
      expect(o.tenderArea).not.toHaveLength(0);
      expect(o.targetGroups.length).toBeGreaterThan(0);
      expect(o.weeklyHours).toBeGreaterThan(0);
      expect(o.weeklyHours).toBeLessThanOrEqual(37);
      expect(o.maxWeeks).toBeGreaterThan(0);
      expect(o.maxWeeks).toBeLessThanOrEqual(52);
    }
  });
});
