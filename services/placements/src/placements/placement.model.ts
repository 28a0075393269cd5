import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { FollowUpMode, PlacementEndReason, PlacementType } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import type { FollowUpParticipant } from './follow-up.entity';
import type { HoursChangeKind } from './placement-hours.entity';
import type { FollowUpParty } from './placement-rules';
import {
  FollowUpParticipantEnum,
  FollowUpPartyEnum,
  HoursChangeKindEnum,
  PlacementStatusEnum,
  type PlacementStatus,
} from './placement.enums';
import type { PlacementView } from './placement.view';

// GraphQL shapes of a placement. Separate from the entities; filled from PlacementView.

@ObjectType('Employer')
export class EmployerModel {
  @Field() cvr: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) pNumber: string | null;
}

@ObjectType('FollowUpRhythm')
export class FollowUpRhythmModel {
  @Field(() => Int) citizenEveryDays: number;
  @Field(() => Int) employerEveryDays: number;
}

@ObjectType('IndividualAgreement', { description: 'The individual agreement (individuel aftale)' })
export class IndividualAgreementModel {
  @Field(() => [String]) workFunctions: string[];
  @Field(() => [String]) trainingGoals: string[];
  @Field(() => [String]) accommodations: string[];
  @Field(() => [String]) aids: string[];
  @Field(() => [String]) support: string[];
  @Field(() => Int, { nullable: true }) daysPerWeek: number | null;
  @Field(() => FollowUpRhythmModel) followUp: FollowUpRhythmModel;
  @Field(() => DateScalar, { nullable: true, description: 'When the next talk about paid hours is due' })
  nextPaidHoursReview: string | null;
}

@ObjectType('PlacementHoursChange', { description: 'One line of the hours history' })
export class HoursChangeModel {
  @Field(() => HoursChangeKindEnum) kind: HoursChangeKind;
  @Field(() => DateScalar) effectiveFrom: string;
  @Field(() => Float) hoursPerWeek: number;
  @Field(() => Float) paidHoursPerWeek: number;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field({ description: 'ISO-8601 instant' }) recordedAt: string;
}

@ObjectType('FollowUpObservations', { description: 'The five observation areas of a follow-up' })
export class FollowUpObservationsModel {
  @Field(() => String, { nullable: true }) attendance?: string;
  @Field(() => String, { nullable: true }) tasksAndWorkCapacity?: string;
  @Field(() => String, { nullable: true }) motivation?: string;
  @Field(() => String, { nullable: true }) accommodationsAndQualityOfLife?: string;
  @Field(() => String, { nullable: true }) citizenAndEmployerViews?: string;
}

@ObjectType('FollowUp', { description: 'A follow-up (opfølgning) on a placement' })
export class FollowUpModel {
  @Field(() => ID) id: string;
  @Field(() => DateScalar) date: string;
  @Field(() => GraphQLEnums.FollowUpMode) mode: FollowUpMode;
  @Field(() => [FollowUpParticipantEnum]) participants: FollowUpParticipant[];
  @Field(() => Float, { nullable: true }) attendancePct: number | null;
  @Field(() => Float, { nullable: true }) effectivenessPct: number | null;
  @Field(() => FollowUpObservationsModel) observations: FollowUpObservationsModel;
  @Field(() => DateScalar, { nullable: true }) nextFollowUp: string | null;
}

@ObjectType('FollowUpDue', { description: 'When the next follow-up with a party is due under the agreed rhythm' })
export class FollowUpDueModel {
  @Field(() => FollowUpPartyEnum) party: FollowUpParty;
  @Field(() => DateScalar, { nullable: true }) lastDate: string | null;
  @Field(() => DateScalar) dueDate: string;
  @Field() overdue: boolean;
  @Field(() => Int) daysOverdue: number;
}

@ObjectType('LogbookEntry', { description: "A day in the citizen's logbook" })
export class LogbookEntryModel {
  @Field(() => DateScalar) date: string;
  @Field(() => Float) hoursWorked: number;
  @Field() sick: boolean;
  @Field() leftEarly: boolean;
  @Field(() => String, { nullable: true }) leftEarlyReason: string | null;
  @Field(() => [String]) tasks: string[];
  @Field(() => String, { nullable: true }) breaks: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType('Placement', { description: 'A placement at a company (virksomhedsplacering)' })
export class PlacementModel {
  @Field(() => ID) id: string;
  @Field(() => ID) referralId: string;
  @Field(() => GraphQLEnums.PlacementType) type: PlacementType;
  @Field(() => GraphQLEnums.PlacementType) initialType: PlacementType;
  @Field() internal: boolean;
  @Field(() => EmployerModel) employer: EmployerModel;
  @Field(() => DateScalar) startDate: string;
  @Field(() => DateScalar, { nullable: true }) plannedEndDate: string | null;
  @Field(() => PlacementStatusEnum) status: PlacementStatus;
  @Field(() => DateScalar, { nullable: true }) endDate: string | null;
  @Field(() => GraphQLEnums.PlacementEndReason, { nullable: true }) endReason: PlacementEndReason | null;
  @Field(() => Float, { description: 'Current weekly hours, derived from the history' }) hoursPerWeek: number;
  @Field(() => Float) paidHoursPerWeek: number;
  @Field(() => Float) internshipHoursPerWeek: number;
  @Field(() => [HoursChangeModel]) hoursHistory: HoursChangeModel[];
  @Field(() => IndividualAgreementModel) agreement: IndividualAgreementModel;
  @Field(() => [FollowUpModel]) followUps: FollowUpModel[];
  @Field(() => [FollowUpDueModel]) followUpsDue: FollowUpDueModel[];
  @Field(() => [LogbookEntryModel]) logbook: LogbookEntryModel[];
  @Field({ description: "Overlapping placements' current hours together exceed the course's weekly hours" })
  exceedsCourseHours: boolean;
  @Field(() => Float) combinedHoursPerWeek: number;
  @Field(() => Float, { nullable: true }) courseHoursPerWeek: number | null;
}

@ObjectType('OverdueFollowUp')
export class OverdueFollowUpModel {
  @Field(() => ID) placementId: string;
  @Field(() => ID) referralId: string;
  @Field() employerName: string;
  @Field(() => FollowUpPartyEnum) party: FollowUpParty;
  @Field(() => DateScalar, { nullable: true }) lastDate: string | null;
  @Field(() => DateScalar) dueDate: string;
  @Field(() => Int) daysOverdue: number;
}

/** The referrals service's entity, extended here with its placements (referenced by id only). */
@ObjectType('Referral')
@Directive('@key(fields: "id")')
export class ReferralReferenceModel {
  @Field(() => ID) id: string;
}

export const placementModel = (view: PlacementView): PlacementModel => ({
  ...view,
  exceedsCourseHours: view.concurrency.exceedsCourseHours,
  combinedHoursPerWeek: view.concurrency.combinedHoursPerWeek,
  courseHoursPerWeek: view.concurrency.courseHoursPerWeek,
});
