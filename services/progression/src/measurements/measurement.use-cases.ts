import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Actor } from '@platform/auth';
import { MeasurementRecordedSchema } from '@platform/contracts';
import { DomainError, todayInCopenhagen } from '@platform/domain-kernel';
import { toProblem, validateDto, type Problem } from '@platform/http';
import { managerOf, OutboxRecord, UnitOfWork } from '@platform/messaging';
import { courseEvent } from '../common/course-event';
import { combinedWait, CourseEntity } from '@platform/course';
import type { ProjectedCourse } from '../courses/course-access';
import { ScaleCatalogue } from '../scales/scale-catalogue';
import { isWellFormedItem } from './measurement-fast-path';
import { judgeMeasurement, numberSeries, type CorrectionTarget, type MeasurementInput } from './measurement-rules';
import { BatchMeasurementItemDto, type RecordMeasurementDto } from './measurement.dto';
import { MeasurementEntity, MeasurementSeriesEntity } from './measurement.entity';
import { measurementView, type MeasurementView } from './measurement.view';

export type ItemResult =
  | { index: number; status: 201; id: string; sequence: number; measurement: MeasurementView }
  | { index: number; status: number; problem: Problem };

export interface BatchResult {
  index: number;
  status: number;
  id?: string;
  sequence?: number;
  problem?: Problem;
}

/** A judged, accepted item waiting for its number. */
interface Accepted {
  index: number;
  input: MeasurementInput & { note?: string };
  scaleVersion: number;
  target?: CorrectionTarget;
  id: string;
}

const seriesKey = (referralId: string, scale: string, assessor: string) => `${referralId}|${scale}|${assessor}`;

/**
 * Records measurements, one or a thousand at a time, on one set-based path: every look-up is one query for the
 * whole request, and the write is one transaction of a fixed number of statements (series locked and numbered,
 * corrected rows marked, all measurements and all their outbox rows inserted) whatever the number of items.
 * Each item is still judged on its own and gets its own result.
 */
