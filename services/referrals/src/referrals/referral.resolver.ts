import { Args, ID, Int, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { authenticate, CurrentActor, Roles, TokenVerifier, type Actor, type RequestWithActor } from '@platform/auth';
import { DomainError } from '@platform/domain-kernel';
import {
  AcceptDto,
  CancelDto,
  CompleteDto,
  CreateReferralDto,
  PauseDto,
  RecordOutcomeDto,
  RejectDto,
  ResumeDto,
  StartDto,
} from './referral.dto';
import { ReferralConnectionModel, ReferralFilterInput, ReferralModel } from './referral.model';
import { cursorOf, ReferralQueries } from './referral.queries';
import { ReferralUseCases } from './referral.use-cases';
import type { ReferralView } from './referral.view';
import { assertUuid } from '@platform/http';
import { toConnection } from '@platform/graphql';

const referralId = (id: string): string => assertUuid(id, 'id');

const model = (view: ReferralView): ReferralModel => ({
  ...view,
  citizenPseudonym: view.citizen.pseudonym,
  history: view.history ?? [],
  outcomes: view.outcomes ?? [],
});

/** GraphQL reads and writes of referrals: the same use cases, roles and tenancy as the REST controller. */
@Resolver(() => ReferralModel)
export class ReferralResolver {
  constructor(
    private readonly useCases: ReferralUseCases,
    private readonly queries: ReferralQueries,
    private readonly verifier: TokenVerifier,
  ) {}

  @Query(() => ReferralModel, { nullable: true, description: 'A referral the caller may see; null if there is none' })
  @Roles('jobcenter', 'provider', 'admin')
  async referral(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
  ) {
    try {
      return model(await this.queries.getPseudonymised(actor, referralId(id)));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  @Query(() => ReferralConnectionModel, { description: "The caller's referrals, oldest change first" })
  @Roles('jobcenter', 'provider', 'admin')
  async referrals(
    @CurrentActor() actor: Actor,
    @Args('filter', {
      description: 'Only referrals matching all that is given',
      type: () => ReferralFilterInput,
      nullable: true,
    })
    filter: ReferralFilterInput | null,
    @Args('first', { description: 'Page size, 1–500', type: () => Int, nullable: true, defaultValue: 50 })
    first: number,
    @Args('after', {
      description: 'Continue after this cursor (an endCursor or edge cursor)',
      type: () => String,
      nullable: true,
    })
    after: string | null,
  ): Promise<ReferralConnectionModel> {
    if (!Number.isInteger(first) || first < 1 || first > 500) {
      throw new DomainError('VALIDATION_FAILED', 'first must be between 1 and 500', {
        errors: [{ field: 'first', message: 'must be between 1 and 500' }],
      });
    }
    // With each node's history and outcomes, loaded for the whole page in one query each (not one per node), so
    // every node carries what `referral(id)` answers for it.
    const page = await this.queries.list(
      actor,
      {
        status: filter?.status ?? undefined,
        providerId: filter?.providerId ?? undefined,
        updatedSince: filter?.updatedSince ?? undefined,
        limit: first,
        cursor: after ?? undefined,
      },
      { withDetails: true },
    );
    return toConnection(page, cursorOf, after, model);
  }

  /**
   * The AuthGuard runs for entity references too (fieldResolverEnhancers, ADR 0052) and enforces the roles below;
   * another tenant's referral resolves to null, as `Query.referral` answers.
   */
  @ResolveReference()
  @Roles('jobcenter', 'provider', 'admin')
  async resolveReference(reference: { id: string }, context: { req: RequestWithActor }) {
    const actor = await authenticate(this.verifier, context.req);
    try {
      return model(await this.queries.getPseudonymised(actor, referralId(reference.id)));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  @Mutation(() => ReferralModel, { description: 'Refer a citizen to a provider offer (POST /api/v1/referrals)' })
  @Roles('jobcenter', 'admin')
  async createReferral(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The referral' }) input: CreateReferralDto,
  ) {
    const created = await this.useCases.create(actor, input);
    return model(await this.queries.getPseudonymised(actor, created.id));
  }

  @Mutation(() => ReferralModel, { description: 'Accept a referral (provider): RECEIVED → ACCEPTED' })
  @Roles('provider', 'admin')
  acceptReferral(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: "The provider's acceptance; optional", nullable: true }) input: AcceptDto,
  ) {
    return this.after(actor, id, () => this.useCases.accept(actor, id, input ?? {}));
  }

  @Mutation(() => ReferralModel, { description: 'Reject a referral (provider): RECEIVED → REJECTED' })
  @Roles('provider', 'admin')
  rejectReferral(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The reason' }) input: RejectDto,
  ) {
    return this.after(actor, id, () => this.useCases.reject(actor, id, input));
  }

  @Mutation(() => ReferralModel, { description: 'Start the course (provider): ACCEPTED → STARTED' })
  @Roles('provider', 'admin')
  startCourse(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The start date' }) input: StartDto,
  ) {
    return this.after(actor, id, () => this.useCases.start(actor, id, input));
  }

  @Mutation(() => ReferralModel, { description: 'Pause the course (provider): STARTED → PAUSED' })
  @Roles('provider', 'admin')
  pauseCourse(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The pause' }) input: PauseDto,
  ) {
    return this.after(actor, id, () => this.useCases.pause(actor, id, input));
  }

  @Mutation(() => ReferralModel, { description: 'Resume a paused course (provider): PAUSED → STARTED' })
  @Roles('provider', 'admin')
  resumeCourse(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The resumption date' }) input: ResumeDto,
  ) {
    return this.after(actor, id, () => this.useCases.resume(actor, id, input));
  }

  @Mutation(() => ReferralModel, {
    description: 'Complete the course (provider): STARTED → COMPLETED, with end reason and exit status',
  })
  @Roles('provider', 'admin')
  completeCourse(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The end' }) input: CompleteDto,
  ) {
    return this.after(actor, id, () => this.useCases.complete(actor, id, input));
  }

  @Mutation(() => ReferralModel, { description: 'Cancel a referral (jobcenter) before it is completed → CANCELLED' })
  @Roles('jobcenter', 'admin')
  cancelReferral(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The reason' }) input: CancelDto,
  ) {
    return this.after(actor, id, () => this.useCases.cancel(actor, id, input));
  }

  @Mutation(() => ReferralModel, { description: "Record the citizen's status at a follow-up horizon" })
  @Roles('jobcenter', 'admin')
  recordOutcome(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The referral's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'The horizon and the status observed' }) input: RecordOutcomeDto,
  ) {
    return this.after(actor, id, () => this.useCases.recordOutcome(actor, id, input));
  }

  /** Runs a write and answers with the referral as it is afterwards. */
  private async after(actor: Actor, id: string, write: () => Promise<unknown>): Promise<ReferralModel> {
    referralId(id);
    await write();
    return model(await this.queries.getPseudonymised(actor, id));
  }
}
