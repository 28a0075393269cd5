import type { EntityManager } from 'typeorm';
import { JOB_OR_EDUCATION } from '@platform/domain-kernel';
import type { Change, ChangeKind, ChangeOf } from './changes';

/**
 * The read model's write side: every change kind is applied set-based (one statement over `unnest` arrays), for
 * one event from the consumer or for hundreds of thousands from a rebuild or the benchmark — the same code path.
 *
 * Order tolerance: each change writes only its own columns and inserts a partial row when the course is not known
 * yet; derived values (status, first/best/last level, placement counts) are recomputed from the facts, never
 * accumulated from the order in which events arrived. Duplicates are stopped earlier, by the consumer's inbox.
 */

const S = 'reporting';

/** The course's status, derived from which facts are present, so it does not depend on event order. */
export const STATUS_SQL = `CASE
  WHEN c.cancelled_at IS NOT NULL THEN 'CANCELLED'
  WHEN c.end_date IS NOT NULL THEN 'COMPLETED'
  WHEN c.rejected_at IS NOT NULL THEN 'REJECTED'
  WHEN c.start_date IS NOT NULL AND c.pauses > c.resumes THEN 'PAUSED'
  WHEN c.start_date IS NOT NULL THEN 'STARTED'
  WHEN c.accepted_at IS NOT NULL THEN 'ACCEPTED'
  ELSE 'RECEIVED' END`;

export const JOB_OR_EDUCATION_SQL = `ARRAY[${JOB_OR_EDUCATION.map((s) => `'${s}'`).join(',')}]::text[]`;

/** Curves and first/best/last level are kept for this scale and the professional's measurements. */
export const CURVE_SCALE = 'LADDER_12';

/**
 * Curves cover measurements 1–200 of a course (weekly for almost four years; Incita's charts stop at 15), which keeps
 * a course's entry in the covering indexes well under PostgreSQL's 2.7 kB limit.
 */
export const CURVE_MAX_MEASUREMENTS = 200;

type Q = Pick<EntityManager, 'query'>;

/** The last change per key wins (a batch may hold two events for one row; one statement may touch a row once). */
function lastBy<T>(items: T[], key: (item: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    map.delete(k);
    map.set(k, item);
  }
  return [...map.values()];
}

const ids = (items: { referralId: string }[]) => [...new Set(items.map((i) => i.referralId))];

async function ensureCourses(q: Q, referralIds: string[]): Promise<void> {
  await q.query(
    `INSERT INTO ${S}.course_fact (referral_id) SELECT unnest($1::uuid[]) ORDER BY 1 ON CONFLICT DO NOTHING`,
    [referralIds],
  );
}

