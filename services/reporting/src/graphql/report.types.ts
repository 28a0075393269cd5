import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ExitStatus, PlacementType, ReportingHorizon, TargetGroup } from '@platform/domain-kernel';
import type { ProgressionCategory } from '../kpis/progression-category';
import {
  ExitStatusEnum,
  OutcomeHorizonEnum,
  PlacementTypeEnum,
  ProgressionCategoryEnum,
  TargetGroupEnum,
} from './enums';
import { connectionTypes, DateScalar, type Connection } from '@platform/graphql';
import { IsCvr, IsLocalDate, IsMunicipalityCode } from '@platform/http';

@InputType('KpiFilter', { description: 'Reports cover referrals received from `from` to `to` (inclusive).' })
export class KpiFilterInput {
  @Field(() => String, { description: "Only this municipality's courses (3-digit code)", nullable: true })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string | null;

  @Field(() => String, { description: "Only this provider's courses (CVR)", nullable: true })
  @IsOptional()
  @IsCvr()
  providerId?: string | null;

  @Field(() => ID, { description: "Only this offer's courses", nullable: true })
  @IsOptional()
  @IsUUID()
  offerId?: string | null;

  @Field(() => TargetGroupEnum, { description: 'Only this target group (målgruppe)', nullable: true })
  @IsOptional()
  @IsIn(TargetGroup)
  targetGroup?: TargetGroup | null;

  // Checked again here: the scalar's coercion does not see every shape a variable can take (e.g. a list).
  @Field(() => DateScalar, { description: 'Referrals received on or after this day', nullable: true })
  @IsOptional()
  @IsLocalDate()
  from?: string | null;

  @Field(() => DateScalar, { description: 'Referrals received on or before this day', nullable: true })
  @IsOptional()
  @IsLocalDate()
  to?: string | null;
}

@ObjectType('PlacementTypeCount', { description: 'Placements of one kind' })
export class PlacementTypeCount {
  @Field(() => PlacementTypeEnum, { description: 'The kind of placement' })
  type: PlacementType;

  @Field(() => Int, { description: 'How many' })
  count: number;
}

@ObjectType('ProviderKpi', { description: "A provider's key figures for the courses the filter selects" })
export class ProviderKpi {
  @Field({ description: "The provider's CVR number" })
  providerId: string;
  @Field(() => Boolean, {
    description: 'True when the cell is withheld: fewer than MIN_CELL_SIZE courses, for analysts; its figures are null',
  })
  suppressed: boolean;
  @Field(() => Int, { nullable: true, description: 'Referrals received' })
  received: number | null;
  @Field(() => Int, { nullable: true, description: 'Referrals accepted' })
  accepted: number | null;
  @Field(() => Int, { nullable: true, description: 'Referrals rejected' })
  rejected: number | null;
  @Field(() => Int, { nullable: true, description: 'Courses started' })
  started: number | null;
  @Field(() => Int, { nullable: true, description: 'Courses completed' })
  completed: number | null;
  @Field(() => Int, { nullable: true, description: 'Referrals cancelled' })
  cancelled: number | null;
  @Field(() => Float, { nullable: true, description: 'Completed courses ending in job or education' })
  jobOrEducationShareAtEnd: number | null;
  @Field(() => Float, { nullable: true, description: 'Of the outcomes recorded at END_PLUS_3M' })
  jobOrEducationShareAt3M: number | null;
  @Field(() => Float, {
    description: 'Of the outcomes recorded at END_PLUS_6M, the share in job or education',
    nullable: true,
  })
  jobOrEducationShareAt6M: number | null;
  @Field(() => Float, {
    description: 'Of the outcomes recorded at END_PLUS_12M, the share in job or education',
    nullable: true,
  })
  jobOrEducationShareAt12M: number | null;
  @Field(() => Int, { nullable: true, description: 'Outcomes recorded at END_PLUS_3M' })
  outcomesRecorded3M: number | null;
  @Field(() => Int, { nullable: true, description: 'Outcomes recorded at END_PLUS_6M' })
  outcomesRecorded6M: number | null;
  @Field(() => Int, { nullable: true, description: 'Outcomes recorded at END_PLUS_12M' })
  outcomesRecorded12M: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Completed courses with at least one horizon past due and not recorded',
  })
  outcomesOverdue: number | null;
  @Field(() => Float, { nullable: true, description: 'Calendar days from referral to start' })
  medianDaysToStart: number | null;
  @Field(() => Float, { nullable: true, description: 'Calendar days from referral to accept/reject' })
  medianDaysToAnswer: number | null;
  @Field(() => Float, { nullable: true, description: 'Answered by the service-level date, of those answered' })
  answeredOnTimeShare: number | null;
  @Field(() => Float, { nullable: true, description: 'Started by the service-level date, of those started' })
  startedOnTimeShare: number | null;
  @Field(() => Float, { nullable: true, description: 'Calendar days from start to end, completed courses' })
  medianDurationDays: number | null;
  @Field(() => Int, { nullable: true, description: 'Placements at companies (virksomhedsplaceringer)' })
  placements: number | null;
  @Field(() => Int, { nullable: true, description: "Placements at the provider's own workplace" })
  placementsInternal: number | null;
  @Field(() => Int, { nullable: true, description: 'Placements at other companies' })
  placementsExternal: number | null;
  @Field(() => Int, { nullable: true, description: 'Placements whose paid hours rose above those they started with' })
  conversionsToPaidHours: number | null;
  @Field(() => [PlacementTypeCount], { description: 'Placements by kind' })
  placementsByType: PlacementTypeCount[];
  @Field(() => Int, { nullable: true, description: 'Courses with at least one LADDER_12 measurement' })
  measuredCourses: number | null;
  @Field(() => Float, { description: 'Average first LADDER_12 level of measured courses', nullable: true })
  averageFirstLevel: number | null;
  @Field(() => Float, { description: 'Average best LADDER_12 level of measured courses', nullable: true })
  averageBestLevel: number | null;
  @Field(() => Float, { description: 'Average last LADDER_12 level of measured courses', nullable: true })
  averageLastLevel: number | null;
  @Field(() => Float, { nullable: true, description: 'Measured courses whose last level is above the first' })
  progressedShare: number | null;
}

