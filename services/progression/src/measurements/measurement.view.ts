import type { Assessor, LocalDate } from '@platform/domain-kernel';
import type { MeasurementEntity } from './measurement.entity';

export interface MeasurementView {
  id: string;
  referralId: string;
  sequence: number;
  scale: string;
  scaleVersion: number;
  measuredAt: LocalDate;
  assessor: Assessor;
  values: Record<string, number>;
  note: string | null;
  supersedes: string | null;
  supersededBy: string | null;
  recordedAt: string;
}

export const measurementView = (row: MeasurementEntity): MeasurementView => ({
  id: row.id,
  referralId: row.referralId,
  sequence: row.sequence,
  scale: row.scaleCode,
  scaleVersion: row.scaleVersion,
  measuredAt: row.measuredAt,
  assessor: row.assessor,
  values: row.values,
  note: row.note,
  supersedes: row.supersedesId,
  supersededBy: row.supersededBy,
  recordedAt: row.recordedAt.toISOString(),
});

export interface SideBySide {
  scale: string;
  sequence: number;
  professional: Pick<MeasurementView, 'id' | 'measuredAt' | 'values' | 'scaleVersion'> | null;
  citizen: Pick<MeasurementView, 'id' | 'measuredAt' | 'values' | 'scaleVersion'> | null;
  /** Dimensions both rated, where the citizen's level differs from the professional's. */
  disagreements: { dimension: string; professional: number; citizen: number }[];
}

/**
 * The professional's measurement and the citizen's self-assessment with the same number, next to each other, and
 * where they disagree (as Outcomes Star shows it). Superseded measurements are left out.
 */
export function sideBySide(measurements: readonly MeasurementView[]): SideBySide[] {
  const rows = new Map<string, SideBySide>();
  for (const m of measurements) {
    if (m.supersededBy !== null) continue;
    const key = `${m.scale}\u0000${m.sequence}`;
    const row = rows.get(key) ?? {
      scale: m.scale,
      sequence: m.sequence,
      professional: null,
      citizen: null,
      disagreements: [],
    };
    const side = { id: m.id, measuredAt: m.measuredAt, values: m.values, scaleVersion: m.scaleVersion };
    switch (m.assessor) {
      case 'PROFESSIONAL':
        row.professional = side;
        break;
      case 'CITIZEN':
        row.citizen = side;
        break;
    }
    rows.set(key, row);
  }
  const result = [...rows.values()];
  for (const row of result) {
    if (!row.professional || !row.citizen) continue;
    const citizen = row.citizen.values;
    row.disagreements = Object.entries(row.professional.values)
      .filter(([dimension, level]) => dimension in citizen && citizen[dimension] !== level)
      .map(([dimension, level]) => ({ dimension, professional: level, citizen: citizen[dimension] }));
  }
  return result.sort((a, b) => (a.scale < b.scale ? -1 : a.scale > b.scale ? 1 : a.sequence - b.sequence));
}
