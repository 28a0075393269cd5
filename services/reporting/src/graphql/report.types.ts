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
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCvr()
  providerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  offerId?: string | null;

  @Field(() => TargetGroupEnum, { nullable: true })
  @IsOptional()
  @IsIn(TargetGroup)
  targetGroup?: TargetGroup | null;

  // Checked again here: the scalar's coercion does not see every shape a variable can take (e.g. a list).
  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsLocalDate()
  from?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsLocalDate()
  to?: string | null;
}

@ObjectType('PlacementTypeCount')
export class PlacementTypeCount {
  @Field(() => PlacementTypeEnum)
  type: PlacementType;

  @Field(() => Int)
  count: number;
}

@ObjectType('ProviderKpi')
export class ProviderKpi {
  @Field()
  providerId: string;
  @Field(() => Int)
  received: number;
  @Field(() => Int)
  accepted: number;
  @Field(() => Int)
  rejected: number;
  @Field(() => Int)
  started: number;
  @Field(() => Int)
  completed: number;
  @Field(() => Int)
  cancelled: number;
  @Field(() => Float, { nullable: true, description: 'Completed courses ending in job or education' })
  jobOrEducationShareAtEnd: number | null;
  @Field(() => Float, { nullable: true, description: 'Of the outcomes recorded at END_PLUS_3M' })
  jobOrEducationShareAt3M: number | null;
  @Field(() => Float, { nullable: true })
  jobOrEducationShareAt6M: number | null;
  @Field(() => Float, { nullable: true })
  jobOrEducationShareAt12M: number | null;
  @Field(() => Int)
  outcomesRecorded3M: number;
  @Field(() => Int)
  outcomesRecorded6M: number;
  @Field(() => Int)
  outcomesRecorded12M: number;
  @Field(() => Int, { description: 'Completed courses with at least one horizon past due and not recorded' })
  outcomesOverdue: number;
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
  @Field(() => Int)
  placements: number;
  @Field(() => Int)
  placementsInternal: number;
  @Field(() => Int)
  placementsExternal: number;
  @Field(() => Int, { description: 'Placements whose paid hours rose above those they started with' })
  conversionsToPaidHours: number;
  @Field(() => [PlacementTypeCount])
  placementsByType: PlacementTypeCount[];
  @Field(() => Int, { description: 'Courses with at least one LADDER_12 measurement' })
  measuredCourses: number;
  @Field(() => Float, { nullable: true })
  averageFirstLevel: number | null;
  @Field(() => Float, { nullable: true })
  averageBestLevel: number | null;
  @Field(() => Float, { nullable: true })
  averageLastLevel: number | null;
  @Field(() => Float, { nullable: true, description: 'Measured courses whose last level is above the first' })
  progressedShare: number | null;
}

@ObjectType('StatusCount')
export class StatusCount {
  @Field(() => ExitStatusEnum)
  status: ExitStatus;
  @Field(() => Int)
  count: number;
  @Field(() => Float)
  share: number;
}

@ObjectType('CurvePoint')
export class CurvePoint {
  @Field(() => Int)
  sequence: number;
  @Field(() => Float)
  averageLevel: number;
  @Field(() => Int)
  courses: number;
}

@ObjectType('CategoryCurve')
export class CategoryCurve {
  @Field(() => ProgressionCategoryEnum)
  category: ProgressionCategory;
  @Field(() => Int)
  courses: number;
  @Field(() => [CurvePoint])
  points: CurvePoint[];
}

@ObjectType('OutcomeDue')
export class OutcomeDue {
  @Field(() => ID)
  referralId: string;
  @Field(() => String, { nullable: true })
  municipalityCode: string | null;
  @Field(() => String, { nullable: true })
  providerId: string | null;
  @Field(() => OutcomeHorizonEnum)
  horizon: ReportingHorizon;
  @Field(() => DateScalar)
  dueDate: string;
  @Field()
  overdue: boolean;
}

const outcomeDueConnection = connectionTypes(() => OutcomeDue, {
  name: 'OutcomeDue',
  description: 'A page of outcome horizons due or overdue and not yet recorded, earliest due date first',
});
export const OutcomeDueConnection = outcomeDueConnection.Connection;
export type OutcomeDueConnection = Connection<OutcomeDue>;
