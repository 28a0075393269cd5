import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FollowUpMode, PlacementEndReason, PlacementType } from '@platform/domain-kernel';
import { FollowUpParticipant } from '../placements/follow-up.entity';
import { HoursChangeKind } from '../placements/placement-hours.entity';
import { FollowUpParty } from '../placements/placement-rules';

/** GraphQL enums from the code lists of DOMAIN.md (one source of truth for the codes). */
const enumOf = <T extends string>(codes: readonly T[]) => Object.fromEntries(codes.map((c) => [c, c])) as Record<T, T>;

export const PlacementTypeEnum = enumOf(PlacementType);
export const PlacementEndReasonEnum = enumOf(PlacementEndReason);
export const FollowUpModeEnum = enumOf(FollowUpMode);
export const FollowUpParticipantEnum = enumOf(FollowUpParticipant);
export const FollowUpPartyEnum = enumOf(FollowUpParty);
export const HoursChangeKindEnum = enumOf(HoursChangeKind);
export const PlacementStatusEnum = enumOf(['ACTIVE', 'ENDED'] as const);

registerEnumType(PlacementTypeEnum, { name: 'PlacementType' });
registerEnumType(PlacementEndReasonEnum, { name: 'PlacementEndReason' });
registerEnumType(FollowUpModeEnum, { name: 'FollowUpMode' });
registerEnumType(FollowUpParticipantEnum, { name: 'FollowUpParticipant' });
registerEnumType(FollowUpPartyEnum, { name: 'FollowUpParty' });
registerEnumType(HoursChangeKindEnum, { name: 'HoursChangeKind' });
registerEnumType(PlacementStatusEnum, { name: 'PlacementStatus' });

@ObjectType()
export class Employer {
  @Field()
  cvr: string;
  @Field()
  name: string;
  @Field(() => String, { nullable: true })
  pNumber: string | null;
}

@ObjectType()
export class FollowUpRhythm {
  @Field(() => Int)
  citizenEveryDays: number;
  @Field(() => Int)
  employerEveryDays: number;
}

@ObjectType({ description: 'The individual agreement (individuel aftale)' })
export class IndividualAgreement {
  @Field(() => [String])
  workFunctions: string[];
  @Field(() => [String])
  trainingGoals: string[];
  @Field(() => [String])
  accommodations: string[];
  @Field(() => [String])
  aids: string[];
  @Field(() => [String])
  support: string[];
  @Field(() => Int, { nullable: true })
  daysPerWeek: number | null;
  @Field(() => FollowUpRhythm)
  followUp: FollowUpRhythm;
  @Field(() => String, { nullable: true, description: 'Date (YYYY-MM-DD) of the next talk about paid hours' })
  nextPaidHoursReview: string | null;
}

@ObjectType()
export class HoursChange {
  @Field(() => HoursChangeKindEnum)
  kind: HoursChangeKind;
  @Field({ description: 'Date (YYYY-MM-DD)' })
  effectiveFrom: string;
  @Field(() => Float)
  hoursPerWeek: number;
  @Field(() => Float)
  paidHoursPerWeek: number;
  @Field(() => String, { nullable: true })
  reason: string | null;
  @Field({ description: 'Instant (ISO-8601 UTC)' })
  recordedAt: string;
}

@ObjectType({ description: 'The five observation areas of a follow-up' })
export class FollowUpObservations {
  @Field(() => String, { nullable: true })
  attendance?: string;
  @Field(() => String, { nullable: true })
  tasksAndWorkCapacity?: string;
  @Field(() => String, { nullable: true })
  motivation?: string;
  @Field(() => String, { nullable: true })
  accommodationsAndQualityOfLife?: string;
  @Field(() => String, { nullable: true })
  citizenAndEmployerViews?: string;
}

@ObjectType()
export class FollowUp {
  @Field(() => ID)
  id: string;
  @Field()
  date: string;
  @Field(() => FollowUpModeEnum)
  mode: FollowUpMode;
  @Field(() => [FollowUpParticipantEnum])
  participants: FollowUpParticipant[];
  @Field(() => Float, { nullable: true })
  attendancePct: number | null;
  @Field(() => Float, { nullable: true })
  effectivenessPct: number | null;
  @Field(() => FollowUpObservations)
  observations: FollowUpObservations;
  @Field(() => String, { nullable: true })
  nextFollowUp: string | null;
}

@ObjectType()
export class FollowUpDue {
  @Field(() => FollowUpPartyEnum)
  party: FollowUpParty;
  @Field(() => String, { nullable: true })
  lastDate: string | null;
  @Field()
  dueDate: string;
  @Field()
  overdue: boolean;
  @Field(() => Int)
  daysOverdue: number;
}

@ObjectType()
export class LogbookEntry {
  @Field()
  date: string;
  @Field(() => Float)
  hoursWorked: number;
  @Field()
  sick: boolean;
  @Field()
  leftEarly: boolean;
  @Field(() => String, { nullable: true })
  leftEarlyReason: string | null;
  @Field(() => [String])
  tasks: string[];
  @Field(() => String, { nullable: true })
  breaks: string | null;
  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType({ description: 'A placement at a company (virksomhedsplacering)' })
export class Placement {
  @Field(() => ID)
  id: string;
  @Field(() => ID)
  referralId: string;
  @Field(() => PlacementTypeEnum)
  type: PlacementType;
  @Field(() => PlacementTypeEnum)
  initialType: PlacementType;
  @Field()
  internal: boolean;
  @Field(() => Employer)
  employer: Employer;
  @Field()
  startDate: string;
  @Field(() => String, { nullable: true })
  plannedEndDate: string | null;
  @Field(() => PlacementStatusEnum)
  status: 'ACTIVE' | 'ENDED';
  @Field(() => String, { nullable: true })
  endDate: string | null;
  @Field(() => PlacementEndReasonEnum, { nullable: true })
  endReason: PlacementEndReason | null;
  @Field(() => Float, { description: 'Current weekly hours, derived from the history' })
  hoursPerWeek: number;
  @Field(() => Float)
  paidHoursPerWeek: number;
  @Field(() => Float)
  internshipHoursPerWeek: number;
  @Field(() => [HoursChange])
  hoursHistory: HoursChange[];
  @Field(() => IndividualAgreement)
  agreement: IndividualAgreement;
  @Field(() => [FollowUp])
  followUps: FollowUp[];
  @Field(() => [FollowUpDue])
  followUpsDue: FollowUpDue[];
  @Field(() => [LogbookEntry])
  logbook: LogbookEntry[];
  @Field({ description: "Overlapping placements' current hours together exceed the course's weekly hours" })
  exceedsCourseHours: boolean;
  @Field(() => Float)
  combinedHoursPerWeek: number;
  @Field(() => Float, { nullable: true })
  courseHoursPerWeek: number | null;
}

@ObjectType()
export class OverdueFollowUp {
  @Field(() => ID)
  placementId: string;
  @Field(() => ID)
  referralId: string;
  @Field()
  employerName: string;
  @Field(() => FollowUpPartyEnum)
  party: FollowUpParty;
  @Field(() => String, { nullable: true })
  lastDate: string | null;
  @Field()
  dueDate: string;
  @Field(() => Int)
  daysOverdue: number;
}

/** The referrals service's entity, extended here with its placements (referenced by id only). */
@ObjectType()
@Directive('@key(fields: "id")')
export class Referral {
  @Field(() => ID)
  id: string;
}
