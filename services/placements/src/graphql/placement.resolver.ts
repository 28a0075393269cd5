import { UseFilters } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { Public } from '@platform/auth';
import { notFound } from '@platform/domain-kernel';
import { PlacementQueries } from '../placements/placement.queries';
import { PlacementUseCases } from '../placements/placement.use-cases';
import type { PlacementView } from '../placements/placement.view';
import type { GraphQLContext } from './graphql-context';
import { GraphQLProblemFilter } from './graphql-errors';
import {
  ChangeHoursArgs,
  ConvertHoursArgs,
  CreatePlacementArgs,
  EndPlacementArgs,
  LogbookArgs,
  OverdueArgs,
  PlacementIdArgs,
  RecordFollowUpArgs,
} from './placement.inputs';
import { OverdueFollowUp, Placement, Referral } from './placement.types';

/** The GraphQL shape of a placement view (GraphQL DTOs are separate from entities and REST views). */
export function toGraphQL(view: PlacementView): Placement {
  return {
    ...view,
    exceedsCourseHours: view.concurrency.exceedsCourseHours,
    combinedHoursPerWeek: view.concurrency.combinedHoursPerWeek,
    courseHoursPerWeek: view.concurrency.courseHoursPerWeek,
  };
}

// Authentication happens in the GraphQL context (the HTTP AuthGuard cannot read a resolver's request); the same
// use cases and queries as REST apply the same tenancy.
@Public()
@UseFilters(GraphQLProblemFilter)
@Resolver(() => Referral)
export class ReferralPlacementsResolver {
  constructor(private readonly queries: PlacementQueries) {}

  @ResolveReference()
  resolveReference(reference: { __typename: 'Referral'; id: string }): Referral {
    return { id: reference.id };
  }

  @ResolveField(() => [Placement], { description: 'Placements of the course; visible to its provider and jobcenter' })
  async placements(@Parent() referral: Referral, @Context() context: GraphQLContext): Promise<Placement[]> {
    const actor = await context.actor();
    // A representation with an id that is no UUID names no referral here.
    if (!isUUID(referral.id)) throw notFound('Referral', referral.id);
    return (await this.queries.forReferral(actor, referral.id)).map(toGraphQL);
  }
}

@Public()
@UseFilters(GraphQLProblemFilter)
@Resolver(() => Placement)
export class PlacementResolver {
  constructor(
    private readonly queries: PlacementQueries,
    private readonly useCases: PlacementUseCases,
  ) {}

  @Query(() => Placement, { nullable: true })
  async placement(@Args() { id }: PlacementIdArgs, @Context() context: GraphQLContext): Promise<Placement> {
    return toGraphQL(await this.queries.get(await context.actor(), id));
  }

  @Query(() => [OverdueFollowUp], { description: "Follow-ups past due for the caller's active placements" })
  async overdueFollowUps(
    @Args() { asOf }: OverdueArgs,
    @Context() context: GraphQLContext,
  ): Promise<OverdueFollowUp[]> {
    return (await this.queries.overdue(await context.actor(), asOf ?? undefined)).items;
  }

  @Mutation(() => Placement)
  async createPlacement(@Args() args: CreatePlacementArgs, @Context() context: GraphQLContext): Promise<Placement> {
    return toGraphQL(await this.useCases.create(await context.actor(), args.referralId, args.input));
  }

  @Mutation(() => Placement)
  async changePlacementHours(@Args() args: ChangeHoursArgs, @Context() context: GraphQLContext): Promise<Placement> {
    return toGraphQL(await this.useCases.changeHours(await context.actor(), args.id, args.input));
  }

  @Mutation(() => Placement)
  async convertPlacementHours(@Args() args: ConvertHoursArgs, @Context() context: GraphQLContext): Promise<Placement> {
    return toGraphQL(await this.useCases.convert(await context.actor(), args.id, args.input));
  }

  @Mutation(() => Placement)
  async recordPlacementFollowUp(
    @Args() args: RecordFollowUpArgs,
    @Context() context: GraphQLContext,
  ): Promise<Placement> {
    return toGraphQL(await this.useCases.recordFollowUp(await context.actor(), args.id, args.input));
  }

  @Mutation(() => Placement)
  async addPlacementLogbookEntries(@Args() args: LogbookArgs, @Context() context: GraphQLContext): Promise<Placement> {
    return toGraphQL(await this.useCases.addLogbook(await context.actor(), args.id, { entries: args.entries }));
  }

  @Mutation(() => Placement)
  async endPlacement(@Args() args: EndPlacementArgs, @Context() context: GraphQLContext): Promise<Placement> {
    return toGraphQL(await this.useCases.end(await context.actor(), args.id, args.input));
  }
}
