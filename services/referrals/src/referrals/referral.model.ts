import { Directive, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import {
  ExitStatus,
  ReferralStatus,
  type EndReason,
  type OutcomeHorizon,
  type PackageType,
  type Purpose,
  type TargetGroup,
} from '@platform/domain-kernel';
import { connectionTypes, DateScalar, GraphQLEnums, type Connection } from '@platform/graphql';
import { IsCvr, IsDateOrInstant } from '@platform/http';

// GraphQL shapes of a referral (API.md "GraphQL"). Separate from the entity; filled from ReferralView.

@ObjectType('ReferralHistoryEntry', { description: 'One transition: who, when and why' })
export class HistoryEntryModel {
  @Field() action: string;
  @Field(() => GraphQLEnums.ReferralStatus) status: ReferralStatus;
  @Field({ description: 'ISO-8601 instant' }) at: string;
  @Field({ description: 'The acting person or system (JWT sub)' }) by: string;
  @Field() byRole: string;
  @Field({ nullable: true }) byName?: string;
  @Field({ nullable: true }) reason?: string;
  @Field({ nullable: true }) comment?: string;
}

@ObjectType('ReferralOutcome', { description: "The citizen's status at a follow-up horizon after the course" })
export class OutcomeModel {
  @Field(() => GraphQLEnums.OutcomeHorizon) horizon: OutcomeHorizon;
  @Field(() => DateScalar) dueDate: string;
  @Field(() => GraphQLEnums.ExitStatus, { nullable: true }) status: ExitStatus | null;
  @Field(() => DateScalar, { nullable: true }) observedAt: string | null;
}

@ObjectType('ServiceLevels')
export class ServiceLevelsModel {
  @Field(() => DateScalar) answerDue: string;
  @Field(() => DateScalar) startDue: string;
  @Field(() => String, { nullable: true }) answeredAt: string | null;
  @Field(() => Boolean, { nullable: true }) answeredOnTime: boolean | null;
  @Field(() => Boolean, { nullable: true }) startedOnTime: boolean | null;
}

@ObjectType('Referral', { description: 'A referral and its course. Other subgraphs add placements and measurements.' })
@Directive('@key(fields: "id")')
export class ReferralModel {
  @Field(() => ID) id: string;
  @Field() externalRef: string;
  @Field(() => GraphQLEnums.ReferralStatus) status: ReferralStatus;
  @Field() providerId: string;
  @Field() municipalityCode: string;
  @Field(() => ID) offerId: string;
  @Field(() => GraphQLEnums.PackageType) packageType: PackageType;
  @Field(() => GraphQLEnums.TargetGroup) targetGroup: TargetGroup;
  @Field(() => [GraphQLEnums.Purpose]) purposes: Purpose[];
  @Field({ description: "The citizen's pseudonym (HMAC of the CPR); personal data is only served over REST" })
  citizenPseudonym: string;
  @Field(() => Float) hoursPerWeek: number;
  @Field(() => DateScalar) plannedStart: string;
  @Field(() => Int) plannedWeeks: number;
  @Field(() => DateScalar) plannedEnd: string;
  @Field(() => DateScalar, { nullable: true }) expectedStart: string | null;
  @Field(() => DateScalar, { nullable: true }) startDate: string | null;
  @Field(() => DateScalar, { nullable: true }) pausedFrom: string | null;
  @Field(() => DateScalar, { nullable: true }) endDate: string | null;
  @Field(() => GraphQLEnums.EndReason, { nullable: true }) endReason: EndReason | null;
  @Field(() => GraphQLEnums.ExitStatus, { nullable: true }) exitStatus: ExitStatus | null;
  @Field(() => ServiceLevelsModel) serviceLevels: ServiceLevelsModel;
  @Field(() => [HistoryEntryModel]) history: HistoryEntryModel[];
  @Field(() => [OutcomeModel]) outcomes: OutcomeModel[];
  @Field({ description: 'ISO-8601 instant' }) receivedAt: string;
  @Field({ description: 'ISO-8601 instant' }) updatedAt: string;
}

const referralConnection = connectionTypes(() => ReferralModel, {
  name: 'Referral',
  description: "A page of the caller's referrals, oldest change first",
});
export const ReferralConnectionModel = referralConnection.Connection;
export type ReferralConnectionModel = Connection<ReferralModel>;

@InputType('ReferralFilter')
export class ReferralFilterInput {
  @Field(() => GraphQLEnums.ReferralStatus, { nullable: true })
  @IsOptional()
  @IsIn(ReferralStatus)
  status?: ReferralStatus;

  @Field({ nullable: true })
  @IsOptional()
  @IsCvr()
  providerId?: string;

  @Field({ nullable: true, description: 'ISO-8601 instant; only referrals changed at or after it' })
  @IsOptional()
  @IsDateOrInstant()
  updatedSince?: string;
}
