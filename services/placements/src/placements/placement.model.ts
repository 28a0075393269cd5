import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { FollowUpMode, PlacementEndReason, PlacementType } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums, REFERRAL_DESCRIPTION } from '@platform/graphql';
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

@ObjectType('Employer', { description: 'Virksomhed / arbejdsgiver — the company where a citizen is placed' })
export class EmployerModel {
  @Field({ description: "The employer's CVR number (8 digits)" }) cvr: string;
  @Field({ description: "The employer's name" }) name: string;
  @Field(() => String, {
    description: "The workplace's P-number (produktionsenhedsnummer, 10 digits), when given",
    nullable: true,
  })
  pNumber: string | null;
}

@ObjectType('FollowUpRhythm', {
  description: 'The agreed rhythm of follow-ups (opfølgning) with the citizen and with the employer',
})
export class FollowUpRhythmModel {
  @Field(() => Int, { description: 'Days between follow-ups with the citizen' }) citizenEveryDays: number;
  @Field(() => Int, { description: 'Days between follow-ups with the employer' }) employerEveryDays: number;
}

@ObjectType('IndividualAgreement', { description: 'The individual agreement (individuel aftale)' })
export class IndividualAgreementModel {
  @Field(() => [String], { description: 'Arbejdsfunktioner — the work functions the citizen will do' })
  workFunctions: string[];
  @Field(() => [String], { description: 'Oplærings- og kompetencemål — training and competence goals' })
  trainingGoals: string[];
  @Field(() => [String], { description: 'Skånehensyn — accommodations, e.g. "ingen tunge løft"' })
  accommodations: string[];
  @Field(() => [String], { description: 'Hjælpemidler og kompensationsordninger — aids and compensation schemes' })
  aids: string[];
  @Field(() => [String], {
    description: 'Støtte på arbejdspladsen — support at the workplace (mentor, contact person, sidemandsoplæring)',
  })
  support: string[];
  @Field(() => Int, { description: 'Working days a week, when agreed', nullable: true }) daysPerWeek: number | null;
  @Field(() => FollowUpRhythmModel, { description: 'The agreed follow-up rhythm' }) followUp: FollowUpRhythmModel;
  @Field(() => DateScalar, { nullable: true, description: 'When the next talk about paid hours is due' })
  nextPaidHoursReview: string | null;
}

@ObjectType('PlacementHoursChange', { description: 'One line of the hours history' })
export class HoursChangeModel {
  @Field(() => HoursChangeKindEnum, {
    description: 'What the line records: the start, a change or a conversion to paid hours',
  })
  kind: HoursChangeKind;
  @Field(() => DateScalar, { description: 'The date the hours apply from' }) effectiveFrom: string;
  @Field(() => Float, { description: 'Total weekly hours from that date' }) hoursPerWeek: number;
  @Field(() => Float, {
    description: 'Paid (ordinary wage) hours a week from that date; the rest are internship hours',
  })
  paidHoursPerWeek: number;
  @Field(() => String, { description: 'Why the hours changed', nullable: true }) reason: string | null;
  @Field({ description: 'ISO-8601 instant' }) recordedAt: string;
}

@ObjectType('FollowUpObservations', { description: 'The five observation areas of a follow-up' })
export class FollowUpObservationsModel {
  @Field(() => String, { description: 'Fremmøde — observations on attendance', nullable: true }) attendance?: string;
  @Field(() => String, { description: 'Opgaver og arbejdsevne — tasks and work capacity', nullable: true })
  tasksAndWorkCapacity?: string;
  @Field(() => String, { description: 'Motivation', nullable: true }) motivation?: string;
  @Field(() => String, {
    description: 'Skånehensyn og livskvalitet — accommodations and quality of life',
    nullable: true,
  })
  accommodationsAndQualityOfLife?: string;
  @Field(() => String, {
    description: "Borgerens og virksomhedens vurdering — the citizen's and the employer's views",
    nullable: true,
  })
  citizenAndEmployerViews?: string;
}

@ObjectType('FollowUp', { description: 'A follow-up (opfølgning) on a placement' })
export class FollowUpModel {
  @Field(() => ID, { description: "The follow-up's id (UUID)" }) id: string;
  @Field(() => DateScalar, { description: 'The date of the follow-up' }) date: string;
  @Field(() => GraphQLEnums.FollowUpMode, { description: 'How it took place' }) mode: FollowUpMode;
  @Field(() => [FollowUpParticipantEnum], { description: 'Who took part' }) participants: FollowUpParticipant[];
  @Field(() => Float, { description: 'Fremmøde — attendance in per cent of the agreed hours', nullable: true })
  attendancePct: number | null;
  @Field(() => Float, {
    description: 'Effektivitet — effectiveness in per cent of an ordinary employee',
    nullable: true,
  })
  effectivenessPct: number | null;
  @Field(() => FollowUpObservationsModel, { description: 'Observations on the five areas' })
  observations: FollowUpObservationsModel;
  @Field(() => DateScalar, { description: 'The date agreed for the next follow-up', nullable: true }) nextFollowUp:
    string | null;
}

@ObjectType('FollowUpDue', { description: 'When the next follow-up with a party is due under the agreed rhythm' })
export class FollowUpDueModel {
  @Field(() => FollowUpPartyEnum, { description: 'Whom the follow-up is with' }) party: FollowUpParty;
  @Field(() => DateScalar, { description: 'The last follow-up with the party; null if none yet', nullable: true })
  lastDate: string | null;
  @Field(() => DateScalar, { description: 'When the next follow-up is due under the rhythm' }) dueDate: string;
  @Field({ description: 'True when the due date has passed' }) overdue: boolean;
  @Field(() => Int, { description: 'Calendar days past the due date; 0 when not overdue' }) daysOverdue: number;
}