export async function applyReceived(q: Q, changes: ChangeOf<'received'>[]): Promise<void> {
  const rows = lastBy(changes, (c) => c.referralId);
  await q.query(
    `INSERT INTO ${S}.course_fact AS c (referral_id, external_ref, municipality_code, provider_id, offer_id,
       package_type, tender_area, target_group, purposes, hours_per_week, planned_start, planned_weeks, planned_end,
       citizen_pseudonym, received_at, received_date, answer_due, start_due)
     SELECT r.id, r.ref, r.muni, r.provider, r.offer, r.package, r.area, r.tg,
       CASE WHEN r.purposes = '' THEN '{}'::text[] ELSE string_to_array(r.purposes, ',') END,
       r.hours, r.pstart, r.weeks, r.pstart + r.weeks * 7, r.pseudonym, r.at,
       (r.at AT TIME ZONE 'Europe/Copenhagen')::date, r.adue, r.sdue
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::float8[], $11::date[], $12::int[], $13::text[], $14::timestamptz[], $15::date[], $16::date[])
       AS r(id, ref, muni, provider, offer, package, area, tg, purposes, hours, pstart, weeks, pseudonym, at, adue, sdue)
     ON CONFLICT (referral_id) DO UPDATE SET
       external_ref = EXCLUDED.external_ref, municipality_code = EXCLUDED.municipality_code,
       provider_id = EXCLUDED.provider_id, offer_id = EXCLUDED.offer_id, package_type = EXCLUDED.package_type,
       tender_area = EXCLUDED.tender_area, target_group = EXCLUDED.target_group, purposes = EXCLUDED.purposes,
       hours_per_week = COALESCE(c.hours_per_week, EXCLUDED.hours_per_week), planned_start = EXCLUDED.planned_start,
       planned_weeks = EXCLUDED.planned_weeks, planned_end = COALESCE(c.planned_end, EXCLUDED.planned_end),
       citizen_pseudonym = EXCLUDED.citizen_pseudonym, received_at = EXCLUDED.received_at,
       received_date = EXCLUDED.received_date, answer_due = EXCLUDED.answer_due, start_due = EXCLUDED.start_due,
       updated_at = now()`,
    [
      rows.map((r) => r.referralId),
      rows.map((r) => r.externalRef),
      rows.map((r) => r.municipalityCode),
      rows.map((r) => r.providerId),
      rows.map((r) => r.offerId),
      rows.map((r) => r.packageType),
      rows.map((r) => r.tenderArea),
      rows.map((r) => r.targetGroup),
      rows.map((r) => r.purposes.join(',')),
      rows.map((r) => r.hoursPerWeek),
      rows.map((r) => r.plannedStart),
      rows.map((r) => r.plannedWeeks),
      rows.map((r) => r.citizenPseudonym),
      rows.map((r) => r.receivedAt),
      rows.map((r) => r.answerDue),
      rows.map((r) => r.startDue),
    ],
  );
  // Outcomes recorded before the course was known get its tenancy now.
  await q.query(
    `UPDATE ${S}.outcome_follow_up o SET municipality_code = c.municipality_code, provider_id = c.provider_id
     FROM ${S}.course_fact c WHERE c.referral_id = o.referral_id AND o.referral_id = ANY($1::uuid[])
       AND o.municipality_code IS DISTINCT FROM c.municipality_code`,
    [ids(rows)],
  );
}

/** Sets some columns of existing (or new, partial) course rows from per-course values. */
async function updateCourses(
  q: Q,
  referralIds: string[],
  columns: { name: string; type: string; values: unknown[]; set?: string }[],
): Promise<void> {
  await ensureCourses(q, referralIds);
  const params = [referralIds, ...columns.map((c) => c.values)];
  const types = ['$1::uuid[]', ...columns.map((c, i) => `$${i + 2}::${c.type}[]`)].join(', ');
  const names = ['id', ...columns.map((c) => c.name)].join(', ');
  const sets = columns.map((c) => `${c.name} = ${c.set ?? `u.${c.name}`}`).join(', ');
  await q.query(
    `UPDATE ${S}.course_fact c SET ${sets}, updated_at = now()
     FROM unnest(${types}) AS u(${names}) WHERE c.referral_id = u.id`,
    params,
  );
}

async function applySimple<K extends ChangeKind>(
  q: Q,
  changes: ChangeOf<K>[],
  columns: { name: string; type: string; value: (c: ChangeOf<K>) => unknown; set?: string }[],
): Promise<void> {
  const rows = lastBy(changes, (c) => c.referralId);
  await updateCourses(
    q,
    rows.map((r) => r.referralId),
    columns.map((c) => ({ name: c.name, type: c.type, set: c.set, values: rows.map(c.value) })),
  );
}

/** Counts per course (pauses, resumes, reports): added, so a batch may hold several for one course. */
async function applyCount(q: Q, changes: { referralId: string }[], column: string): Promise<void> {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.referralId, (counts.get(c.referralId) ?? 0) + 1);
  await updateCourses(
    q,
    [...counts.keys()],
    [{ name: column, type: 'int', values: [...counts.values()], set: `c.${column} + u.${column}` }],
  );
}

