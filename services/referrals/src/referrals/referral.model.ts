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
import { connectionTypes, DateScalar, GraphQLEnums, type Connection, REFERRAL_DESCRIPTION } from '@platform/graphql';
import { IsCvr, IsDateOrInstant } from '@platform/http';

// GraphQL shapes of a referral (API.md "GraphQL"). Separate from the entity; filled from ReferralView.

@ObjectType('ReferralHistoryEntry', { description: 'One transition: who, when and why' })
export class HistoryEntryModel {
  @Field({ description: 'The transition, e.g. create, accept, start, pause, complete, or a change-request decision' })
  action: string;
  @Field(() => GraphQLEnums.ReferralStatus, { description: 'The status after it' }) status: ReferralStatus;
  @Field({ description: 'ISO-8601 instant' }) at: string;
  @Field({ description: 'The acting person or system (JWT sub)' }) by: string;
  @Field({ description: 'The acting role: jobcenter, provider or admin' }) byRole: string;
  @Field({ description: "The acting person's display name, when known", nullable: true }) byName?: string;
  @Field({ description: 'The reason given, if any', nullable: true }) reason?: string;
  @Field({ description: 'The comment given, if any', nullable: true }) comment?: string;
}

@ObjectType('ReferralOutcome', { description: "The citizen's status at a follow-up horizon after the course" })
export class OutcomeModel {
  @Field(() => GraphQLEnums.OutcomeHorizon, { description: 'The follow-up horizon' }) horizon: OutcomeHorizon;
  @Field(() => DateScalar, { description: 'When the status is due: the end date plus the horizon' }) dueDate: string;
  @Field(() => GraphQLEnums.ExitStatus, {
    description: "Afgangsstatus — the citizen's status observed; null until recorded",
    nullable: true,
  })
  status: ExitStatus | null;
  @Field(() => DateScalar, { description: 'The day it was observed; null until recorded', nullable: true }) observedAt:
    string | null;
}

@ObjectType('ServiceLevels', {
  description: "The framework agreement's service levels for answering and starting the referral (working days)",
})
export class ServiceLevelsModel {
  @Field(() => DateScalar, { description: 'The last day the provider may answer (accept or reject)' })
  answerDue: string;
  @Field(() => DateScalar, { description: 'The last day the course may start' }) startDue: string;
  @Field(() => String, {
    description: 'When the provider answered (ISO-8601 instant); null if not yet',
    nullable: true,
  })
  answeredAt: string | null;
  @Field(() => Boolean, { description: 'Answered by answerDue; null if not yet answered', nullable: true })
  answeredOnTime: boolean | null;
  @Field(() => Boolean, { description: 'Started by startDue; null if not yet started', nullable: true }) startedOnTime:
    boolean | null;
}

@ObjectType('Referral', { description: REFERRAL_DESCRIPTION })
@Directive('@key(fields: "id")')
export class ReferralModel {
  @Field(() => ID, { description: "The referral's id (UUID)" }) id: string;
  @Field({ description: "The jobcenter's own case reference, unique per municipality" }) externalRef: string;
  @Field(() => GraphQLEnums.ReferralStatus, { description: 'Where the referral and its course stand' })
  status: ReferralStatus;
  @Field({ description: "The provider's CVR number (leverandør)" }) providerId: string;
  @Field({ description: "The referring municipality's 3-digit code (kommune), e.g. 101 København" })
  municipalityCode: string;
  @Field(() => ID, { description: "The provider's offer (tilbud)" }) offerId: string;
  @Field(() => GraphQLEnums.PackageType, { description: "The offer's package type (tilbudspakke)" })
  packageType: PackageType;
  @Field(() => GraphQLEnums.TargetGroup, { description: "Målgruppe — the citizen's benefit group" })
  targetGroup: TargetGroup;
  @Field(() => [GraphQLEnums.Purpose], { description: 'Formål — what the course is for' }) purposes: Purpose[];
  @Field({ description: "The citizen's pseudonym (HMAC of the CPR); personal data is only served over REST" })
  citizenPseudonym: string;
  @Field(() => Float, { description: 'Weekly hours of the course, as ordered or changed' }) hoursPerWeek: number;
  @Field(() => DateScalar, { description: 'The planned first day' }) plannedStart: string;
  @Field(() => Int, { description: 'Planned length in weeks' }) plannedWeeks: number;
  @Field(() => DateScalar, { description: 'The planned last day (changed by an approved extension)' })
  plannedEnd: string;
  @Field(() => DateScalar, { description: 'When the provider expects to start (given on accept)', nullable: true })
  expectedStart: string | null;
  @Field(() => DateScalar, { description: 'The real first day; null until started', nullable: true }) startDate:
    string | null;
  @Field(() => DateScalar, { description: 'The first day of the current pause; null unless paused', nullable: true })
  pausedFrom: string | null;
  @Field(() => DateScalar, { description: 'The last day; null until completed', nullable: true }) endDate:
    string | null;
  @Field(() => GraphQLEnums.EndReason, {
    description: 'Afslutningsårsag — why the course ended; null until completed',
    nullable: true,
  })
  endReason: EndReason | null;
  @Field(() => GraphQLEnums.ExitStatus, {
    description: "Afgangsstatus — the citizen's status at the end; null until completed",
    nullable: true,
  })
  exitStatus: ExitStatus | null;
  @Field(() => ServiceLevelsModel, { description: 'Answer and start deadlines and whether they were met' })
  serviceLevels: ServiceLevelsModel;
  @Field(() => [HistoryEntryModel], { description: 'Every transition, oldest first: who, when and why' })
  history: HistoryEntryModel[];
  @Field(() => [OutcomeModel], {
    description: 'The follow-up horizons of a completed course with the status recorded at each; empty before the end',
  })
  outcomes: OutcomeModel[];
  @Field({ description: 'ISO-8601 instant' }) receivedAt: string;
  @Field({ description: 'ISO-8601 instant' }) updatedAt: string;
}

const referralConnection = connectionTypes(() => ReferralModel, {
  name: 'Referral',
  description: "A page of the caller's referrals, oldest change first",
});
export const ReferralConnectionModel = referralConnection.Connection;
export type ReferralConnectionModel = Connection<ReferralModel>;

@InputType('ReferralFilter', { description: 'Which referrals to list' })
export class ReferralFilterInput {
  @Field(() => GraphQLEnums.ReferralStatus, { description: 'Only referrals in this status', nullable: true })
  @IsOptional()
  @IsIn(ReferralStatus)
  status?: ReferralStatus;

  @Field({ description: "Only this provider's referrals (CVR)", nullable: true })
  @IsOptional()
  @IsCvr()
  providerId?: string;

  @Field({ nullable: true, description: 'ISO-8601 instant; only referrals changed at or after it' })
  @IsOptional()
  @IsDateOrInstant()
  updatedSince?: string;
}