@ObjectType('LogbookEntry', { description: "A day in the citizen's logbook" })
export class LogbookEntryModel {
  @Field(() => DateScalar, { description: 'The day' }) date: string;
  @Field(() => Float, { description: 'Hours worked that day' }) hoursWorked: number;
  @Field({ description: 'The citizen was sick that day' }) sick: boolean;
  @Field({ description: 'The citizen left early' }) leftEarly: boolean;
  @Field(() => String, { description: 'Why the citizen left early', nullable: true }) leftEarlyReason: string | null;
  @Field(() => [String], { description: 'Tasks done that day' }) tasks: string[];
  @Field(() => String, { description: 'Breaks taken', nullable: true }) breaks: string | null;
  @Field(() => String, { description: 'A note from the citizen', nullable: true }) note: string | null;
}

@ObjectType('Placement', {
  description:
    'Virksomhedsplacering — a placement of the citizen at a company during the course (praktik, løntilskud, småjob …)',
})
export class PlacementModel {
  @Field(() => ID, { description: "The placement's id (UUID)" }) id: string;
  @Field(() => ID, { description: 'The referral (course) the placement belongs to' }) referralId: string;
  @Field(() => GraphQLEnums.PlacementType, { description: 'The current kind of placement' }) type: PlacementType;
  @Field(() => GraphQLEnums.PlacementType, { description: 'The kind of placement it started as (before conversions)' })
  initialType: PlacementType;
  @Field({ description: "True when the placement is at the provider's own workplace (intern placering)" })
  internal: boolean;
  @Field(() => EmployerModel, { description: 'The company' }) employer: EmployerModel;
  @Field(() => DateScalar, { description: 'The first day of the placement' }) startDate: string;
  @Field(() => DateScalar, { description: 'The planned last day, when agreed', nullable: true }) plannedEndDate:
    string | null;
  @Field(() => PlacementStatusEnum, { description: 'Whether the placement is running' }) status: PlacementStatus;
  @Field(() => DateScalar, { description: 'The last day, once ended', nullable: true }) endDate: string | null;
  @Field(() => GraphQLEnums.PlacementEndReason, { description: 'Why it ended, once ended', nullable: true })
  endReason: PlacementEndReason | null;
  @Field(() => Float, { description: 'Current weekly hours, derived from the history' }) hoursPerWeek: number;
  @Field(() => Float, { description: 'Current paid (ordinary wage) hours a week' }) paidHoursPerWeek: number;
  @Field(() => Float, { description: 'Current internship (praktik) hours a week: weekly hours less paid hours' })
  internshipHoursPerWeek: number;
  @Field(() => [HoursChangeModel], { description: 'Every change of hours, oldest first (timeoptrapning)' })
  hoursHistory: HoursChangeModel[];
  @Field(() => IndividualAgreementModel, { description: 'Den individuelle aftale — the individual agreement' })
  agreement: IndividualAgreementModel;
  @Field(() => [FollowUpModel], { description: 'Follow-ups (opfølgninger) on the placement, oldest first' })
  followUps: FollowUpModel[];
  @Field(() => [FollowUpDueModel], { description: 'When the next follow-up with each party is due' })
  followUpsDue: FollowUpDueModel[];
  @Field(() => [LogbookEntryModel], { description: "The citizen's logbook (logbog), oldest first" })
  logbook: LogbookEntryModel[];
  @Field({ description: "Overlapping placements' current hours together exceed the course's weekly hours" })
  exceedsCourseHours: boolean;
  @Field(() => Float, { description: "The current weekly hours of the course's overlapping placements together" })
  combinedHoursPerWeek: number;
  @Field(() => Float, { description: "The course's weekly hours, when known", nullable: true }) courseHoursPerWeek:
    number | null;
}

@ObjectType('OverdueFollowUp', {
  description: 'A follow-up past its due date under the agreed rhythm of an active placement',
})
export class OverdueFollowUpModel {
  @Field(() => ID, { description: "The placement's id (UUID)" }) placementId: string;
  @Field(() => ID, { description: "The referral's id (UUID)" }) referralId: string;
  @Field({ description: "The employer's name" }) employerName: string;
  @Field(() => FollowUpPartyEnum, { description: 'Whom the follow-up is with' }) party: FollowUpParty;
  @Field(() => DateScalar, { description: 'The last follow-up with the party; null if none yet', nullable: true })
  lastDate: string | null;
  @Field(() => DateScalar, { description: 'When it was due' }) dueDate: string;
  @Field(() => Int, { description: 'Calendar days past the due date' }) daysOverdue: number;
}

/** The referrals service's entity, extended here with its placements (referenced by id only). */
@ObjectType('Referral', { description: REFERRAL_DESCRIPTION })
@Directive('@key(fields: "id")')
export class ReferralReferenceModel {
  @Field(() => ID, { description: "The referral's id (UUID)" }) id: string;
}

export const placementModel = (view: PlacementView): PlacementModel => ({
  ...view,
  exceedsCourseHours: view.concurrency.exceedsCourseHours,
  combinedHoursPerWeek: view.concurrency.combinedHoursPerWeek,
  courseHoursPerWeek: view.concurrency.courseHoursPerWeek,
});
