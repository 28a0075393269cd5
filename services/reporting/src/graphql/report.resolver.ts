import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import { invalidField, type ReportingHorizon } from '@platform/domain-kernel';
import { FollowUpQueries, outcomeDueCursor } from '../follow-up/follow-up.queries';
import { ReportQueries } from '../kpis/report.queries';
import { OutcomeHorizonEnum } from './enums';
import {
  CategoryCurve,
  CurvePoint,
  KpiFilterInput,
  OutcomeDueConnection,
  ProviderKpi,
  StatusCount,
} from './report.types';
import { DateScalar, toConnection } from '@platform/graphql';

/** The reporting queries of API.md; the same queries and tenancy as the REST reports. */
@Resolver()
export class ReportResolver {
  constructor(
    private readonly reports: ReportQueries,
    private readonly followUps: FollowUpQueries,
  ) {}

  @Query(() => [ProviderKpi], { description: 'Key figures per provider for the courses the filter selects' })
  @Roles('analyst', 'jobcenter', 'provider', 'admin')
  providerKpis(
    @CurrentActor() actor: Actor,
    @Args('filter', {
      description: "Which courses to report on: the caller's tenancy applies on top",
      type: () => KpiFilterInput,
    })
    filter: KpiFilterInput,
  ) {
    return this.reports.providerKpis(actor, filter);
  }

  @Query(() => [StatusCount], {
    description: 'How many courses ended in each exit status (afgangsstatus) at a horizon, and their share',
  })
  @Roles('analyst', 'jobcenter', 'provider', 'admin')
  exitStatusDistribution(
    @CurrentActor() actor: Actor,
    @Args('filter', {
      description: "Which courses to report on: the caller's tenancy applies on top",
      type: () => KpiFilterInput,
    })
    filter: KpiFilterInput,
    // Typed `string` so the validation pipe sees a scalar; GraphQL has already checked the enum value.
    @Args('horizon', {
      description: 'At the end of the course, or at a follow-up horizon',
      type: () => OutcomeHorizonEnum,
      defaultValue: 'AT_END',
    })
    horizon: string,
  ) {
    return this.reports.exitStatusDistribution(actor, filter, horizon as ReportingHorizon);
  }

  @Query(() => [CurvePoint], {
    description: 'Cohort curve: the average level by measurement number (progressionsmåling 1, 2, 3 …)',
  })
  @Roles('analyst', 'jobcenter', 'provider', 'admin')
  progressionCurve(
    @CurrentActor() actor: Actor,
    @Args('filter', {
      description: "Which courses to report on: the caller's tenancy applies on top",
      type: () => KpiFilterInput,
    })
    filter: KpiFilterInput,
    @Args('scale', { description: 'A one-dimensional scale', type: () => String, defaultValue: 'LADDER_12' })
    scale: string,
  ) {
    return this.reports.progressionCurve(actor, filter, scale);
  }

  @Query(() => [CategoryCurve], { description: 'LADDER_12 cohort curves split by progression category' })
  @Roles('analyst', 'jobcenter', 'provider', 'admin')
  progressionCurvesByCategory(
    @CurrentActor() actor: Actor,
    @Args('filter', {
      description: "Which courses to report on: the caller's tenancy applies on top",
      type: () => KpiFilterInput,
    })
    filter: KpiFilterInput,
  ) {
    return this.reports.progressionCurvesByCategory(actor, filter);
  }

  @Query(() => OutcomeDueConnection, { description: 'Outcome horizons due or overdue and not yet recorded' })
  @Roles('jobcenter', 'provider', 'admin')
  async outcomesDue(
    @CurrentActor() actor: Actor,
    @Args('municipalityCode', { description: "Only this municipality's courses", type: () => String, nullable: true })
    municipalityCode?: string,
    @Args('providerId', { description: "Only this provider's courses (CVR)", type: () => String, nullable: true })
    providerId?: string,
    @Args('asOf', {
      description: 'The date to judge by (a Copenhagen calendar date); default today',
      type: () => DateScalar,
      nullable: true,
    })
    asOf?: string,
    @Args('withinDays', {
      description: 'Also horizons falling due within this many days after asOf (0–366; default 0)',
      type: () => Int,
      nullable: true,
    })
    withinDays?: number,
    @Args('first', { description: 'Page size, 1–500 (default 50)', type: () => Int, nullable: true }) first?: number,
    @Args('after', {
      description: 'Continue after this cursor (an endCursor or edge cursor)',
      type: () => String,
      nullable: true,
    })
    after?: string,
  ): Promise<OutcomeDueConnection> {
    const limit = first ?? 50;
    if (limit < 1 || limit > 500) throw invalidField('first', 'must be from 1 to 500');
    if (withinDays !== undefined && withinDays !== null && (withinDays < 0 || withinDays > 366)) {
      throw invalidField('withinDays', 'must be from 0 to 366');
    }
    const page = await this.followUps.outcomesDue(actor, {
      municipalityCode: municipalityCode ?? undefined,
      providerId: providerId ?? undefined,
      asOf: asOf ?? undefined,
      withinDays: withinDays ?? 0,
      limit,
      cursor: after ?? undefined,
    });
    return toConnection(page, outcomeDueCursor, after);
  }
}