export async function applyCompleted(q: Q, changes: ChangeOf<'completed'>[]): Promise<void> {
  await applySimple(q, changes, [
    { name: 'end_date', type: 'date', value: (c) => c.endDate },
    { name: 'end_reason', type: 'text', value: (c) => c.endReason },
    { name: 'exit_status', type: 'text', value: (c) => c.exitStatus },
  ]);
  // The follow-up horizons fall due on their dates; an outcome already recorded keeps its status.
  await q.query(
    `INSERT INTO ${S}.outcome_follow_up AS o (referral_id, horizon, due_date, municipality_code, provider_id)
     SELECT c.referral_id, h.horizon, (c.end_date + h.months * interval '1 month')::date, c.municipality_code,
       c.provider_id
     FROM ${S}.course_fact c
     CROSS JOIN (VALUES ('END_PLUS_3M', 3), ('END_PLUS_6M', 6), ('END_PLUS_12M', 12)) AS h(horizon, months)
     WHERE c.referral_id = ANY($1::uuid[])
     ORDER BY 1, 2
     ON CONFLICT (referral_id, horizon) DO UPDATE SET due_date = EXCLUDED.due_date,
       municipality_code = EXCLUDED.municipality_code, provider_id = EXCLUDED.provider_id`,
    [ids(changes)],
  );
}

export async function applyOutcomes(q: Q, changes: ChangeOf<'outcome'>[]): Promise<void> {
  const rows = lastBy(changes, (c) => `${c.referralId}/${c.horizon}`);
  await ensureCourses(q, ids(rows));
  await q.query(
    `INSERT INTO ${S}.outcome_follow_up AS o (referral_id, horizon, exit_status, observed_date, municipality_code,
       provider_id)
     SELECT u.id, u.horizon, u.status, u.observed, c.municipality_code, c.provider_id
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[]) AS u(id, horizon, status, observed)
     JOIN ${S}.course_fact c ON c.referral_id = u.id
     ON CONFLICT (referral_id, horizon) DO UPDATE SET exit_status = EXCLUDED.exit_status,
       observed_date = EXCLUDED.observed_date`,
    [
      rows.map((r) => r.referralId),
      rows.map((r) => r.horizon),
      rows.map((r) => r.exitStatus),
      rows.map((r) => r.observedDate),
    ],
  );
  // Denormalised onto the course so the per-horizon distribution is one scan of the fact table.
  await q.query(
    `UPDATE ${S}.course_fact c SET
       exit_status_3m = COALESCE(o3.exit_status, c.exit_status_3m),
       exit_status_6m = COALESCE(o6.exit_status, c.exit_status_6m),
       exit_status_12m = COALESCE(o12.exit_status, c.exit_status_12m), updated_at = now()
     FROM ${S}.course_fact c2
     LEFT JOIN ${S}.outcome_follow_up o3 ON o3.referral_id = c2.referral_id AND o3.horizon = 'END_PLUS_3M'
     LEFT JOIN ${S}.outcome_follow_up o6 ON o6.referral_id = c2.referral_id AND o6.horizon = 'END_PLUS_6M'
     LEFT JOIN ${S}.outcome_follow_up o12 ON o12.referral_id = c2.referral_id AND o12.horizon = 'END_PLUS_12M'
     WHERE c.referral_id = c2.referral_id AND c.referral_id = ANY($1::uuid[])`,
    [ids(rows)],
  );
}

export async function applyMeasurements(q: Q, changes: ChangeOf<'measurement'>[]): Promise<void> {
  const rows = lastBy(changes, (c) => c.measurementId);
  await ensureCourses(q, ids(rows));
  await q.query(
    `INSERT INTO ${S}.measurement_fact (measurement_id, referral_id, scale_code, scale_version, sequence,
       measured_date, assessor, level, dimension_values, supersedes_id, superseded)
     SELECT m.id, m.referral, m.scale, m.version, m.seq, m.measured, m.assessor, m.level, m.vals::jsonb, m.supersedes,
       EXISTS (SELECT 1 FROM ${S}.measurement_fact s WHERE s.supersedes_id = m.id)
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::date[], $7::text[], $8::float8[],
       $9::text[], $10::uuid[]) AS m(id, referral, scale, version, seq, measured, assessor, level, vals, supersedes)
     ON CONFLICT (measurement_id) DO NOTHING`,
    [
      rows.map((r) => r.measurementId),
      rows.map((r) => r.referralId),
      rows.map((r) => r.scaleCode),
      rows.map((r) => r.scaleVersion),
      rows.map((r) => r.sequence),
      rows.map((r) => r.measuredDate),
      rows.map((r) => r.assessor),
      rows.map((r) => r.level),
      rows.map((r) => JSON.stringify(r.values)),
      rows.map((r) => r.supersedesId),
    ],
  );
  const superseded = rows.flatMap((r) => (r.supersedesId ? [r.supersedesId] : []));
  if (superseded.length > 0) {
    await q.query(`UPDATE ${S}.measurement_fact SET superseded = true WHERE measurement_id = ANY($1::uuid[])`, [
      superseded,
    ]);
  }
  await recomputeLevels(q, ids(rows));
}