@ObjectType('StatusCount', { description: 'How many courses had one exit status (afgangsstatus) at the horizon' })
export class StatusCount {
  @Field(() => ExitStatusEnum, { description: 'The exit status' })
  status: ExitStatus;
  @Field(() => Int, { nullable: true, description: 'How many courses; null when suppressed' })
  count: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Their share of the courses with a status at the horizon, 0–1; null when suppressed',
  })
  share: number | null;
  @Field(() => Boolean, {
    description: 'True when the cell is withheld: fewer than MIN_CELL_SIZE courses, for analysts; its figures are null',
  })
  suppressed: boolean;
}

@ObjectType('CurvePoint', { description: 'One point of a cohort progression curve' })
export class CurvePoint {
  @Field(() => Int, { description: 'Measurement number within the course: 1, 2, 3 …' })
  sequence: number;
  @Field(() => Float, { nullable: true, description: 'Average level at that measurement; null when suppressed' })
  averageLevel: number | null;
  @Field(() => Int, { nullable: true, description: 'Courses with a measurement of that number; null when suppressed' })
  courses: number | null;
  @Field(() => Boolean, {
    description: 'True when the cell is withheld: fewer than MIN_CELL_SIZE courses, for analysts; its figures are null',
  })
  suppressed: boolean;
}

@ObjectType('CategoryCurve', { description: 'The cohort curve of courses in one progression category' })
export class CategoryCurve {
  @Field(() => ProgressionCategoryEnum, { description: 'The progression category' })
  category: ProgressionCategory;
  @Field(() => Int, { nullable: true, description: 'Courses in the category; null when suppressed' })
  courses: number | null;
  @Field(() => Boolean, {
    description: 'True when the cell is withheld: fewer than MIN_CELL_SIZE courses, for analysts; its figures are null',
  })
  suppressed: boolean;
  @Field(() => [CurvePoint], { description: 'The curve' })
  points: CurvePoint[];
}

@ObjectType('OutcomeDue', { description: 'An outcome horizon of a completed course that is due, and not yet recorded' })
export class OutcomeDue {
  @Field(() => ID, { description: "The referral's id (UUID)" })
  referralId: string;
  @Field(() => String, { description: "The course's municipality", nullable: true })
  municipalityCode: string | null;
  @Field(() => String, { description: "The course's provider (CVR)", nullable: true })
  providerId: string | null;
  @Field(() => OutcomeHorizonEnum, { description: 'The follow-up horizon' })
  horizon: ReportingHorizon;
  @Field(() => DateScalar, { description: 'When the status is due' })
  dueDate: string;
  @Field({ description: 'True when the due date is before asOf' })
  overdue: boolean;
}

const outcomeDueConnection = connectionTypes(() => OutcomeDue, {
  name: 'OutcomeDue',
  description: 'A page of outcome horizons due or overdue and not yet recorded, earliest due date first',
});
export const OutcomeDueConnection = outcomeDueConnection.Connection;
export type OutcomeDueConnection = Connection<OutcomeDue>;
