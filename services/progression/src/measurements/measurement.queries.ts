import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type FindOptionsWhere } from 'typeorm';
import { auditRead } from '@platform/audit';
import { assertRoleMay, type Actor } from '@platform/auth';
import { notFound } from '@platform/domain-kernel';
import { assertReadable, canRead, type KnownCourse } from '../courses/course-access';
import { CourseEntity } from '@platform/course';
import { ScaleCatalogue } from '../scales/scale-catalogue';
import { singleDimension } from '../scales/scale-definition';
import type { ListMeasurementsQuery } from './measurement.dto';
import { MeasurementEntity } from './measurement.entity';
import { measurementView, sideBySide, type MeasurementView, type SideBySide } from './measurement.view';
import { managerOf } from '@platform/messaging';

export interface MeasurementOptions {
  scale?: string;
  includeSuperseded?: boolean;
}

@Injectable()
export class MeasurementQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scales: ScaleCatalogue,
  ) {}

  /** A course's measurements in order (scale, assessor, number), with professional and citizen side by side. */
  async list(
    actor: Actor,
    referralId: string,
    query: ListMeasurementsQuery,
  ): Promise<{ items: MeasurementView[]; sideBySide: SideBySide[]; nextCursor: null }> {
    const course = await managerOf(this.dataSource).findOneBy(CourseEntity, { referralId });
    assertReadable(actor, course, referralId);
    const found = await this.forReferrals([referralId], query);
    const all = found.get(referralId) ?? [];
    await auditRead(managerOf(this.dataSource), actor, measurementsRead(referralId, all));
    return { items: all, sideBySide: sideBySide(all), nextCursor: null };
  }

  /** One measurement (the `Location` of a recorded one), for whoever may read its course. */
  async get(actor: Actor, id: string): Promise<MeasurementView> {
    const row = await managerOf(this.dataSource).findOneBy(MeasurementEntity, { id });
    if (!row) {
      assertRoleMay(actor, 'read');
      throw notFound('Measurement', id);
    }
    const course = await managerOf(this.dataSource).findOneBy(CourseEntity, { referralId: row.referralId });
    assertReadable(actor, course, row.referralId);
    const view = measurementView(row);
    await auditRead(managerOf(this.dataSource), actor, measurementsRead(row.referralId, [view]));
    return view;
  }

  /**
   * Measurements of several referrals in one query, for the GraphQL `Referral.measurements` field: only those the
   * actor may read (others get an empty list, as a course the projection has not seen yet does).
   */
  async visibleFor(actor: Actor, referralIds: string[], options: MeasurementOptions = {}) {
    const visible = await this.visibleIds(actor, referralIds);
    const found = await this.forReferrals(visible, options);
    // Notes and levels are health data: the GraphQL field is audited like the REST list, one row per referral.
    await auditRead(
      managerOf(this.dataSource),
      actor,
      ...visible.map((id) => measurementsRead(id, found.get(id) ?? [])),
    );
    return new Map(referralIds.map((id) => [id, found.get(id) ?? []]));
  }

  /**
   * The latest level of each referral on a one-dimensional scale (LADDER_12 by default): the professional's newest
   * measurement that no correction superseded. Null when there is none, or when the scale has several dimensions.
   */
  async latestLevels(actor: Actor, referralIds: string[], scale = 'LADDER_12'): Promise<Map<string, number | null>> {
    const result = new Map<string, number | null>(referralIds.map((id) => [id, null]));
    const definition = await this.scales.find(scale);
    const dimension = definition && singleDimension(definition);
    const visible = await this.visibleIds(actor, referralIds);
    if (!dimension || visible.length === 0) return result;
    const table = this.dataSource.getMetadata(MeasurementEntity).tablePath;
    const rows = await managerOf(this.dataSource).query<{ referral_id: string; level: number | null }[]>(
      `SELECT DISTINCT ON (referral_id) referral_id, ("values" ->> $3)::int AS level
       FROM ${table}
       WHERE referral_id = ANY($1::uuid[]) AND scale_code = $2 AND assessor = 'PROFESSIONAL' AND superseded_by IS NULL
       ORDER BY referral_id, sequence DESC`,
      [visible, scale, dimension],
    );
    for (const row of rows) result.set(row.referral_id, row.level);
    await auditRead(
      managerOf(this.dataSource),
      actor,
      ...rows.map((row) => ({
        resourceType: 'latest-level',
        resourceIds: [row.referral_id],
        referralId: row.referral_id,
      })),
    );
    return result;
  }

  private async visibleIds(actor: Actor, referralIds: string[]): Promise<string[]> {
    if (referralIds.length === 0) return [];
    const courses = await managerOf(this.dataSource).findBy(CourseEntity, { referralId: In(referralIds) });
    return courses
      .filter((c) => c.municipalityCode !== null && c.providerId !== null && canRead(actor, c as KnownCourse))
      .map((c) => c.referralId);
  }

  private async forReferrals(
    referralIds: string[],
    options: MeasurementOptions,
  ): Promise<Map<string, MeasurementView[]>> {
    const result = new Map<string, MeasurementView[]>();
    if (referralIds.length === 0) return result;
    const where: FindOptionsWhere<MeasurementEntity> = { referralId: In(referralIds) };
    if (options.scale) where.scaleCode = options.scale;
    if (!options.includeSuperseded) where.supersededBy = IsNull();
    const rows = await managerOf(this.dataSource).find(MeasurementEntity, {
      where,
      order: { scaleCode: 'ASC', assessor: 'DESC', sequence: 'ASC', recordedAt: 'ASC' },
    });
    for (const row of rows) result.set(row.referralId, [...(result.get(row.referralId) ?? []), measurementView(row)]);
    return result;
  }
}

/** The audit entry of a read of one referral's measurements (no row when there were none). */
function measurementsRead(referralId: string, measurements: readonly MeasurementView[]) {
  return { resourceType: 'measurement', resourceIds: measurements.map((m) => m.id), referralId };
}
