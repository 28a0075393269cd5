import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Allow, IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import type { Assessor } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums, REFERRAL_DESCRIPTION } from '@platform/graphql';
import { SCALE_CODE } from '../scales/scale-definition';

// GraphQL types of the progression subgraph; separate from the entities and the REST views on purpose.

@ObjectType('MeasurementValue', { description: 'The level given on one dimension of the scale' })
export class MeasurementValueModel {
  @Field({ description: "The dimension's code, e.g. step" })
  dimension: string;

  @Field(() => Int, { description: 'The level given on that dimension' })
  level: number;
}

@ObjectType('Measurement', {
  description: 'Progressionsmåling — a progression measurement of a course on a versioned scale',
})
export class MeasurementModel {
  @Field(() => ID, { description: "The measurement's id (UUID)" })
  id: string;

  @Field(() => Int, { description: 'Measurement number within the course, scale and assessor: 1, 2, 3, …' })
  sequence: number;

  @Field({ description: 'The scale code, e.g. LADDER_12 or RESOURCE_PROFILE_12' })
  scale: string;

  @Field(() => Int, { description: 'The version of the scale used' })
  scaleVersion: number;

  @Field(() => DateScalar, { description: 'The day measured (not in the future, not before the start)' })
  measuredAt: string;

  @Field(() => GraphQLEnums.Assessor, { description: "PROFESSIONAL, or CITIZEN for the citizen's self-assessment" })
  assessor: Assessor;

  @Field(() => [MeasurementValueModel], { description: 'The level given on each dimension' })
  values: MeasurementValueModel[];

  @Field(() => String, { description: "The assessor's note", nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true, description: 'The measurement this one corrects' })
  supersedesId: string | null;

  @Field(() => ID, { nullable: true, description: 'The correction that replaced this measurement' })
  supersededById: string | null;

  @Field({ description: 'ISO-8601 instant' })
  recordedAt: string;
}

@ObjectType('Referral', { description: REFERRAL_DESCRIPTION })
@Directive('@key(fields: "id")')
export class ReferralModel {
  @Field(() => ID, { description: "The referral's id (UUID)" })
  id: string;
}

@ObjectType('ScaleLevel', { description: 'One ordered level of a scale dimension' })
export class ScaleLevelModel {
  @Field(() => Int, { description: 'The level number, e.g. 7' })
  value: number;

  @Field({ description: 'The level code, e.g. INTERNSHIP_UP_TO_10H' })
  code: string;

  @Field({ description: 'The Danish label, e.g. "Praktik (op til 10 timer)"' })
  label: string;
}

@ObjectType('ScaleDimension', { description: 'A dimension of a progression scale with its ordered levels' })
export class ScaleDimensionModel {
  @Field({ description: 'The dimension code, e.g. step' })
  code: string;

  @Field({ description: 'The Danish label' })
  label: string;

  @Field(() => [ScaleLevelModel], { description: 'The levels, lowest first' })
  levels: ScaleLevelModel[];
}

@ObjectType('Scale', { description: 'A published version of a progression scale' })
export class ScaleModel {
  @Field({ description: 'The scale code, e.g. LADDER_12' })
  code: string;

  @Field(() => Int, { description: 'The version number' })
  version: number;

  @Field({ description: 'The name' })
  name: string;

  @Field(() => [ScaleDimensionModel], {
    description: 'The dimensions (one for a staircase, 12 for the ressourceprofil)',
  })
  dimensions: ScaleDimensionModel[];
}

@ArgsType()
export class MeasurementsArgs {
  @Field(() => String, { nullable: true, description: 'Only this scale' })
  @IsOptional()
  @IsString()
  @Matches(SCALE_CODE, { message: 'scale must be a scale code such as LADDER_12' })
  scale?: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Include measurements that a correction superseded' })
  @IsOptional()
  @IsBoolean()
  includeSuperseded?: boolean;
}

@ArgsType()
export class LatestLevelArgs {
  @Field(() => String, { defaultValue: 'LADDER_12', description: 'A one-dimensional scale' })
  @IsString()
  @Matches(SCALE_CODE, { message: 'scale must be a scale code such as LADDER_12' })
  scale: string = 'LADDER_12';
}

@InputType('MeasurementValueInput', { description: 'The level given on one dimension of the scale' })
export class MeasurementValueInput {
  @Field({ description: "The dimension's code, e.g. step" })
  @Allow()
  dimension: string;

  @Field(() => Int, { description: 'A level of that dimension' })
  @Allow()
  level: number;
}

/**
 * `recordMeasurement`'s input: REST's body with the values as a list (GraphQL has no maps). Its content is judged
 * by the REST DTO after conversion, so both APIs report the same field errors (`values.step`, `measuredAt`, …).
 */
@InputType('RecordMeasurementInput', { description: 'A progression measurement (progressionsmåling) of a course' })
export class RecordMeasurementInput {
  @Field({ description: 'The scale code, e.g. LADDER_12' })
  @Allow()
  scale: string;

  @Field(() => Int, { nullable: true, description: 'Defaults to the latest published version' })
  @Allow()
  scaleVersion?: number;

  @Field(() => DateScalar, { description: 'The day measured: not in the future, not before the course started' })
  @Allow()
  measuredAt: string;

  @Field(() => [MeasurementValueInput], { description: 'The level on each dimension of the scale' })
  @Allow()
  values: MeasurementValueInput[];

  @Field(() => GraphQLEnums.Assessor, { description: 'The professional, or the citizen (self-assessment)' })
  @Allow()
  assessor: Assessor;

  @Field(() => String, { description: "The assessor's note", nullable: true })
  @Allow()
  note?: string;

  @Field(() => ID, { nullable: true, description: 'The measurement this one corrects' })
  @Allow()
  supersedes?: string;
}
