import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { FollowUpMode, PlacementEndReason, PlacementType } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import { FollowUpParticipant } from './follow-up.entity';
import { FollowUpParticipantEnum } from './placement.enums';
import { copenhagenDate, HasAtMostTwoDecimals, IsCvr, IsLocalDate, IsLocalDateBetween } from '@platform/http';

const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2099-12-31';
const NUMBER = { allowNaN: false, allowInfinity: false } as const;

/** A list of short texts (work functions, goals, aids, …). */
function TextList(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ArrayMaxSize(30)(target, key);
    IsString({ each: true })(target, key);
    MinLength(1, { each: true })(target, key);
    MaxLength(1000, { each: true })(target, key);
  };
}

/** A date the platform can reason about. */
function Day(): PropertyDecorator {
  return (target, key) => {
    IsLocalDate()(target, key as string);
    IsLocalDateBetween(FIRST_DAY, LAST_DAY)(target, key as string);
  };
}

@InputType('EmployerInput')
export class EmployerDto {
  @Field()
  @ApiProperty({ example: '29403473', description: 'Employer CVR (8 digits, modulus 11)' })
  @IsCvr()
  cvr: string;

  @Field()
  @ApiProperty({ example: 'Bageriet ApS' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: '1012345678', description: 'P-number of the workplace (10 digits)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{10}$/, { message: 'pNumber must be 10 digits' })
  pNumber?: string;
}

@InputType('FollowUpRhythmInput')
export class FollowUpRhythmDto {
  @Field(() => Int)
  @ApiProperty({ type: 'integer', example: 7, description: 'Days between follow-ups with the citizen' })
  @IsInt()
  @Min(1)
  @Max(365)
  citizenEveryDays: number;

  @Field(() => Int)
  @ApiProperty({ type: 'integer', example: 14, description: 'Days between follow-ups with the employer' })
  @IsInt()
  @Min(1)
  @Max(365)
  employerEveryDays: number;
}

@InputType('AgreementInput')
export class AgreementDto {
  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['Opfyldning af varer'] })
  @TextList()
  workFunctions: string[];

  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['Møde stabilt kl. 10'] })
  @TextList()
  trainingGoals: string[];

  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['Ingen tunge løft'], description: 'Skånehensyn' })
  @TextList()
  accommodations: string[];

  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['Hæve-sænkebord'], description: 'Hjælpemidler and compensation schemes' })
  @TextList()
  aids: string[];

  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['Kontaktperson: butikschefen'], description: 'Support at the workplace' })
  @TextList()
  support: string[];

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ type: 'integer', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  daysPerWeek?: number;

  @Field(() => FollowUpRhythmDto)
  @ApiProperty({ type: FollowUpRhythmDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FollowUpRhythmDto)
  followUp: FollowUpRhythmDto;

  @Field(() => DateScalar, { nullable: true })
  @ApiPropertyOptional({ example: '2026-12-15', description: 'When the next talk about paid hours is due' })
  @IsOptional()
  @Day()
  nextPaidHoursReview?: string;
}

@InputType('CreatePlacementInput')
export class CreatePlacementDto {
  @Field(() => GraphQLEnums.PlacementType)
  @ApiProperty({ enum: PlacementType })
  @IsIn(PlacementType)
  type: PlacementType;

  @Field()
  @ApiProperty({ description: "True when at the provider's own workplace" })
  @IsBoolean()
  internal: boolean;

  @Field(() => EmployerDto)
  @ApiProperty({ type: EmployerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EmployerDto)
  employer: EmployerDto;

  @Field(() => DateScalar)
  @ApiProperty({ example: '2026-12-01', description: copenhagenDate('The first day at the workplace.') })
  @Day()
  startDate: string;

  @Field(() => DateScalar, { nullable: true })
  @ApiPropertyOptional({ example: '2027-02-28' })
  @IsOptional()
  @Day()
  plannedEndDate?: string;

  @Field(() => Float)
  @ApiProperty({ example: 6 })
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0.5)
  @Max(37)
  hoursPerWeek: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 0, default: 0 })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(37)
  paidHoursPerWeek?: number;

  @Field(() => AgreementDto)
  @ApiProperty({ type: AgreementDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementDto)
  agreement: AgreementDto;
}

@InputType('ChangePlacementHoursInput')
export class ChangeHoursDto {
  @Field(() => DateScalar)
  @ApiProperty({ example: '2026-12-15' })
  @Day()
  effectiveFrom: string;

