import type { Actor } from '@platform/auth';

/**
 * The disclosure rule for aggregates (ADR 0071): an analyst (and a BI tool acting as one) never receives a figure
 * computed from fewer than MIN_CELL_SIZE courses; such a cell is returned with its figures null and `suppressed`
 * true. Jobcenters, providers and admins see their own courses one by one anyway, so their cells are never
 * suppressed. Returns the smallest cell an actor may see (0: no suppression).
 */
export function minCellFor(actor: Actor, minCellSize: number): number {
  return actor.role === 'analyst' ? minCellSize : 0;
}

/** Whether a cell of `courses` courses is too small to show (always false when `min` is 0). */
export const tooSmall = (courses: unknown, min: number): boolean => Number(courses) < min;

/** A cell with its figures nullable (lists stay lists) except the labels `K` it keeps. */
type Suppressed<T, K extends keyof T> = {
  [P in keyof T]: P extends K ? T[P] : T[P] extends unknown[] ? T[P] : T[P] | null;
} & { suppressed: boolean };

/** The cell with every figure but the `keep` labels nulled (lists emptied) and marked suppressed. */
export function suppress<T extends object, K extends keyof T>(cell: T, keep: readonly K[]): Suppressed<T, K> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(cell)) {
    out[key] = keep.includes(key as K) ? value : Array.isArray(value) ? [] : null;
  }
  return { ...out, suppressed: true } as Suppressed<T, K>;
}

/**
 * Suppresses the small cells of a distribution (cells of one dimension that add up to a total the caller can
 * reconstruct from the shares). When exactly one cell would be suppressed, the next smallest is suppressed too, so
 * that the total minus the cells shown does not give the hidden one away (secondary suppression).
 */
export function suppressDistribution<T extends { count: number }, K extends keyof T>(
  cells: T[],
  min: number,
  keep: readonly K[],
): Suppressed<T, K>[] {
  const hidden = new Set(cells.filter((cell) => tooSmall(cell.count, min)));
  if (hidden.size === 1 && cells.length > 1) {
    const shown = cells.filter((cell) => !hidden.has(cell)).sort((a, b) => a.count - b.count);
    hidden.add(shown[0]);
  }
  return cells.map((cell) =>
    hidden.has(cell) ? suppress(cell, keep) : ({ ...cell, suppressed: false } as Suppressed<T, K>),
  );
}
