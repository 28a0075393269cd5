import { Args, Field, Float, ID, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import type { ChangeRequestKind, ChangeRequestStatus } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import { DecideChangeDto, ProposeChangeDto } from './change-request.dto';
import { ChangeRequestUseCases, changeRequestView } from './change-request.use-cases';
import { assertUuid } from '@platform/http';

@ObjectType('ChangeRequest', { description: 'A provider proposal to extend, change hours or end early' })
export class ChangeRequestModel {
  @Field(() => ID) id: string;
  @Field(() => ID) referralId: string;
  @Field(() => GraphQLEnums.ChangeRequestKind) kind: ChangeRequestKind;
  @Field(() => GraphQLEnums.ChangeRequestStatus) status: ChangeRequestStatus;
  @Field(() => DateScalar, { nullable: true }) newEndDate: string | null;
  @Field(() => Float, { nullable: true }) hoursPerWeek: number | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() proposedBy: string;
  @Field({ description: 'ISO-8601 instant' }) proposedAt: string;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => String, { nullable: true }) decidedAt: string | null;
  @Field(() => String, { nullable: true }) decisionComment: string | null;
}

/** Change requests over GraphQL: the same use cases and roles as REST. */
@Resolver(() => ChangeRequestModel)
export class ChangeRequestResolver {
  constructor(private readonly useCases: ChangeRequestUseCases) {}

  @Mutation(() => ChangeRequestModel, { description: 'POST /api/v1/referrals/{id}/change-requests' })
  @Roles('provider', 'admin')
  async proposeChange(
    @CurrentActor() actor: Actor,
    @Args('referralId', { type: () => ID }) referralId: string,
    @Args('input') input: ProposeChangeDto,
  ) {
    return changeRequestView(await this.useCases.propose(actor, assertUuid(referralId, 'referralId'), input));
  }

  @Mutation(() => ChangeRequestModel, { description: 'Approve: the change is applied to the course' })
  @Roles('jobcenter', 'admin')
  async approveChangeRequest(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { nullable: true }) input: DecideChangeDto,
  ) {
    return changeRequestView(await this.useCases.decide(actor, assertUuid(id, 'id'), true, input ?? {}));
  }

  @Mutation(() => ChangeRequestModel)
  @Roles('jobcenter', 'admin')
  async rejectChangeRequest(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { nullable: true }) input: DecideChangeDto,
  ) {
    return changeRequestView(await this.useCases.decide(actor, assertUuid(id, 'id'), false, input ?? {}));
  }
}
