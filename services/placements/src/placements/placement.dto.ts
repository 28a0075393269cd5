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

@InputType('EmployerInput', { description: 'The company where the citizen is placed' })
export class EmployerDto {
  @Field({ description: "The employer's CVR number (8 digits, modulus 11)" })
  @ApiProperty({ example: '29403473', description: 'Employer CVR (8 digits, modulus 11)' })
  @IsCvr()
  cvr: string;

  @Field({ description: "The employer's name" })
  @ApiProperty({ example: 'Bageriet ApS' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ description: "The workplace's P-number (10 digits), if known", nullable: true })
  @ApiPropertyOptional({ example: '1012345678', description: 'P-number of the workplace (10 digits)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{10}$/, { message: 'pNumber must be 10 digits' })
  pNumber?: string;
}

@InputType('FollowUpRhythmInput', { description: 'The agreed follow-up rhythm' })
export class FollowUpRhythmDto {
  @Field(() => Int, { description: 'Days between follow-ups with the citizen' })
  @ApiProperty({ type: 'integer', example: 7, description: 'Days between follow-ups with the citizen' })
  @IsInt()
  @Min(1)
  @Max(365)
  citizenEveryDays: number;

  @Field(() => Int, { description: 'Days between follow-ups with the employer' })
  @ApiProperty({ type: 'integer', example: 14, description: 'Days between follow-ups with the employer' })
  @IsInt()
  @Min(1)
  @Max(365)
  employerEveryDays: number;
}

@InputType('AgreementInput', { description: 'Den individuelle aftale — the individual agreement for the placement' })
export class AgreementDto {
  @Field(() => [String], { description: 'Arbejdsfunktioner — the work functions the citizen will do' })
  @ApiProperty({ type: [String], example: ['Opfyldning af varer'] })
  @TextList()
  workFunctions: string[];

  @Field(() => [String], { description: 'Oplærings- og kompetencemål — training and competence goals' })
  @ApiProperty({ type: [String], example: ['Møde stabilt kl. 10'] })
  @TextList()
  trainingGoals: string[];

  @Field(() => [String], { description: 'Skånehensyn — accommodations, e.g. "ingen tunge løft"' })
  @ApiProperty({ type: [String], example: ['Ingen tunge løft'], description: 'Skånehensyn' })
  @TextList()
  accommodations: string[];

  @Field(() => [String], { description: 'Hjælpemidler og kompensationsordninger — aids and compensation schemes' })
  @ApiProperty({ type: [String], example: ['Hæve-sænkebord'], description: 'Hjælpemidler and compensation schemes' })
  @TextList()
  aids: string[];

  @Field(() => [String], {
    description: 'Støtte på arbejdspladsen — support at the workplace (mentor, contact person, sidemandsoplæring)',
  })
  @ApiProperty({ type: [String], example: ['Kontaktperson: butikschefen'], description: 'Support at the workplace' })
  @TextList()
  support: string[];

  @Field(() => Int, { description: 'Working days a week, when agreed', nullable: true })
  @ApiPropertyOptional({ type: 'integer', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  daysPerWeek?: number;

  @Field(() => FollowUpRhythmDto, { description: 'The agreed follow-up rhythm' })
  @ApiProperty({ type: FollowUpRhythmDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FollowUpRhythmDto)
  followUp: FollowUpRhythmDto;

  @Field(() => DateScalar, { description: 'When the next talk about paid hours is due', nullable: true })
  @ApiPropertyOptional({ example: '2026-12-15', description: 'When the next talk about paid hours is due' })
  @IsOptional()
  @Day()
  nextPaidHoursReview?: string;
}

@InputType('CreatePlacementInput', {
  description: 'A new placement at a company (virksomhedsplacering) for a started course',
})
export class CreatePlacementDto {
  @Field(() => GraphQLEnums.PlacementType, { description: 'The kind of placement' })
  @ApiProperty({ enum: PlacementType })
  @IsIn(PlacementType)
  type: PlacementType;

  @Field({ description: "True when at the provider's own workplace" })
  @ApiProperty({ description: "True when at the provider's own workplace" })
  @IsBoolean()
  internal: boolean;

  @Field(() => EmployerDto, { description: 'The company' })
  @ApiProperty({ type: EmployerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EmployerDto)
  employer: EmployerDto;

  @Field(() => DateScalar, { description: 'The first day' })
  @ApiProperty({ example: '2026-12-01', description: copenhagenDate('The first day at the workplace.') })
  @Day()
  startDate: string;

  @Field(() => DateScalar, { description: 'The planned last day, if agreed', nullable: true })
  @ApiPropertyOptional({ example: '2027-02-28' })
  @IsOptional()
  @Day()
  plannedEndDate?: string;

  @Field(() => Float, { description: 'Total weekly hours' })
  @ApiProperty({ example: 6 })
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0.5)
  @Max(37)
  hoursPerWeek: number;

  @Field(() => Float, { description: 'Paid (ordinary wage) hours a week; default 0 (all internship)', nullable: true })
  @ApiPropertyOptional({ example: 0, description: 'Paid hours a week; 0 when absent' })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(37)
  paidHoursPerWeek?: number;

  @Field(() => AgreementDto, { description: 'The individual agreement' })
  @ApiProperty({ type: AgreementDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementDto)
  agreement: AgreementDto;
}

@InputType('ChangePlacementHoursInput', { description: 'A change of weekly hours (timeoptrapning or reduction)' })
export class ChangeHoursDto {
  @Field(() => DateScalar, { description: 'The date the new hours apply from' })
  @ApiProperty({ example: '2026-12-15' })
  @Day()
  effectiveFrom: string;

  @Field(() => Float, { description: 'New total weekly hours' })
  @ApiProperty({ example: 10 })
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0.5)
  @Max(37)
  hoursPerWeek: number;

  @Field(() => Float, { description: 'New paid hours a week; unchanged if omitted', nullable: true })
  @ApiPropertyOptional({ example: 0, description: 'Paid hours after the change; unchanged when absent' })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(37)
  paidHoursPerWeek?: number;

  @Field({ description: 'Why the hours change' })
  @ApiProperty({ example: 'Timeoptrapning efter aftale' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@InputType('ConvertPlacementHoursInput', {
  description: 'A conversion of internship hours into paid hours (the småjob strategy)',
})
export class ConvertHoursDto {
  @Field(() => DateScalar, { description: 'The date the paid hours apply from' })
  @ApiProperty({ example: '2027-01-04' })
  @Day()
  effectiveFrom: string;

  @Field(() => Float, { description: 'New paid hours a week' })
  @ApiProperty({ example: 3, description: 'Paid hours per week after the conversion' })
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0.5)
  @Max(37)
  paidHoursPerWeek: number;

  @Field(() => Float, { description: 'New total weekly hours; unchanged if omitted', nullable: true })
  @ApiPropertyOptional({ example: 6, description: 'Total hours after the conversion; unchanged when absent' })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0.5)
  @Max(37)
  hoursPerWeek?: number;

  @Field({ description: 'Why, e.g. the employer hires for a few hours' })
  @ApiProperty({ example: 'Arbejdsgiver ansætter 3 timer om ugen' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@InputType('FollowUpObservationsInput', { description: 'Observations on the five areas of a follow-up' })
export class ObservationsDto {
  @Field({ description: 'Fremmøde — observations on attendance', nullable: true })
  @ApiPropertyOptional({ description: 'Fremmøde' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  attendance?: string;

  @Field({ description: 'Opgaver og arbejdsevne — tasks and work capacity', nullable: true })
  @ApiPropertyOptional({ description: 'Arbejdsopgaver og arbejdsevne' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  tasksAndWorkCapacity?: string;

  @Field({ description: 'Motivation', nullable: true })
  @ApiPropertyOptional({ description: 'Motivation' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  motivation?: string;

  @Field({ description: 'Skånehensyn og livskvalitet — accommodations and quality of life', nullable: true })
  @ApiPropertyOptional({ description: 'Skånehensyn og livskvalitet' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  accommodationsAndQualityOfLife?: string;

  @Field({
    description: "Borgerens og virksomhedens vurdering — the citizen's and the employer's views",
    nullable: true,
  })
  @ApiPropertyOptional({ description: 'Borgerens og virksomhedens vurdering' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  citizenAndEmployerViews?: string;
}

@InputType('RecordFollowUpInput', { description: 'A follow-up (opfølgning) on a placement' })
export class RecordFollowUpDto {
  @Field(() => DateScalar, { description: 'The date of the follow-up' })
  @ApiProperty({ example: '2026-12-08' })
  @Day()
  date: string;

  @Field(() => GraphQLEnums.FollowUpMode, { description: 'How it took place' })
  @ApiProperty({ enum: FollowUpMode })
  @IsIn(FollowUpMode)
  mode: FollowUpMode;

  @Field(() => [FollowUpParticipantEnum], { description: 'Who took part' })
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

  @Field(() => Float, { description: 'Fremmøde — attendance in per cent of the agreed hours', nullable: true })
  @ApiPropertyOptional({ example: 90, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(100)
  attendancePct?: number;

  @Field(() => Float, {
    description: 'Effektivitet — effectiveness in per cent of an ordinary employee',
    nullable: true,
  })
  @ApiPropertyOptional({ example: 60, minimum: 0, maximum: 100, description: 'Compared with an ordinary employee' })
  @IsOptional()
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(100)
  effectivenessPct?: number;

  @Field(() => ObservationsDto, { description: 'Observations on the five areas' })
  @ApiProperty({ type: ObservationsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ObservationsDto)
  observations: ObservationsDto;

  @Field(() => DateScalar, { description: 'The date agreed for the next follow-up', nullable: true })
  @ApiPropertyOptional({ example: '2026-12-22' })
  @IsOptional()
  @Day()
  nextFollowUp?: string;
}

@InputType('LogbookEntryInput', { description: "A day in the citizen's logbook" })
export class LogbookEntryDto {
  @Field(() => DateScalar, { description: 'The day' })
  @ApiProperty({ example: '2026-12-02' })
  @Day()
  date: string;

  @Field(() => Float, { description: 'Hours worked that day' })
  @ApiProperty({ example: 3 })
  @IsNumber(NUMBER)
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(24)
  hoursWorked: number;

  @Field({ description: 'The citizen was sick that day' })
  @ApiProperty()
  @IsBoolean()
  sick: boolean;

  @Field({ description: 'The citizen left early' })
  @ApiProperty()
  @IsBoolean()
  leftEarly: boolean;

  @Field({ description: 'Why the citizen left early', nullable: true })
  @ApiPropertyOptional({ description: 'Why the citizen left early' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  leftEarlyReason?: string;

  @Field(() => [String], { description: 'Tasks done that day', nullable: true })
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @TextList()
  tasks?: string[];

  @Field({ description: 'Breaks taken', nullable: true })
  @ApiPropertyOptional({ example: '2 x 15 min' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  breaks?: string;

  @Field({ description: 'A note from the citizen', nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

@InputType('PlacementLogbookInput', { description: "Days to add to the citizen's logbook" })
export class LogbookDto {
  @Field(() => [LogbookEntryDto], { description: 'The days, each at most once' })
  @ApiProperty({ type: [LogbookEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LogbookEntryDto)
  entries: LogbookEntryDto[];
}

@InputType('EndPlacementInput', { description: 'The end of a placement' })
export class EndPlacementDto {
  @Field(() => DateScalar, { description: 'The last day of the placement' })
  @ApiProperty({ example: '2027-02-28' })
  @Day()
  endDate: string;

  @Field(() => GraphQLEnums.PlacementEndReason, { description: 'Why it ended' })
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
