import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Allow, IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import type { Assessor } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import { SCALE_CODE } from '../scales/scale-definition';

// GraphQL types of the progression subgraph; separate from the entities and the REST views on purpose.

@ObjectType('MeasurementValue', { description: 'The level given on one dimension of the scale' })
export class MeasurementValueModel {
  @Field()
  dimension: string;

  @Field(() => Int)
  level: number;
}

@ObjectType('Measurement', { description: 'A progression measurement of a course' })
export class MeasurementModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Measurement number within the course, scale and assessor: 1, 2, 3, …' })
  sequence: number;

  @Field()
  scale: string;

  @Field(() => Int)
  scaleVersion: number;

  @Field(() => DateScalar)
  measuredAt: string;

  @Field(() => GraphQLEnums.Assessor, { description: "PROFESSIONAL, or CITIZEN for the citizen's self-assessment" })
  assessor: Assessor;

  @Field(() => [MeasurementValueModel])
  values: MeasurementValueModel[];

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true, description: 'The measurement this one corrects' })
  supersedesId: string | null;

  @Field(() => ID, { nullable: true, description: 'The correction that replaced this measurement' })
  supersededById: string | null;

  @Field({ description: 'ISO-8601 instant' })
  recordedAt: string;
}

@ObjectType('Referral')
@Directive('@key(fields: "id")')
export class ReferralModel {
  @Field(() => ID)
  id: string;
}

@ObjectType('ScaleLevel')
export class ScaleLevelModel {
  @Field(() => Int)
  value: number;

  @Field()
  code: string;

  @Field()
  label: string;
}

@ObjectType('ScaleDimension')
export class ScaleDimensionModel {
  @Field()
  code: string;

  @Field()
  label: string;

  @Field(() => [ScaleLevelModel])
  levels: ScaleLevelModel[];
}

@ObjectType('Scale', { description: 'A published version of a progression scale' })
export class ScaleModel {
  @Field()
  code: string;

  @Field(() => Int)
  version: number;

  @Field()
  name: string;

  @Field(() => [ScaleDimensionModel])
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

@InputType('MeasurementValueInput')
export class MeasurementValueInput {
  @Field()
  @Allow()
  dimension: string;

  @Field(() => Int)
  @Allow()
  level: number;
}

/**
 * `recordMeasurement`'s input: REST's body with the values as a list (GraphQL has no maps). Its content is judged
 * by the REST DTO after conversion, so both APIs report the same field errors (`values.step`, `measuredAt`, …).
 */
@InputType('RecordMeasurementInput')
export class RecordMeasurementInput {
  @Field()
  @Allow()
  scale: string;

  @Field(() => Int, { nullable: true, description: 'Defaults to the latest published version' })
  @Allow()
  scaleVersion?: number;

  @Field(() => DateScalar)
  @Allow()
  measuredAt: string;

  @Field(() => [MeasurementValueInput])
  @Allow()
  values: MeasurementValueInput[];

  @Field(() => GraphQLEnums.Assessor)
  @Allow()
  assessor: Assessor;

  @Field(() => String, { nullable: true })
  @Allow()
  note?: string;

  @Field(() => ID, { nullable: true, description: 'The measurement this one corrects' })
  @Allow()
  supersedes?: string;
}
