/**
 * Progression category of a course on LADDER_12, from its first to its best level (Incita's charts split cohorts
 * into "meget høj" and "høj progression"). Thresholds in steps of the 12-step ladder.
 */
export const ProgressionCategory = ['VERY_HIGH', 'HIGH', 'SOME', 'NONE', 'NOT_MEASURED'] as const;
export type ProgressionCategory = (typeof ProgressionCategory)[number];

/** Lowest gain (best − first) of each category that has one, highest first. */
export const CATEGORY_MIN_GAIN: readonly [ProgressionCategory, number][] = [
  ['VERY_HIGH', 5],
  ['HIGH', 3],
  ['SOME', 1],
  ['NONE', 0],
];

export function progressionCategory(firstLevel: number | null, bestLevel: number | null): ProgressionCategory {
  if (firstLevel === null || bestLevel === null) return 'NOT_MEASURED';
  const gain = bestLevel - firstLevel;
  for (const [category, min] of CATEGORY_MIN_GAIN) if (gain >= min) return category;
  return 'NONE';
}

/** The same rule in SQL over `course_fact c`, built from the same thresholds. */
export const PROGRESSION_CATEGORY_SQL = `CASE WHEN c.first_level IS NULL THEN 'NOT_MEASURED' ${CATEGORY_MIN_GAIN.map(
  ([category, min]) => `WHEN c.best_level - c.first_level >= ${min} THEN '${category}'`,
).join(' ')} ELSE 'NONE' END`;