  @Field(() => Float)
  @ApiProperty({ example: 10 })
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0.5)
  @Max(37)
  hoursPerWeek: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 0, description: 'Paid hours after the change; unchanged when absent' })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(37)
  paidHoursPerWeek?: number;

  @Field()
  @ApiProperty({ example: 'Timeoptrapning efter aftale' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@InputType('ConvertPlacementHoursInput')
export class ConvertHoursDto {
  @Field(() => DateScalar)
  @ApiProperty({ example: '2027-01-04' })
  @Day()
  effectiveFrom: string;

  @Field(() => Float)
  @ApiProperty({ example: 3, description: 'Paid hours per week after the conversion' })
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0.5)
  @Max(37)
  paidHoursPerWeek: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 6, description: 'Total hours after the conversion; unchanged when absent' })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0.5)
  @Max(37)
  hoursPerWeek?: number;

  @Field()
  @ApiProperty({ example: 'Arbejdsgiver ansætter 3 timer om ugen' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@InputType('FollowUpObservationsInput')
export class ObservationsDto {
  @Field({ nullable: true })
  @ApiPropertyOptional({ description: 'Fremmøde' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  attendance?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ description: 'Arbejdsopgaver og arbejdsevne' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  tasksAndWorkCapacity?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ description: 'Motivation' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  motivation?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ description: 'Skånehensyn og livskvalitet' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  accommodationsAndQualityOfLife?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ description: 'Borgerens og virksomhedens vurdering' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  citizenAndEmployerViews?: string;
}

@InputType('RecordFollowUpInput')
export class RecordFollowUpDto {
  @Field(() => DateScalar)
  @ApiProperty({ example: '2026-12-08' })
  @Day()
  date: string;

  @Field(() => GraphQLEnums.FollowUpMode)
  @ApiProperty({ enum: FollowUpMode })
  @IsIn(FollowUpMode)
  mode: FollowUpMode;

  @Field(() => [FollowUpParticipantEnum])
  @ApiProperty({
    enum: FollowUpParticipant,
    isArray: true,
    description: 'CITIZEN, EMPLOYER, CASEWORKER (three-party)…',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FollowUpParticipant.length)
  @IsIn(FollowUpParticipant, { each: true })
  participants: FollowUpParticipant[];

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 90, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(100)
  attendancePct?: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 60, minimum: 0, maximum: 100, description: 'Compared with an ordinary employee' })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(100)
  effectivenessPct?: number;

  @Field(() => ObservationsDto)
  @ApiProperty({ type: ObservationsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ObservationsDto)
  observations: ObservationsDto;

  @Field(() => DateScalar, { nullable: true })
  @ApiPropertyOptional({ example: '2026-12-22' })
  @IsOptional()
  @Day()
  nextFollowUp?: string;
}

@InputType('LogbookEntryInput')
export class LogbookEntryDto {
  @Field(() => DateScalar)
  @ApiProperty({ example: '2026-12-02' })
  @Day()
  date: string;

  @Field(() => Float)
  @ApiProperty({ example: 3 })
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(24)
  hoursWorked: number;

  @Field()
  @ApiProperty()
  @IsBoolean()
  sick: boolean;

  @Field()
  @ApiProperty()
  @IsBoolean()
  leftEarly: boolean;

  @Field({ nullable: true })
  @ApiPropertyOptional({ description: 'Why the citizen left early' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  leftEarlyReason?: string;

  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @TextList()
  tasks?: string[];

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: '2 x 15 min' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  breaks?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

@InputType('PlacementLogbookInput')
export class LogbookDto {
  @Field(() => [LogbookEntryDto])
  @ApiProperty({ type: [LogbookEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LogbookEntryDto)
  entries: LogbookEntryDto[];
}

@InputType('EndPlacementInput')
export class EndPlacementDto {
  @Field(() => DateScalar)
  @ApiProperty({ example: '2027-02-28' })
  @Day()
  endDate: string;

  @Field(() => GraphQLEnums.PlacementEndReason)
  @ApiProperty({ enum: PlacementEndReason })
  @IsIn(PlacementEndReason)
  reason: PlacementEndReason;
}

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class OverdueQuery {
  @ApiPropertyOptional({ example: '2026-12-20', description: copenhagenDate('The day to judge by; today by default.') })
  @IsOptional()
  @Day()
  asOf?: string;

  @ApiPropertyOptional({
    example: '29403473',
    description: "One provider's placements (jobcenter, admin); a provider always sees its own",
  })
  @IsOptional()
  @IsCvr()
  providerId?: string;
}
