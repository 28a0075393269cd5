import { Args, Field, Float, ID, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import type { ChangeRequestKind, ChangeRequestStatus } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import { DecideChangeDto, ProposeChangeDto } from './change-request.dto';
import { ChangeRequestUseCases, changeRequestView } from './change-request.use-cases';
import { assertUuid } from '@platform/http';

@ObjectType('ChangeRequest', {
  description:
    'Forslag til ændring — a provider proposal to extend, change hours or end early, decided by the jobcenter',
})
export class ChangeRequestModel {
  @Field(() => ID, { description: "The change request's id (UUID)" }) id: string;
  @Field(() => ID, { description: "The referral's id (UUID)" }) referralId: string;
  @Field(() => GraphQLEnums.ChangeRequestKind, { description: 'What is proposed' }) kind: ChangeRequestKind;
  @Field(() => GraphQLEnums.ChangeRequestStatus, { description: 'Pending, approved or rejected' })
  status: ChangeRequestStatus;
  @Field(() => DateScalar, { description: 'The proposed end date (EXTEND, END_EARLY)', nullable: true }) newEndDate:
    string | null;
  @Field(() => Float, { description: 'The proposed weekly hours (CHANGE_HOURS)', nullable: true }) hoursPerWeek:
    number | null;
  @Field(() => String, { description: 'Why the provider proposes it', nullable: true }) reason: string | null;
  @Field({ description: 'Who proposed it (JWT sub)' }) proposedBy: string;
  @Field({ description: 'ISO-8601 instant' }) proposedAt: string;
  @Field(() => String, { description: 'Who decided (JWT sub); null while pending', nullable: true }) decidedBy:
    string | null;
  @Field(() => String, { description: 'When it was decided (ISO-8601 instant); null while pending', nullable: true })
  decidedAt: string | null;
  @Field(() => String, { description: "The jobcenter's comment on its decision", nullable: true }) decisionComment:
    string | null;
}

/** Change requests over GraphQL: the same use cases and roles as REST. */
@Resolver(() => ChangeRequestModel)
export class ChangeRequestResolver {
  constructor(private readonly useCases: ChangeRequestUseCases) {}

  @Mutation(() => ChangeRequestModel, { description: 'POST /api/v1/referrals/{id}/change-requests' })
  @Roles('provider', 'admin')
  async proposeChange(
    @CurrentActor() actor: Actor,
    @Args('referralId', { description: "The course's referral id (UUID)", type: () => ID }) referralId: string,
    @Args('input', { description: 'The proposed change' }) input: ProposeChangeDto,
  ) {
    return changeRequestView(await this.useCases.propose(actor, assertUuid(referralId, 'referralId'), input));
  }

  @Mutation(() => ChangeRequestModel, { description: 'Approve: the change is applied to the course' })
  @Roles('jobcenter', 'admin')
  async approveChangeRequest(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The change request's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'An optional comment', nullable: true }) input: DecideChangeDto,
  ) {
    return changeRequestView(await this.useCases.decide(actor, assertUuid(id, 'id'), true, input ?? {}));
  }

  @Mutation(() => ChangeRequestModel, { description: 'Reject: the course stays as it is' })
  @Roles('jobcenter', 'admin')
  async rejectChangeRequest(
    @CurrentActor() actor: Actor,
    @Args('id', { description: "The change request's id (UUID)", type: () => ID }) id: string,
    @Args('input', { description: 'An optional comment', nullable: true }) input: DecideChangeDto,
  ) {
    return changeRequestView(await this.useCases.decide(actor, assertUuid(id, 'id'), false, input ?? {}));
  }
}
