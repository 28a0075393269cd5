import { Injectable } from '@nestjs/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { auditRead } from '@platform/audit';
import { assertCourseAccess, tenantScope, type Actor } from '@platform/auth';
import { DomainError } from '@platform/domain-kernel';
import { CitizenVault } from '../citizen/citizen-vault';
import { OutcomeEntity } from './outcome.entity';
import { ReferralHistoryEntity } from './referral-history.entity';
import type { ListReferralsQuery } from './referral.dto';
import { ReferralEntity } from './referral.entity';
import { referralView, type ReferralView } from './referral.view';
import { managerOf } from '@platform/messaging';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The keyset cursor of a referral: after it come the referrals changed later (or at the same time, larger id). */
export const cursorOf = (referral: { updatedAt: string; id: string }): string =>
  Buffer.from(JSON.stringify([referral.updatedAt, referral.id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      const [at, id] = value as [string, string];
      if (!Number.isNaN(Date.parse(at)) && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
        return [at, id];
    }
  } catch {
    // fall through to the validation error
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not a cursor this API returned', {
    errors: [{ field: 'cursor', message: 'invalid cursor' }],
  });
}

@Injectable()
export class ReferralQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: CitizenVault,
  ) {}

  /** One referral with personal data, history and outcomes. The read is audit-logged. */
  async get(actor: Actor, id: string): Promise<ReferralView> {
    // Tenancy first: a refused caller read nothing, so it leaves no audit row.
    const referral = await this.visible(actor, id);
    const [history, outcomes] = await Promise.all([
      this.historyOf(id),
      this.outcomesOf(id),
      auditRead(managerOf(this.dataSource), actor, { resourceType: 'referral', resourceIds: [id], referralId: id }),
    ]);
    return referralView(referral, { citizen: this.vault.open(referral.citizenSealed), history, outcomes });
  }

  /** One referral with history and outcomes but no personal data (the GraphQL view): nothing to audit. */
  async getPseudonymised(actor: Actor, id: string): Promise<ReferralView> {
    const [referral, history, outcomes] = await Promise.all([
      this.visible(actor, id),
      this.historyOf(id),
      this.outcomesOf(id),
    ]);
    return referralView(referral, { history, outcomes });
  }

  private async visible(actor: Actor, id: string): Promise<ReferralEntity> {
    return assertCourseAccess(
      actor,
      'read',
      await managerOf(this.dataSource).findOneBy(ReferralEntity, { id }),
      'Referral',
      id,
    );
  }

  private historyOf(id: string): Promise<ReferralHistoryEntity[]> {
    return managerOf(this.dataSource).find(ReferralHistoryEntity, { where: { referralId: id }, order: { id: 'ASC' } });
  }

  private outcomesOf(id: string): Promise<OutcomeEntity[]> {
    return managerOf(this.dataSource).find(OutcomeEntity, { where: { referralId: id } });
  }

  /**
   * The caller's referrals, oldest change first, with keyset paging on (updatedAt, id) so that a system that
   * syncs with `updatedSince` and follows `nextCursor` sees every change. Lists carry the pseudonym, not CPR.
   */
  async list(
    actor: Actor,
    query: ListReferralsQuery,
    options: { withDetails?: boolean } = {},
  ): Promise<Page<ReferralView>> {
    const limit = query.limit ?? 50;
    const builder = managerOf(this.dataSource).createQueryBuilder(ReferralEntity, 'r');
    this.scope(builder, actor);
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.providerId) builder.andWhere('r.providerId = :providerId', { providerId: query.providerId });
    if (query.updatedSince) builder.andWhere('r.updatedAt >= :since', { since: new Date(query.updatedSince) });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      builder.andWhere('(r.updatedAt, r.id) > (:at, :id)', { at: new Date(at), id });
    }
    const rows = await builder
      .orderBy('r.updatedAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(limit + 1)
      .getMany();
    const pageRows = rows.slice(0, limit);
    const items = options.withDetails
      ? await this.withDetails(pageRows)
      : pageRows.map((referral) => referralView(referral));
    return {
      items,
      nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null,
    };
  }

  /**
   * Views of a page of referrals with their history and outcomes, as `getPseudonymised` gives them for one: one query
   * for the histories and one for the outcomes of the whole page, not one per referral. No personal data.
   */
  private async withDetails(referrals: ReferralEntity[]): Promise<ReferralView[]> {
    if (referrals.length === 0) return [];
    const ids = referrals.map((referral) => referral.id);
    const manager = managerOf(this.dataSource);
    const [history, outcomes] = await Promise.all([
      manager.find(ReferralHistoryEntity, { where: { referralId: In(ids) }, order: { id: 'ASC' } }),
      manager.find(OutcomeEntity, { where: { referralId: In(ids) } }),
    ]);
    const historyBy = groupBy(history, (entry) => entry.referralId);
    const outcomesBy = groupBy(outcomes, (outcome) => outcome.referralId);
    return referrals.map((referral) =>
      referralView(referral, {
        history: historyBy.get(referral.id) ?? [],
        outcomes: outcomesBy.get(referral.id) ?? [],
      }),
    );
  }

  private scope(builder: SelectQueryBuilder<ReferralEntity>, actor: Actor): void {
    const scope = tenantScope(actor, 'courses');
    switch (scope.kind) {
      case 'all':
        return;
      case 'municipality':
        builder.andWhere('r.municipalityCode = :org', { org: scope.municipalityCode });
        return;
      case 'provider':
        builder.andWhere('r.providerId = :org', { org: scope.providerId });
        return;
    }
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
