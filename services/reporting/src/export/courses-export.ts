import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@platform/auth';
import { ReportingConfig } from '../config';
import { STATUS_SQL } from '../projection/course-projection';
import { PROGRESSION_CATEGORY_SQL } from '../kpis/progression-category';
import { filterSql, scopeFilter, type ReportFilter } from '../kpis/report-scope';
import { csvLine } from './csv';

/** Columns of the export, in order: header name and SQL over `course_fact c`. No CPR, no names, no free text. */
const COLUMNS: [string, string][] = [
  ['course_id', 'c.referral_id'],
  ['citizen', 'c.citizen_pseudonym'],
  ['status', STATUS_SQL],
  ['municipality_code', 'c.municipality_code'],
  ['provider_id', 'c.provider_id'],
  ['offer_id', 'c.offer_id'],
  ['package_type', 'c.package_type'],
  ['tender_area', 'c.tender_area'],
  ['target_group', 'c.target_group'],
  ['purposes', "array_to_string(c.purposes, ';')"],
  ['hours_per_week', 'c.hours_per_week'],
  ['planned_weeks', 'c.planned_weeks'],
  ['received_date', "to_char(c.received_date, 'YYYY-MM-DD')"],
  ['answer_due', "to_char(c.answer_due, 'YYYY-MM-DD')"],
  ['answered_date', "to_char(COALESCE(c.accepted_at, c.rejected_at) AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD')"],
  ['reject_reason', 'c.reject_reason'],
  ['start_due', "to_char(c.start_due, 'YYYY-MM-DD')"],
  ['start_date', "to_char(c.start_date, 'YYYY-MM-DD')"],
  ['planned_end', "to_char(c.planned_end, 'YYYY-MM-DD')"],
  ['end_date', "to_char(c.end_date, 'YYYY-MM-DD')"],
  ['end_reason', 'c.end_reason'],
  ['cancelled_date', "to_char(c.cancelled_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD')"],
  ['cancel_reason', 'c.cancel_reason'],
  ['exit_status', 'c.exit_status'],
  ['exit_status_3m', 'c.exit_status_3m'],
  ['exit_status_6m', 'c.exit_status_6m'],
  ['exit_status_12m', 'c.exit_status_12m'],
  ['measurements', 'cardinality(c.levels)'],
  ['first_level', 'c.first_level'],
  ['best_level', 'c.best_level'],
  ['last_level', 'c.last_level'],
  ['progression_category', PROGRESSION_CATEGORY_SQL],
  ['placements', 'c.placements'],
  ['placements_internal', 'c.placements_internal'],
  ['conversions_to_paid_hours', 'c.conversions_to_paid_hours'],
];

const FETCH_ROWS = 2000;

/**
 * The pseudonymised course export, streamed from a server-side cursor: rows are fetched in small batches only as
 * fast as the client reads, so a year of a large municipality is never held in memory.
 */
@Injectable()
export class CoursesExport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ReportingConfig,
  ) {}

  /** Validates and scopes first (errors are still problem+json), then returns the stream. */
  open(actor: Actor, filter: ReportFilter): Readable {
    // Who may export is declared on the route (@Roles('analyst', 'admin')); the scope is the tenancy rule's.
    const { where, params } = filterSql(scopeFilter(actor, filter));
    const sql = `SELECT ${COLUMNS.map(([name, expr]) => `${expr} AS "${name}"`).join(', ')} FROM reporting.course_fact c
      WHERE ${where} ORDER BY c.received_date, c.referral_id`;
    return Readable.from(this.lines(sql, params), { objectMode: false, highWaterMark: 64 * 1024 });
  }

  private pseudonym(value: unknown): string | null {
    if (typeof value !== 'string') return null;
    return createHmac('sha256', this.config.REPORTING_EXPORT_KEY).update(value).digest('base64url').slice(0, 22);
  }

  private async *lines(sql: string, params: unknown[]): AsyncGenerator<string> {
    yield csvLine(COLUMNS.map(([name]) => name));
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query(`DECLARE courses_export NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows = (await runner.query(`FETCH ${FETCH_ROWS} FROM courses_export`)) as Record<string, unknown>[];
        if (rows.length === 0) break;
        let chunk = '';
        for (const row of rows) {
          chunk += csvLine(COLUMNS.map(([name]) => (name === 'citizen' ? this.pseudonym(row[name]) : row[name])));
        }
        yield chunk;
      }
      await runner.query('COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // Also reached when the client goes away mid-download (the stream is destroyed, the generator returns).
      if (!runner.isReleased) {
        await runner.query('ROLLBACK').catch(() => undefined);
        await runner.release();
      }
    }
  }
}
