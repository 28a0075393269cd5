import { REFERRAL_DESCRIPTION } from '@platform/graphql';
import {
  Context,
  Directive,
  Field,
  Float,
  ID,
  Int,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import {
  assertRoleMay,
  authenticate,
  mayAccess,
  Public,
  Roles,
  TokenVerifier,
  type RequestWithActor,
} from '@platform/auth';
import { ProgressionCategoryEnum } from './enums';
import { progressionCategory, type ProgressionCategory } from '../kpis/progression-category';

@ObjectType('CourseSummary', { description: "Reporting's view of one course (pseudonymised facts)" })
export class CourseSummary {
  @Field(() => Int, { description: 'First LADDER_12 level; null if not measured', nullable: true })
  firstLevel: number | null;
  @Field(() => Int, { description: 'Best LADDER_12 level; null if not measured', nullable: true })
  bestLevel: number | null;
  @Field(() => Int, { description: 'Last LADDER_12 level; null if not measured', nullable: true })
  lastLevel: number | null;
  @Field(() => Int, { description: 'LADDER_12 measurements of the course' })
  measurements: number;
  @Field(() => ProgressionCategoryEnum, { description: 'Progression category from the first to the best level' })
  progressionCategory: ProgressionCategory;
  @Field(() => Int, { description: 'Placements at companies' })
  placements: number;
  @Field(() => Int, { description: 'Placements whose paid hours rose above those they started with' })
  conversionsToPaidHours: number;
  @Field(() => Float, { nullable: true, description: 'Calendar days from referral to start' })
  daysToStart: number | null;
}

/** The referrals subgraph's entity, referenced by id; reporting adds its summary of the course. */
@ObjectType('Referral', { description: REFERRAL_DESCRIPTION })
@Directive('@key(fields: "id")')
export class ReferralReference {
  @Field(() => ID, { description: "The referral's id (UUID)" })
  id: string;
}

interface SummaryRow {
  municipality_code: string | null;
  provider_id: string | null;
  first_level: number | null;
  best_level: number | null;
  last_level: number | null;
  measurements: number;
  placements: number;
  conversions_to_paid_hours: number;
  days_to_start: number | null;
}

@Resolver(() => ReferralReference)
export class ReferralReferenceResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: TokenVerifier,
  ) {}

  // Echoes the id the gateway sent; the field below checks the caller.
  @ResolveReference()
  @Public()
  resolveReference(reference: { id: string }): ReferralReference {
    return { id: reference.id };
  }

  /** Null when reporting has not seen the course, or the caller may not see it (same tenancy as the referral). */
  @ResolveField(() => CourseSummary, {
    description: "Reporting's pseudonymised facts about the course; null when reporting has not seen it",
    nullable: true,
  })
  @Roles('jobcenter', 'provider', 'admin')
  async courseSummary(
    @Parent() referral: ReferralReference,
    @Context() context: { req: RequestWithActor },
  ): Promise<CourseSummary | null> {
    // Reached through `_entities`, which no guard sees: the token is verified here.
    const actor = await authenticate(this.verifier, context.req);
    assertRoleMay(actor, 'read');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(referral.id)) return null;
    const [row] = await this.dataSource.query<SummaryRow[]>(
      `SELECT municipality_code, provider_id, first_level, best_level, last_level, cardinality(levels) AS measurements,
         placements, conversions_to_paid_hours, start_date - received_date AS days_to_start
       FROM reporting.course_fact WHERE referral_id = $1`,
      [referral.id],
    );
    if (!row || !mayAccess(actor, 'read', { municipalityCode: row.municipality_code, providerId: row.provider_id })) {
      return null;
    }
    return {
      firstLevel: row.first_level,
      bestLevel: row.best_level,
      lastLevel: row.last_level,
      measurements: Number(row.measurements),
      progressionCategory: progressionCategory(row.first_level, row.best_level),
      placements: row.placements,
      conversionsToPaidHours: row.conversions_to_paid_hours,
      daysToStart: row.days_to_start,
    };
  }
}
