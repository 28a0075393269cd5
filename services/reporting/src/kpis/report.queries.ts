import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@platform/auth';
import { OutcomeHorizon, todayInCopenhagen, type ReportingHorizon } from '@platform/domain-kernel';
import { ReportingConfig } from '../config';
import { overdueIfEndedBefore } from '../follow-up/horizon';
import { CURVE_SCALE, JOB_OR_EDUCATION_SQL } from '../projection/course-projection';
import { minCellFor, suppress, suppressDistribution, tooSmall } from './disclosure';
import { PROGRESSION_CATEGORY_SQL, type ProgressionCategory } from './progression-category';
import { filterSql, scopeFilter, type ReportFilter } from './report-scope';

export interface TypeCount {
  type: string;
  count: number;
}

/**
 * A provider's row. Its counts are null only when the row is suppressed (an analyst's row of fewer than
 * MIN_CELL_SIZE courses, ADR 0071); a share, median or average is also null when the courses it is computed from are
 * fewer (or none).
 */
export interface ProviderKpiView {
  providerId: string;
  suppressed: boolean;
  received: number | null;
  accepted: number | null;
  rejected: number | null;
  started: number | null;
  completed: number | null;
  cancelled: number | null;
  jobOrEducationShareAtEnd: number | null;
  jobOrEducationShareAt3M: number | null;
  jobOrEducationShareAt6M: number | null;
  jobOrEducationShareAt12M: number | null;
  outcomesRecorded3M: number | null;
  outcomesRecorded6M: number | null;
  outcomesRecorded12M: number | null;
  outcomesOverdue: number | null;
  medianDaysToStart: number | null;
  medianDaysToAnswer: number | null;
  answeredOnTimeShare: number | null;
  startedOnTimeShare: number | null;
  medianDurationDays: number | null;
  placements: number | null;
  placementsInternal: number | null;
  placementsExternal: number | null;
  conversionsToPaidHours: number | null;
  placementsByType: TypeCount[];
  measuredCourses: number | null;
  averageFirstLevel: number | null;
  averageBestLevel: number | null;
  averageLastLevel: number | null;
  progressedShare: number | null;
}

export interface StatusCountView {
  status: string;
  count: number | null;
  share: number | null;
  suppressed: boolean;
}

export interface CurvePointView {
  sequence: number;
  averageLevel: number | null;
  courses: number | null;
  suppressed: boolean;
}

export interface CategoryCurveView {
  category: ProgressionCategory;
  courses: number | null;
  points: CurvePointView[];
  suppressed: boolean;
}

const HORIZON_COLUMN: Record<ReportingHorizon, string> = {
  AT_END: 'exit_status',
  END_PLUS_3M: 'exit_status_3m',
  END_PLUS_6M: 'exit_status_6m',
  END_PLUS_12M: 'exit_status_12m',
};

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const share = (part: string) => `(${part})::float8`;

