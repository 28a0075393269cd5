import { PROGRESSION_CATEGORY_SQL, progressionCategory } from './progression-category';

describe('progression category (LADDER_12, first to best level)', () => {
  it.each([
    [null, null, 'NOT_MEASURED'],
    [3, 3, 'NONE'],
    [3, 4, 'SOME'],
    [3, 5, 'SOME'],
    [3, 6, 'HIGH'],
    [3, 7, 'HIGH'],
    [3, 8, 'VERY_HIGH'],
    [1, 12, 'VERY_HIGH'],
  ] as const)('first %p, best %p → %s', (first, best, category) => {
    expect(progressionCategory(first, best)).toBe(category);
  });

  it('is the same rule in SQL, built from the same thresholds', () => {
    expect(PROGRESSION_CATEGORY_SQL).toBe(
      "CASE WHEN c.first_level IS NULL THEN 'NOT_MEASURED' WHEN c.best_level - c.first_level >= 5 THEN 'VERY_HIGH' " +
        "WHEN c.best_level - c.first_level >= 3 THEN 'HIGH' WHEN c.best_level - c.first_level >= 1 THEN 'SOME' " +
        "WHEN c.best_level - c.first_level >= 0 THEN 'NONE' ELSE 'NONE' END",
    );
  });
});