/** First, best and last level and the curve arrays, from the course's effective professional measurements. */
export async function recomputeLevels(q: Q, referralIds: string[]): Promise<void> {
  await q.query(
    `UPDATE ${S}.course_fact c SET level_sequences = m.seqs[1:${CURVE_MAX_MEASUREMENTS}],
       levels = m.lvls[1:${CURVE_MAX_MEASUREMENTS}], first_level = m.lvls[1], best_level = m.best,
       last_level = m.lvls[cardinality(m.lvls)], updated_at = now()
     FROM (
       SELECT referral_id, array_agg(sequence ORDER BY sequence) AS seqs,
         array_agg(round(level)::smallint ORDER BY sequence) AS lvls, max(round(level))::smallint AS best
       FROM ${S}.measurement_fact
       WHERE referral_id = ANY($1::uuid[]) AND scale_code = '${CURVE_SCALE}' AND assessor = 'PROFESSIONAL'
         AND NOT superseded
       GROUP BY referral_id) m
     WHERE c.referral_id = m.referral_id`,
    [referralIds],
  );
}

async function applyPlacements(q: Q, changes: Change[]): Promise<void> {
  for (const c of lastBy(
    changes.filter((x): x is ChangeOf<'placementStarted'> => x.kind === 'placementStarted'),
    (x) => x.placementId,
  )) {
    await q.query(
      `INSERT INTO ${S}.placement_fact AS p (placement_id, referral_id, type, internal, start_date, start_paid_hours,
         hours_per_week, max_paid_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $6)
       ON CONFLICT (placement_id) DO UPDATE SET type = EXCLUDED.type, internal = EXCLUDED.internal,
         start_date = EXCLUDED.start_date, start_paid_hours = EXCLUDED.start_paid_hours,
         hours_per_week = COALESCE(p.hours_per_week, EXCLUDED.hours_per_week),
         max_paid_hours = GREATEST(p.max_paid_hours, EXCLUDED.max_paid_hours)`,
      [c.placementId, c.referralId, c.type, c.internal, c.startDate, c.paidHoursPerWeek, c.hoursPerWeek],
    );
  }
  for (const c of changes) {
    switch (c.kind) {
      case 'placementHours':
        await q.query(
          `INSERT INTO ${S}.placement_fact AS p (placement_id, referral_id, hours_per_week, max_paid_hours)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (placement_id) DO UPDATE SET hours_per_week = EXCLUDED.hours_per_week,
             max_paid_hours = GREATEST(p.max_paid_hours, EXCLUDED.max_paid_hours)`,
          [c.placementId, c.referralId, c.hoursPerWeek, c.paidHoursPerWeek],
        );
        break;
      case 'followUp':
        await q.query(
          `INSERT INTO ${S}.placement_fact AS p (placement_id, referral_id, follow_ups, attendance_pct_sum,
             attendance_count)
           VALUES ($1, $2, 1, $3, CASE WHEN $3::float8 IS NULL THEN 0 ELSE 1 END)
           ON CONFLICT (placement_id) DO UPDATE SET follow_ups = p.follow_ups + 1,
             attendance_pct_sum = COALESCE(p.attendance_pct_sum, 0) + COALESCE(EXCLUDED.attendance_pct_sum, 0),
             attendance_count = p.attendance_count + EXCLUDED.attendance_count`,
          [c.placementId, c.referralId, c.attendancePct],
        );
        break;
      case 'placementEnded':
        await q.query(
          `INSERT INTO ${S}.placement_fact AS p (placement_id, referral_id, end_date, end_reason) VALUES ($1, $2, $3, $4)
           ON CONFLICT (placement_id) DO UPDATE SET end_date = EXCLUDED.end_date, end_reason = EXCLUDED.end_reason`,
          [c.placementId, c.referralId, c.endDate, c.reason],
        );
        break;
      default:
        break;
    }
  }
  const referralIds = ids(changes);
  await ensureCourses(q, referralIds);
  // A conversion: paid hours rose above what the placement started with (internship hours became paid hours).
  await q.query(
    `UPDATE ${S}.course_fact c SET placements = p.n, placements_internal = p.internal,
       conversions_to_paid_hours = p.conversions, updated_at = now()
     FROM (SELECT referral_id, count(*) FILTER (WHERE type IS NOT NULL) AS n,
             count(*) FILTER (WHERE internal) AS internal,
             count(*) FILTER (WHERE max_paid_hours > COALESCE(start_paid_hours, 0)) AS conversions
           FROM ${S}.placement_fact WHERE referral_id = ANY($1::uuid[]) GROUP BY referral_id) p
     WHERE c.referral_id = p.referral_id`,
    [referralIds],
  );
}

