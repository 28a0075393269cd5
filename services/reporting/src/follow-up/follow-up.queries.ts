import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertNamesOwnTenant, scopeWhere, tenantScope, type Actor } from '@platform/auth';
import { addDays, DomainError, todayInCopenhagen } from '@platform/domain-kernel';

export interface OutcomeDueView {
  referralId: string;
  municipalityCode: string | null;
  providerId: string | null;
  horizon: string;
  dueDate: string;
  overdue: boolean;
}

export interface OutcomesDueQuery {
  municipalityCode?: string;
  providerId?: string;
  /** The day to judge by (default: today in Copenhagen). */
  asOf?: string;
  /** Also list horizons falling due within this many days after asOf (default 0: due today or overdue). */
  withinDays?: number;
  limit?: number;
  cursor?: string;
}

interface Cursor {
  d: string;
  r: string;
  h: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(value: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof c.d === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(c.d) &&
      typeof c.r === 'string' &&
      /^[0-9a-f-]{36}$/.test(c.r) &&
      typeof c.h === 'string'
    ) {
      return c as Cursor;
    }
  } catch {
    // falls through to the validation error
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not valid', {
    errors: [{ field: 'cursor', message: 'is not a cursor this API returned' }],
  });
}

/**
 * Outcome follow-up: horizons of completed courses that are due (or overdue) and not yet recorded, per tenant.
 * Tenancy as for reports, except that analysts see aggregates only and so do not get per-course lists.
 */
/** The keyset cursor of an item, the same encoding as `nextCursor` (GraphQL gives each edge its own). */
export const outcomeDueCursor = (item: { dueDate: string; referralId: string; horizon: string }): string =>
  encodeCursor({ d: item.dueDate, r: item.referralId, h: item.horizon });

@Injectable()
export class FollowUpQueries {
  constructor(private readonly dataSource: DataSource) {}

  async outcomesDue(
    actor: Actor,
    query: OutcomesDueQuery,
  ): Promise<{ items: OutcomeDueView[]; nextCursor: string | null }> {
    assertNamesOwnTenant(actor, 'municipalityCode', query.municipalityCode);
    assertNamesOwnTenant(actor, 'providerId', query.providerId);
    const scope = { ...query, ...scopeWhere(tenantScope(actor, 'courses')) };
    const asOf = query.asOf ?? todayInCopenhagen();
    const until = addDays(asOf, query.withinDays ?? 0);
    const limit = query.limit ?? 50;
    const params: unknown[] = [until];
    const conditions = ['o.exit_status IS NULL', 'o.due_date IS NOT NULL', 'o.due_date <= $1::date'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (scope.municipalityCode) add('o.municipality_code = ?', scope.municipalityCode);
    if (scope.providerId) add('o.provider_id = ?', scope.providerId);
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      params.push(c.d, c.r, c.h);
      conditions.push(
        `(o.due_date, o.referral_id, o.horizon) > ($${params.length - 2}::date, $${params.length - 1}::uuid, $${params.length})`,
      );
    }
    params.push(limit + 1);
    const rows: {
      referral_id: string;
      municipality_code: string | null;
      provider_id: string | null;
      horizon: string;
      due: string;
    }[] = await this.dataSource.query(
      `SELECT o.referral_id, o.municipality_code, o.provider_id, o.horizon, to_char(o.due_date, 'YYYY-MM-DD') AS due
         FROM reporting.outcome_follow_up o WHERE ${conditions.join(' AND ')}
         ORDER BY o.due_date, o.referral_id, o.horizon LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        referralId: r.referral_id,
        municipalityCode: r.municipality_code,
        providerId: r.provider_id,
        horizon: r.horizon,
        dueDate: r.due,
        overdue: r.due < asOf,
      })),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ d: last.due, r: last.referral_id, h: last.horizon }) : null,
    };
  }
}