@Injectable()
export class MeasurementUseCases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly scales: ScaleCatalogue,
  ) {}

  /** `POST /referrals/{id}/measurements`: the one-item case of the batch path; its error is thrown. */
  async record(actor: Actor, referralId: string, dto: RecordMeasurementDto): Promise<MeasurementView> {
    const [result] = await this.recordMany(actor, [{ index: 0, input: { ...dto, referralId } }]);
    if (result.status === 201 && 'measurement' in result) return result.measurement;
    throw (result as { error?: DomainError }).error ?? new Error('measurement refused without a reason');
  }

  /** `POST /measurements/batch`: items validated one by one, then recorded together. */
  async recordBatch(actor: Actor, items: unknown[]): Promise<{ results: BatchResult[] }> {
    const results: BatchResult[] = new Array<BatchResult>(items.length);
    const valid: { index: number; input: MeasurementInput & { note?: string } }[] = [];
    await Promise.all(
      items.map(async (item, index) => {
        try {
          const input = isWellFormedItem(item) ? item : await validateDto(BatchMeasurementItemDto, item);
          valid.push({ index, input });
        } catch (error) {
          results[index] = { index, status: toProblem(error).status, problem: toProblem(error) };
        }
      }),
    );
    for (const result of await this.recordMany(actor, valid)) {
      results[result.index] =
        result.status === 201 && 'measurement' in result
          ? { index: result.index, status: 201, id: result.id, sequence: result.sequence }
          : { index: result.index, status: result.status, problem: (result as { problem: Problem }).problem };
    }
    return { results };
  }

  private async recordMany(
    actor: Actor,
    items: { index: number; input: MeasurementInput & { note?: string } }[],
  ): Promise<(ItemResult & { error?: DomainError })[]> {
    const results: (ItemResult & { error?: DomainError })[] = [];
    const refuse = (index: number, error: DomainError) => {
      const problem = toProblem(error);
      results.push({ index, status: problem.status, problem, error });
    };
    if (items.length === 0) return results;

    const manager = managerOf(this.dataSource);
    const referralIds = [...new Set(items.map((i) => i.input.referralId))];
    const targetIds = [...new Set(items.flatMap((i) => (i.input.supersedes ? [i.input.supersedes] : [])))];
    const courseTable = this.dataSource.getMetadata(CourseEntity).tablePath;
    const [courses, targets] = await Promise.all([
      // Raw on the hot path: up to 1000 ids as one array parameter, no entity hydration.
      manager.query<ProjectedCourse[]>(
        `SELECT referral_id AS "referralId", municipality_code AS "municipalityCode", provider_id AS "providerId",
                status, start_date::text AS "startDate", end_date::text AS "endDate"
         FROM ${courseTable} WHERE referral_id = ANY($1::uuid[])`,
        [referralIds],
      ),
      targetIds.length > 0
        ? manager.find(MeasurementEntity, {
            where: { id: In(targetIds) },
            select: { id: true, referralId: true, scaleCode: true, assessor: true, sequence: true, supersededBy: true },
          })
        : Promise.resolve([]),
    ]);
    const courseOf = new Map<string, ProjectedCourse>(courses.map((c) => [c.referralId, c]));
    const targetOf = new Map<string, CorrectionTarget>(targets.map((t) => [t.id, t]));
    const today = todayInCopenhagen();

    const accepted: Accepted[] = [];
    const claimedTargets = new Set<string>();
    for (const { index, input } of items) {
      const scale = await this.scales.find(input.scale, input.scaleVersion);
      const target = input.supersedes ? targetOf.get(input.supersedes) : undefined;
      const error = judgeMeasurement({
        actor,
        input,
        course: courseOf.get(input.referralId),
        scale,
        today,
        target,
        claimedTargets,
      });
      if (error || !scale) {
        refuse(index, error as DomainError);
        continue;
      }
      if (target) claimedTargets.add(target.id);
      accepted.push({ index, input, scaleVersion: scale.version, target, id: randomUUID() });
    }
    // Items refused only because this service may not have seen their courses' latest events yet: the request
    // waits for the projection and is judged again, before anything is written (read-your-writes).
    const wait = combinedWait(results.map((r) => r.error));
    if (wait) throw wait;
    if (accepted.length === 0) return results;

    const recordedAt = new Date();
    let seqs: string[] = [];
    const rows = await this.unitOfWork.run(async (tx) => {
      const numbered = await this.numberNew(
        tx,
        accepted.filter((a) => !a.target),
        refuse,
      );
      const corrections = await this.markCorrected(
        tx,
        accepted.filter((a) => a.target),
        refuse,
      );
      const toInsert = [...numbered, ...corrections];
      if (toInsert.length === 0) return [];
      const measurements = toInsert.map(({ item, sequence }) =>
        Object.assign(new MeasurementEntity(), {
          id: item.id,
          referralId: item.input.referralId,
          scaleCode: item.input.scale,
          scaleVersion: item.scaleVersion,
          sequence,
          assessor: item.input.assessor,
          measuredAt: item.input.measuredAt,
          values: item.input.values,
          note: item.input.note ?? null,
          supersedesId: item.target?.id ?? null,
          supersededBy: null,
          recordedBy: actor.sub,
          recordedAt,
        }),
      );
      seqs = await this.insertWithEvents(tx, measurements);
      return toInsert.map(({ item }, i) => ({ index: item.index, measurement: measurements[i] }));
    });
    await this.unitOfWork.committed(seqs);
    for (const { index, measurement } of rows) {
      results.push({
        index,
        status: 201,
        id: measurement.id,
        sequence: measurement.sequence,
        measurement: measurementView(measurement),
      });
    }
    return results.sort((a, b) => a.index - b.index);
  }

  /**
   * Numbers new measurements: creates missing series rows, locks every series of the request in key order (two
   * writers of the same series queue; a fixed order keeps them from deadlocking), numbers in date order, stores the
   * new counters. Four statements for any number of items.
   */
  private async numberNew(
    tx: EntityManager,
    items: Accepted[],
    refuse: (index: number, error: DomainError) => void,
  ): Promise<{ item: Accepted; sequence: number }[]> {
    if (items.length === 0) return [];
    const table = tx.connection.getMetadata(MeasurementSeriesEntity).tablePath;
    const groups = new Map<string, Accepted[]>();
    for (const item of items) {
      const key = seriesKey(item.input.referralId, item.input.scale, item.input.assessor);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    const keys = [...groups.keys()].sort();
    const columns = keys.map((k) => k.split('|'));
    const params = [columns.map((c) => c[0]), columns.map((c) => c[1]), columns.map((c) => c[2])];
    await tx.query(
      `INSERT INTO ${table} (referral_id, scale_code, assessor, last_sequence)
       SELECT r, s, a, 0 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(r, s, a) ORDER BY r, s, a
       ON CONFLICT DO NOTHING`,
      params,
    );
    const locked = await tx.query<
      {
        referral_id: string;
        scale_code: string;
        assessor: string;
        last_sequence: number;
        last_measured_at: string | null;
      }[]
    >(
      `SELECT referral_id, scale_code, assessor, last_sequence, last_measured_at::text AS last_measured_at
       FROM ${table}
       WHERE (referral_id, scale_code, assessor) IN (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]))
       ORDER BY referral_id, scale_code, assessor
       FOR UPDATE`,
      params,
    );
    const numbered: { item: Accepted; sequence: number }[] = [];
    const updates: [string, string, string, number, string][] = [];
    for (const row of locked) {
      const group = groups.get(seriesKey(row.referral_id, row.scale_code, row.assessor)) ?? [];
      const outcome = numberSeries(
        { lastSequence: row.last_sequence, lastMeasuredAt: row.last_measured_at },
        group.map((item) => ({ item, index: item.index, measuredAt: item.input.measuredAt })),
      );
      for (const { item, error } of outcome.refused) refuse(item.index, error);
      for (const { item, sequence } of outcome.numbered) numbered.push({ item: item.item, sequence });
      if (outcome.numbered.length > 0 && outcome.last.lastMeasuredAt !== null) {
        updates.push([
          row.referral_id,
          row.scale_code,
          row.assessor,
          outcome.last.lastSequence,
          outcome.last.lastMeasuredAt,
        ]);
      }
    }
    if (updates.length > 0) {
      await tx.query(
        `UPDATE ${table} AS s SET last_sequence = v.seq, last_measured_at = v.d
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::date[]) AS v(r, sc, a, seq, d)
         WHERE s.referral_id = v.r AND s.scale_code = v.sc AND s.assessor = v.a`,
        [0, 1, 2, 3, 4].map((i) => updates.map((u) => u[i])),
      );
    }
    return numbered;
  }

  /**
   * Marks the measurements that corrections supersede, in one statement. One that another writer corrected since it
   * was read is not marked again: that correction is refused as a conflict.
   */
  private async markCorrected(
    tx: EntityManager,
    items: Accepted[],
    refuse: (index: number, error: DomainError) => void,
  ): Promise<{ item: Accepted; sequence: number }[]> {
    if (items.length === 0) return [];
    const table = tx.connection.getMetadata(MeasurementEntity).tablePath;
    const sorted = [...items].sort((a, b) => (a.target!.id < b.target!.id ? -1 : 1));
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [marked] = await tx.query<[{ id: string }[], number]>(
      `UPDATE ${table} AS m SET superseded_by = v.new_id
       FROM (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS t(old_id, new_id) ORDER BY old_id) AS v
       WHERE m.id = v.old_id AND m.superseded_by IS NULL
       RETURNING m.id`,
      [sorted.map((i) => i.target!.id), sorted.map((i) => i.id)],
    );
    const done = new Set(marked.map((r) => r.id));
    const kept: { item: Accepted; sequence: number }[] = [];
    for (const item of sorted) {
      if (done.has(item.target!.id)) kept.push({ item, sequence: item.target!.sequence });
      else {
        refuse(
          item.index,
          new DomainError(
            'CONFLICT',
            `Measurement ${item.target!.id} was corrected meanwhile; correct the newest one`,
            {
              errors: [{ field: 'supersedes', message: 'already corrected' }],
            },
          ),
        );
      }
    }
    return kept;
  }

  /** Every measurement and its MeasurementRecorded outbox row, in one statement. */
  private async insertWithEvents(tx: EntityManager, measurements: MeasurementEntity[]): Promise<string[]> {
    const measurementTable = tx.connection.getMetadata(MeasurementEntity).tablePath;
    const outboxTable = tx.connection.getMetadata(OutboxRecord).tablePath;
    const events = measurements.map((m) =>
      this.unitOfWork.outboxRow(
        courseEvent(MeasurementRecordedSchema, {
          measurementId: m.id,
          referralId: m.referralId,
          scaleCode: m.scaleCode,
          scaleVersion: m.scaleVersion,
          sequence: m.sequence,
          measuredDate: m.measuredAt,
          assessor: m.assessor,
          values: m.values,
          supersedesId: m.supersedesId ?? undefined,
        }),
      ),
    );
    const column = <T>(pick: (m: MeasurementEntity) => T) => measurements.map(pick);
    const inserted = await tx.query<Array<{ seq: string }>>(
      `WITH inserted AS (
         INSERT INTO ${measurementTable}
           (id, referral_id, scale_code, scale_version, sequence, assessor, measured_at, "values", note, supersedes_id,
            recorded_by, recorded_at)
         SELECT id, referral_id, scale_code, scale_version, sequence, assessor, measured_at, vals, note, supersedes_id,
                $11, $12
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::text[], $7::date[], $8::jsonb[],
                     $9::text[], $10::uuid[])
           AS t(id, referral_id, scale_code, scale_version, sequence, assessor, measured_at, vals, note, supersedes_id)
       )
       INSERT INTO ${outboxTable} (event_id, topic, key, type, payload, headers)
       SELECT * FROM unnest($13::uuid[], $14::text[], $15::text[], $16::text[], $17::bytea[], $18::jsonb[])
       RETURNING seq`,
      [
        column((m) => m.id),
        column((m) => m.referralId),
        column((m) => m.scaleCode),
        column((m) => m.scaleVersion),
        column((m) => m.sequence),
        column((m) => m.assessor),
        column((m) => m.measuredAt),
        column((m) => JSON.stringify(m.values)),
        column((m) => m.note),
        column((m) => m.supersedesId),
        measurements[0].recordedBy,
        measurements[0].recordedAt,
        events.map((e) => e.eventId),
        events.map((e) => e.topic),
        events.map((e) => e.key),
        events.map((e) => e.type),
        events.map((e) => e.payload),
        events.map((e) => JSON.stringify(e.headers)),
      ],
    );
    return inserted.map((row) => String(row.seq));
  }
}