const of =
  <K extends ChangeKind>(kind: K) =>
  (changes: Change[]): ChangeOf<K>[] =>
    changes.filter((c): c is ChangeOf<K> => c.kind === kind);

/** Applies a batch of changes of any kinds. The consumer calls it with one; rebuilds and the benchmark with many. */
export async function applyChanges(q: Q, changes: Change[]): Promise<void> {
  const run = async <K extends ChangeKind>(kind: K, apply: (q: Q, c: ChangeOf<K>[]) => Promise<void>) => {
    const selected = of(kind)(changes);
    if (selected.length > 0) await apply(q, selected);
  };
  await run('received', applyReceived);
  await run('accepted', (q, c) =>
    applySimple(q, c, [{ name: 'accepted_at', type: 'timestamptz', value: (x) => x.at }]),
  );
  await run('rejected', (q, c) =>
    applySimple(q, c, [
      { name: 'rejected_at', type: 'timestamptz', value: (x) => x.at },
      { name: 'reject_reason', type: 'text', value: (x) => x.reason },
    ]),
  );
  await run('started', (q, c) => applySimple(q, c, [{ name: 'start_date', type: 'date', value: (x) => x.startDate }]));
  await run('paused', async (q, c) => {
    await applyCount(q, c, 'pauses');
    await applySimple(q, c, [
      { name: 'paused_since', type: 'date', value: (x) => x.date, set: 'GREATEST(c.paused_since, u.paused_since)' },
    ]);
  });
  await run('resumed', async (q, c) => {
    await applyCount(q, c, 'resumes');
    await applySimple(q, c, [
      { name: 'resumed_on', type: 'date', value: (x) => x.date, set: 'GREATEST(c.resumed_on, u.resumed_on)' },
    ]);
  });
  await run('changed', (q, c) =>
    applySimple(q, c, [
      { name: 'planned_end', type: 'date', value: (x) => x.plannedEnd },
      { name: 'hours_per_week', type: 'float8', value: (x) => x.hoursPerWeek },
    ]),
  );
  await run('completed', applyCompleted);
  await run('cancelled', (q, c) =>
    applySimple(q, c, [
      { name: 'cancelled_at', type: 'timestamptz', value: (x) => x.at },
      { name: 'cancel_reason', type: 'text', value: (x) => x.reason },
    ]),
  );
  await run('outcome', applyOutcomes);
  const placementChanges = changes.filter(
    (c) =>
      c.kind === 'placementStarted' ||
      c.kind === 'placementHours' ||
      c.kind === 'followUp' ||
      c.kind === 'placementEnded',
  );
  if (placementChanges.length > 0) await applyPlacements(q, placementChanges);
  await run('measurement', applyMeasurements);
  await run('report', (q, c) => applyCount(q, c, 'reports'));
}