/** The KPIs, distributions and curves; every query is one aggregate over the course fact table. */
@Injectable()
export class ReportQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ReportingConfig,
  ) {}

  async providerKpis(actor: Actor, filter: ReportFilter, today = todayInCopenhagen()): Promise<ProviderKpiView[]> {
    const scoped = scopeFilter(actor, filter);
    const min = minCellFor(actor, this.config.MIN_CELL_SIZE);
    const { where, params } = filterSql(scoped, 4);
    const jobEd = (col: string) =>
      `${share(`count(*) FILTER (WHERE c.${col} = ANY(${JOB_OR_EDUCATION_SQL}))`)} / NULLIF(count(c.${col}), 0)`;
    const answered = `COALESCE(c.accepted_at, c.rejected_at)`;
    const answeredDate = `(${answered} AT TIME ZONE 'Europe/Copenhagen')::date`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT c.provider_id COLLATE "C" AS provider_id,
         count(*) AS received,
         count(c.accepted_at) AS accepted,
         count(c.rejected_at) AS rejected,
         count(c.start_date) AS started,
         count(c.end_date) AS completed,
         count(c.cancelled_at) AS cancelled,
         ${jobEd('exit_status')} AS job_ed_end,
         ${jobEd('exit_status_3m')} AS job_ed_3m,
         ${jobEd('exit_status_6m')} AS job_ed_6m,
         ${jobEd('exit_status_12m')} AS job_ed_12m,
         count(c.exit_status) AS recorded_end,
         count(c.exit_status_3m) AS recorded_3m,
         count(c.exit_status_6m) AS recorded_6m,
         count(c.exit_status_12m) AS recorded_12m,
         count(*) FILTER (WHERE (c.exit_status_3m IS NULL AND c.end_date < $1::date) OR
           (c.exit_status_6m IS NULL AND c.end_date < $2::date) OR
           (c.exit_status_12m IS NULL AND c.end_date < $3::date)) AS overdue,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY c.start_date - c.received_date) AS median_days_to_start,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY ${answeredDate} - c.received_date) AS median_days_to_answer,
         ${share(`count(*) FILTER (WHERE ${answeredDate} <= c.answer_due)`)} / NULLIF(count(${answered}), 0)
           AS answered_on_time,
         count(${answered}) AS answered,
         ${share('count(*) FILTER (WHERE c.start_date <= c.start_due)')} / NULLIF(count(c.start_date), 0)
           AS started_on_time,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY c.end_date - c.start_date) AS median_duration,
         sum(c.placements) AS placements,
         sum(c.placements_internal) AS placements_internal,
         sum(c.conversions_to_paid_hours) AS conversions,
         count(c.first_level) AS measured,
         avg(c.first_level)::float8 AS avg_first,
         avg(c.best_level)::float8 AS avg_best,
         avg(c.last_level)::float8 AS avg_last,
         ${share('count(*) FILTER (WHERE c.last_level > c.first_level)')} / NULLIF(count(c.first_level), 0)
           AS progressed
       FROM reporting.course_fact c
       WHERE ${where}
       GROUP BY 1
       ORDER BY 1`,
      [...OutcomeHorizon.map((h) => overdueIfEndedBefore(today, h)), ...params],
    );
    const byType = await this.placementsByType(scoped);
    return rows.map((r) => {
      const placements = Number(r.placements);
      const internal = Number(r.placements_internal);
      // A figure computed from fewer courses than an analyst may see is null (ADR 0071).
      const figure = (value: unknown, courses: unknown) => (tooSmall(courses, min) ? null : num(value));
      const row: ProviderKpiView = {
        providerId: String(r.provider_id),
        suppressed: false,
        received: Number(r.received),
        accepted: Number(r.accepted),
        rejected: Number(r.rejected),
        started: Number(r.started),
        completed: Number(r.completed),
        cancelled: Number(r.cancelled),
        jobOrEducationShareAtEnd: figure(r.job_ed_end, r.recorded_end),
        jobOrEducationShareAt3M: figure(r.job_ed_3m, r.recorded_3m),
        jobOrEducationShareAt6M: figure(r.job_ed_6m, r.recorded_6m),
        jobOrEducationShareAt12M: figure(r.job_ed_12m, r.recorded_12m),
        outcomesRecorded3M: Number(r.recorded_3m),
        outcomesRecorded6M: Number(r.recorded_6m),
        outcomesRecorded12M: Number(r.recorded_12m),
        outcomesOverdue: Number(r.overdue),
        medianDaysToStart: figure(r.median_days_to_start, r.started),
        medianDaysToAnswer: figure(r.median_days_to_answer, r.answered),
        answeredOnTimeShare: figure(r.answered_on_time, r.answered),
        startedOnTimeShare: figure(r.started_on_time, r.started),
        medianDurationDays: figure(r.median_duration, r.completed),
        placements,
        placementsInternal: internal,
        placementsExternal: placements - internal,
        conversionsToPaidHours: Number(r.conversions),
        placementsByType: byType.get(String(r.provider_id)) ?? [],
        measuredCourses: Number(r.measured),
        averageFirstLevel: figure(r.avg_first, r.measured),
        averageBestLevel: figure(r.avg_best, r.measured),
        averageLastLevel: figure(r.avg_last, r.measured),
        progressedShare: figure(r.progressed, r.measured),
      };
      return tooSmall(r.received, min) ? suppress(row, ['providerId']) : row;
    });
  }

  private async placementsByType(scoped: ReportFilter): Promise<Map<string, TypeCount[]>> {
    const { where, params } = filterSql(scoped);
    const rows: { provider_id: string; type: string; n: string }[] = await this.dataSource.query(
      `SELECT c.provider_id, p.type, count(*) AS n
       FROM reporting.course_fact c JOIN reporting.placement_fact p ON p.referral_id = c.referral_id
       WHERE ${where} AND c.placements > 0 AND p.type IS NOT NULL
       GROUP BY c.provider_id, p.type ORDER BY c.provider_id, p.type`,
      params,
    );
    const map = new Map<string, TypeCount[]>();
    for (const r of rows)
      map.set(r.provider_id, [...(map.get(r.provider_id) ?? []), { type: r.type, count: Number(r.n) }]);
    return map;
  }

  async exitStatusDistribution(
    actor: Actor,
    filter: ReportFilter,
    horizon: ReportingHorizon,
  ): Promise<StatusCountView[]> {
    const { where, params } = filterSql(scopeFilter(actor, filter));
    const column = `c.${HORIZON_COLUMN[horizon]}`;
    const rows: { status: string; n: string }[] = await this.dataSource.query(
      `SELECT ${column} AS status, count(*) AS n FROM reporting.course_fact c
       WHERE ${where} AND ${column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
      params,
    );
    const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
    const cells = rows.map((r) => ({ status: r.status, count: Number(r.n), share: Number(r.n) / total }));
    return suppressDistribution(cells, minCellFor(actor, this.config.MIN_CELL_SIZE), ['status']);
  }

  async progressionCurve(actor: Actor, filter: ReportFilter, scale: string): Promise<CurvePointView[]> {
    const { where, params } = filterSql(scopeFilter(actor, filter));
    const rows: Record<string, unknown>[] =
      scale === CURVE_SCALE
        ? // The default scale's levels are kept on the course row: one scan, no join.
          await this.dataSource.query(
            `SELECT m.seq, avg(m.level)::float8 AS average, count(*) AS n
             FROM reporting.course_fact c CROSS JOIN LATERAL unnest(c.level_sequences, c.levels) AS m(seq, level)
             WHERE ${where} AND cardinality(c.levels) > 0 GROUP BY m.seq ORDER BY m.seq`,
            params,
          )
        : await this.dataSource.query(
            `SELECT m.sequence AS seq, avg(m.level)::float8 AS average, count(DISTINCT m.referral_id) AS n
             FROM reporting.course_fact c JOIN reporting.measurement_fact m ON m.referral_id = c.referral_id
             WHERE ${where} AND m.scale_code = $${params.length + 1} AND m.assessor = 'PROFESSIONAL'
               AND NOT m.superseded
             GROUP BY m.sequence ORDER BY m.sequence`,
            [...params, scale],
          );
    const min = minCellFor(actor, this.config.MIN_CELL_SIZE);
    return rows.map((r) => this.point(r, min));
  }

  /** Cohort curves split by progression category (LADDER_12, first to best level), as in Incita's charts. */
  async progressionCurvesByCategory(actor: Actor, filter: ReportFilter): Promise<CategoryCurveView[]> {
    const { where, params } = filterSql(scopeFilter(actor, filter));
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH cohort AS (
         SELECT ${PROGRESSION_CATEGORY_SQL} AS category, c.level_sequences, c.levels
         FROM reporting.course_fact c WHERE ${where} AND cardinality(c.levels) > 0)
       SELECT k.category, k.n AS courses, m.seq, avg(m.level)::float8 AS average, count(*) AS n
       FROM (SELECT category, count(*) AS n FROM cohort GROUP BY category) k
       JOIN cohort ON cohort.category = k.category
       CROSS JOIN LATERAL unnest(cohort.level_sequences, cohort.levels) AS m(seq, level)
       GROUP BY k.category, k.n, m.seq ORDER BY k.category, m.seq`,
      params,
    );
    const min = minCellFor(actor, this.config.MIN_CELL_SIZE);
    const curves = new Map<string, CategoryCurveView>();
    for (const r of rows) {
      const category = String(r.category) as ProgressionCategory;
      const curve = curves.get(category) ?? { category, courses: Number(r.courses), points: [], suppressed: false };
      curve.points.push(this.point(r, min));
      curves.set(category, curve);
    }
    return [...curves.values()].map((curve) => (tooSmall(curve.courses, min) ? suppress(curve, ['category']) : curve));
  }

  /** A curve point; an analyst's point of fewer than MIN_CELL_SIZE courses is suppressed (ADR 0071). */
  private point(r: Record<string, unknown>, min: number): CurvePointView {
    const point = { sequence: Number(r.seq), averageLevel: Number(r.average), courses: Number(r.n), suppressed: false };
    return tooSmall(point.courses, min) ? suppress(point, ['sequence']) : point;
  }
}
