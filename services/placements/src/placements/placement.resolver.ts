import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentActor, Public, Roles, type Actor } from '@platform/auth';
import { DateScalar } from '@platform/graphql';
import { DomainError, isValidCvr } from '@platform/domain-kernel';
import {
  ChangeHoursDto,
  ConvertHoursDto,
  CreatePlacementDto,
  EndPlacementDto,
  LogbookDto,
  RecordFollowUpDto,
} from './placement.dto';
import { OverdueFollowUpModel, PlacementModel, placementModel, ReferralReferenceModel } from './placement.model';
import { PlacementQueries } from './placement.queries';
import { PlacementUseCases } from './placement.use-cases';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is a 400-class error, as on REST, instead of a database error. */
function uuid(field: string, id: string): string {
  if (!UUID.test(id)) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be a UUID`, {
      errors: [{ field, message: 'must be a UUID' }],
    });
  }
  return id;
}

/** `Referral.placements`: this subgraph's field on the referrals service's entity. */
@Resolver(() => ReferralReferenceModel)
export class ReferralPlacementsResolver {
  constructor(private readonly queries: PlacementQueries) {}

  // Echoes the id the gateway sent; the field below checks the caller.
  @ResolveReference()
  @Public()
  resolveReference(reference: { id: string }): ReferralReferenceModel {
    return { id: reference.id };
  }

  @ResolveField(() => [PlacementModel], {
    description: 'Placements of the course: its provider and jobcenter see them',
  })
  @Roles('jobcenter', 'provider', 'admin')
  async placements(
    @Parent() referral: ReferralReferenceModel,
    @CurrentActor() actor: Actor,
  ): Promise<PlacementModel[]> {
    try {
      return (await this.queries.forReferral(actor, uuid('id', referral.id))).map(placementModel);
    } catch (error) {
      // Another tenant's course (REST: 404) has no placements here, as progression's measurements field answers.
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return [];
      throw error;
    }
  }
}

/** GraphQL reads and writes of placements: the same use cases, roles and tenancy as the REST controllers. */
@Resolver(() => PlacementModel)
export class PlacementResolver {
  constructor(
    private readonly useCases: PlacementUseCases,
    private readonly queries: PlacementQueries,
  ) {}

  /** The course the placement belongs to, resolved by the referrals subgraph. */
  @ResolveField(() => ReferralReferenceModel, { description: 'The referral (course) the placement belongs to' })
  @Roles('jobcenter', 'provider', 'admin')
  referral(@Parent() placement: PlacementModel): ReferralReferenceModel {
    return { id: placement.referralId };
  }

  @Query(() => PlacementModel, { nullable: true, description: 'A placement the caller may see; null if there is none' })
  @Roles('provider', 'jobcenter', 'admin')
  async placement(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The placement's id (UUID)", type: () => ID }) id: string,
  ) {
    try {
      return placementModel(await this.queries.get(actor, uuid('id', id)));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  @Query(() => [OverdueFollowUpModel], { description: "Follow-ups past due for the caller's active placements" })
  @Roles('provider', 'jobcenter', 'admin')
  async overdueFollowUps(
    @CurrentActor() actor: Actor,
    @Args('asOf', {
      description: 'The date to judge by (a Copenhagen calendar date); default today',
      type: () => DateScalar,
      nullable: true,
    })
    asOf: string | null,
    @Args('providerId', {
      description: "Only this provider's placements (CVR); default all the caller may see",
      type: () => String,
      nullable: true,
    })
    providerId: string | null | undefined,
  ) {
    // An omitted argument arrives as undefined (not null): only a given providerId is checked, as REST does.
    if (providerId !== null && providerId !== undefined && !isValidCvr(providerId)) {
      throw new DomainError('VALIDATION_FAILED', 'providerId must be a CVR number', {
        errors: [{ field: 'providerId', message: 'must be a valid CVR number (8 digits, modulus 11)' }],
      });
    }
    return (await this.queries.overdue(actor, asOf ?? undefined, providerId ?? undefined)).items;
  }

  @Mutation(() => PlacementModel, { description: 'POST /api/v1/referrals/{id}/placements' })
  @Roles('provider', 'admin')
  async createPlacement(
    @CurrentActor() actor: Actor,
    @Args('referralId', { description: "The course's referral id (UUID); the course must be STARTED", type: () => ID })
    referralId: string,
    @Args('input', { description: 'The placement' }) input: CreatePlacementDto,
  ) {
    return placementModel(await this.useCases.create(actor, uuid('referralId', referralId), input));
  }

  @Mutation(() => PlacementModel, { description: 'POST /api/v1/placements/{id}/hours' })
  @Roles('provider', 'admin')
  async changePlacementHours(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The placement's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The new hours' }) input: ChangeHoursDto,
  ) {
    return placementModel(await this.useCases.changeHours(actor, uuid('id', id), input));
  }

  @Mutation(() => PlacementModel, { description: 'POST /api/v1/placements/{id}/conversions' })
  @Roles('provider', 'admin')
  async convertPlacementHours(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The placement's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The conversion' }) input: ConvertHoursDto,
  ) {
    return placementModel(await this.useCases.convert(actor, uuid('id', id), input));
  }

  @Mutation(() => PlacementModel, { description: 'POST /api/v1/placements/{id}/follow-ups' })
  @Roles('provider', 'admin')
  async recordPlacementFollowUp(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The placement's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The follow-up' }) input: RecordFollowUpDto,
  ) {
    return placementModel(await this.useCases.recordFollowUp(actor, uuid('id', id), input));
  }

  @Mutation(() => PlacementModel, { description: 'POST /api/v1/placements/{id}/logbook' })
  @Roles('provider', 'admin')
  async addPlacementLogbookEntries(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The placement's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The logbook days' }) input: LogbookDto,
  ) {
    return placementModel(await this.useCases.addLogbook(actor, uuid('id', id), input));
  }

  @Mutation(() => PlacementModel, { description: 'POST /api/v1/placements/{id}/end' })
  @Roles('provider', 'admin')
  async endPlacement(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The placement's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The end date and reason' }) input: EndPlacementDto,
  ) {
    return placementModel(await this.useCases.end(actor, uuid('id', id), input));
  }
}
