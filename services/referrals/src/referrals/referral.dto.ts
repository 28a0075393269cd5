import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CancelReason,
  EndReason,
  ExitStatus,
  OutcomeHorizon,
  Purpose,
  ReferralStatus,
  RejectReason,
  TargetGroup,
} from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import {
  copenhagenDate,
  IsCpr,
  IsCvr,
  IsDateOrInstant,
  IsLocalDate,
  IsLocalDateBetween,
  IsMunicipalityCode,
  ValidatedPerItem,
} from '@platform/http';

@InputType('CitizenInput')
export class CitizenDto {
  @Field()
  @ApiProperty({ example: '0101901234', description: 'CPR number, 10 digits (a dash after the date is accepted)' })
  @IsCpr()
  cpr: string;

  @Field()
  @ApiProperty({ example: 'Anna Hansen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: '+4512345678' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be 8 to 20 digits, optionally with + and spaces' })
  phone?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'anna@example.dk' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean;
}

@InputType('CaseworkerInput')
export class CaseworkerDto {
  @Field()
  @ApiProperty({ example: 'Jens Jensen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'jens.jensen@kk.dk' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be 8 to 20 digits, optionally with + and spaces' })
  phone?: string;
}

@InputType('CreateReferralInput')
export class CreateReferralDto {
  @Field()
  @ApiProperty({ example: 'KK-2026-000123', description: "The jobcenter's own reference, unique per municipality" })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalRef: string;

  @Field()
  @ApiProperty({ example: '101' })
  @IsMunicipalityCode()
  municipalityCode: string;

  @Field(() => CitizenDto)
  @ApiProperty({ type: CitizenDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CitizenDto)
  citizen: CitizenDto;

  @Field(() => CaseworkerDto)
  @ApiProperty({ type: CaseworkerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CaseworkerDto)
  caseworker: CaseworkerDto;

  @Field()
  @ApiProperty({ example: '99000104' })
  @IsCvr()
  providerId: string;

  @Field(() => ID)
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  offerId: string;

  @Field(() => GraphQLEnums.TargetGroup)
  @ApiProperty({ enum: TargetGroup })
  @IsIn(TargetGroup)
  targetGroup: TargetGroup;

  @Field(() => [GraphQLEnums.Purpose])
  @ApiProperty({ enum: Purpose, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Purpose.length)
  @IsIn(Purpose, { each: true })
  purposes: Purpose[];

  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ type: [String], description: "The caseworker's focus points (fokuspunkter)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  focusPoints?: string[];

  @Field(() => Float)
  @ApiProperty({ example: 12 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(37)
  hoursPerWeek: number;

  @Field(() => DateScalar)
  @ApiProperty({
    example: '2026-12-01',
    description: copenhagenDate('The planned first day, from 2000-01-01 to 2099-12-31.'),
  })
  @IsLocalDate()
  @IsLocalDateBetween('2000-01-01', '2099-12-31')
  plannedStart: string;

  @Field(() => Int)
  @ApiProperty({ type: 'integer', example: 26 })
  @IsInt()
  @Min(1)
  @Max(104)
  plannedWeeks: number;

  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ type: [String], description: 'Known accommodation needs (skånehensyn)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  accommodations?: string[];
}

export class BatchReferralsDto {
  @ApiProperty({ type: 'array', items: { $ref: '#/components/schemas/CreateReferralDto' }, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  // Items are validated one by one in the use case so that each stands alone.
  @IsObject({ each: true })
  @ValidatedPerItem()
  items: unknown[];
}

export class ListReferralsQuery {
  @ApiPropertyOptional({ enum: ReferralStatus })
  @IsOptional()
  @IsIn(ReferralStatus)
  status?: ReferralStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCvr()
  providerId?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 instant; only referrals changed at or after it' })
  @IsOptional()
  @IsDateOrInstant()
  updatedSince?: string;

  @ApiPropertyOptional({ type: 'integer', default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

@InputType('AcceptReferralInput')
export class AcceptDto {
  @Field(() => DateScalar, { nullable: true })
  @ApiPropertyOptional({ example: '2026-12-03' })
  @IsOptional()
  @IsLocalDate()
  expectedStart?: string;
}

@InputType('RejectReferralInput')
export class RejectDto {
  @Field(() => GraphQLEnums.RejectReason)
  @ApiProperty({ enum: RejectReason })
  @IsIn(RejectReason)
  reason: RejectReason;

  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@InputType('StartCourseInput')
export class StartDto {
  @Field(() => DateScalar)
  @ApiProperty({
    example: '2026-12-03',
    description: copenhagenDate('The first attendance day: not after today and not before the referral.'),
  })
  @IsLocalDate()
  startDate: string;
}

@InputType('PauseCourseInput')
export class PauseDto {
  @Field(() => DateScalar)
  @ApiProperty({ example: '2027-01-10' })
  @IsLocalDate()
  from: string;

  @Field()
  @ApiProperty({ example: 'Operation og genoptræning' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@InputType('ResumeCourseInput')
export class ResumeDto {
  @Field(() => DateScalar)
  @ApiProperty({ example: '2027-02-01' })
  @IsLocalDate()
  date: string;
}

@InputType('CompleteCourseInput')
export class CompleteDto {
  @Field(() => DateScalar)
  @ApiProperty({ example: '2027-06-01' })
  @IsLocalDate()
  endDate: string;

  @Field(() => GraphQLEnums.EndReason)
  @ApiProperty({ enum: EndReason })
  @IsIn(EndReason)
  endReason: EndReason;

  @Field(() => GraphQLEnums.ExitStatus)
  @ApiProperty({ enum: ExitStatus })
  @IsIn(ExitStatus)
  exitStatus: ExitStatus;

  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@InputType('CancelReferralInput')
export class CancelDto {
  @Field(() => GraphQLEnums.CancelReason)
  @ApiProperty({ enum: CancelReason })
  @IsIn(CancelReason)
  reason: CancelReason;

  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@InputType('RecordOutcomeInput')
export class RecordOutcomeDto {
  @Field(() => GraphQLEnums.OutcomeHorizon)
  @ApiProperty({ enum: OutcomeHorizon })
  @IsIn(OutcomeHorizon)
  horizon: OutcomeHorizon;

  @Field(() => GraphQLEnums.ExitStatus)
  @ApiProperty({ enum: ExitStatus })
  @IsIn(ExitStatus)
  status: ExitStatus;

  @Field(() => DateScalar)
  @ApiProperty({ example: '2027-09-01' })
  @IsLocalDate()
  observedAt: string;
}

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
