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

@InputType('CitizenInput', {
  description: 'Borger — the citizen referred (personal data: stored sealed, never served over GraphQL)',
})
export class CitizenDto {
  @Field({ description: 'CPR number, 10 digits (DDMMYYSSSS), a real date' })
  @ApiProperty({ example: '0101901234', description: 'CPR number, 10 digits (a dash after the date is accepted)' })
  @IsCpr()
  cpr: string;

  @Field({ description: "The citizen's name" })
  @ApiProperty({ example: 'Anna Hansen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ description: "The citizen's phone number", nullable: true })
  @ApiPropertyOptional({ example: '+4512345678' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be 8 to 20 digits, optionally with + and spaces' })
  phone?: string;

  @Field({ description: "The citizen's e-mail address", nullable: true })
  @ApiPropertyOptional({ example: 'anna@example.dk' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @Field({ description: 'Tolk — an interpreter is needed', nullable: true })
  @ApiPropertyOptional({ description: 'Tolk — an interpreter is needed (false when absent)' })
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean;
}

@InputType('CaseworkerInput', { description: 'Sagsbehandler / jobrådgiver — the caseworker who orders the course' })
export class CaseworkerDto {
  @Field({ description: "The caseworker's name" })
  @ApiProperty({ example: 'Jens Jensen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ description: "The caseworker's e-mail address", nullable: true })
  @ApiPropertyOptional({ example: 'jens.jensen@kk.dk' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @Field({ description: "The caseworker's phone number", nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be 8 to 20 digits, optionally with + and spaces' })
  phone?: string;
}

@InputType('CreateReferralInput', {
  description: "Henvisning — the jobcenter's order for one citizen at one provider's offer",
})
export class CreateReferralDto {
  @Field({ description: "The jobcenter's own case reference, unique per municipality" })
  @ApiProperty({ example: 'KK-2026-000123', description: "The jobcenter's own reference, unique per municipality" })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalRef: string;

  @Field({ description: "The referring municipality's 3-digit code; must be the caller's" })
  @ApiProperty({ example: '101' })
  @IsMunicipalityCode()
  municipalityCode: string;

  @Field(() => CitizenDto, { description: 'The citizen' })
  @ApiProperty({ type: CitizenDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CitizenDto)
  citizen: CitizenDto;

  @Field(() => CaseworkerDto, { description: 'The caseworker' })
  @ApiProperty({ type: CaseworkerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CaseworkerDto)
  caseworker: CaseworkerDto;

  @Field({ description: "The provider's CVR number" })
  @ApiProperty({ example: '99000104' })
  @IsCvr()
  providerId: string;

  @Field(() => ID, { description: "The provider's offer (tilbud); must belong to the provider" })
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  offerId: string;

  @Field(() => GraphQLEnums.TargetGroup, { description: "Målgruppe — the citizen's benefit group" })
  @ApiProperty({ enum: TargetGroup })
  @IsIn(TargetGroup)
  targetGroup: TargetGroup;

  @Field(() => [GraphQLEnums.Purpose], { description: 'Formål — what the course is for' })
  @ApiProperty({ enum: Purpose, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Purpose.length)
  @IsIn(Purpose, { each: true })
  purposes: Purpose[];

  @Field(() => [String], { description: "Fokuspunkter — the caseworker's focus points (free text)", nullable: true })
  @ApiPropertyOptional({ type: [String], description: "The caseworker's focus points (fokuspunkter)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  focusPoints?: string[];

  @Field(() => Float, { description: 'Weekly hours of the course' })
  @ApiProperty({ example: 12 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(37)
  hoursPerWeek: number;

  @Field(() => DateScalar, { description: 'The planned first day' })
  @ApiProperty({
    example: '2026-12-01',
    description: copenhagenDate('The planned first day, from 2000-01-01 to 2099-12-31.'),
  })
  @IsLocalDate()
  @IsLocalDateBetween('2000-01-01', '2099-12-31')
  plannedStart: string;

  @Field(() => Int, { description: 'Planned length in weeks' })
  @ApiProperty({ type: 'integer', example: 26 })
  @IsInt()
  @Min(1)
  @Max(104)
  plannedWeeks: number;

  @Field(() => [String], { description: 'Skånehensyn — known accommodation needs (personal data)', nullable: true })
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

@InputType('AcceptReferralInput', { description: "The provider's acceptance" })
export class AcceptDto {
  @Field(() => DateScalar, { description: 'When the provider expects the course to start', nullable: true })
  @ApiPropertyOptional({ example: '2026-12-03' })
  @IsOptional()
  @IsLocalDate()
  expectedStart?: string;
}

@InputType('RejectReferralInput', { description: "The provider's rejection" })
export class RejectDto {
  @Field(() => GraphQLEnums.RejectReason, { description: 'Why the provider rejects' })
  @ApiProperty({ enum: RejectReason })
  @IsIn(RejectReason)
  reason: RejectReason;

  @Field({ description: 'A comment', nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@InputType('StartCourseInput', { description: 'The start of the course (first attendance)' })
export class StartDto {
  @Field(() => DateScalar, { description: 'The real first day of the course' })
  @ApiProperty({
    example: '2026-12-03',
    description: copenhagenDate('The first attendance day: not after today and not before the referral.'),
  })
  @IsLocalDate()
  startDate: string;
}

@InputType('PauseCourseInput', { description: 'A pause of the course, e.g. for sickness or treatment' })
export class PauseDto {
  @Field(() => DateScalar, { description: 'The first day of the pause' })
  @ApiProperty({ example: '2027-01-10' })
  @IsLocalDate()
  from: string;

  @Field({ description: 'Why the course pauses' })
  @ApiProperty({ example: 'Operation og genoptræning' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@InputType('ResumeCourseInput', { description: 'The resumption of a paused course' })
export class ResumeDto {
  @Field(() => DateScalar, { description: 'The day the course resumes' })
  @ApiProperty({ example: '2027-02-01' })
  @IsLocalDate()
  date: string;
}

@InputType('CompleteCourseInput', { description: 'The end of the course (afslutning)' })
export class CompleteDto {
  @Field(() => DateScalar, { description: 'The last day of the course' })
  @ApiProperty({ example: '2027-06-01' })
  @IsLocalDate()
  endDate: string;

  @Field(() => GraphQLEnums.EndReason, { description: 'Afslutningsårsag — why it ended' })
  @ApiProperty({ enum: EndReason })
  @IsIn(EndReason)
  endReason: EndReason;

  @Field(() => GraphQLEnums.ExitStatus, { description: "Afgangsstatus — the citizen's status at the end" })
  @ApiProperty({ enum: ExitStatus })
  @IsIn(ExitStatus)
  exitStatus: ExitStatus;

  @Field({ description: 'A comment', nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@InputType('CancelReferralInput', { description: "The jobcenter's cancellation before completion" })
export class CancelDto {
  @Field(() => GraphQLEnums.CancelReason, { description: 'Why the jobcenter cancels' })
  @ApiProperty({ enum: CancelReason })
  @IsIn(CancelReason)
  reason: CancelReason;

  @Field({ description: 'A comment', nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@InputType('RecordOutcomeInput', {
  description: "The citizen's status observed at a follow-up horizon after the course",
})
export class RecordOutcomeDto {
  @Field(() => GraphQLEnums.OutcomeHorizon, { description: 'The follow-up horizon' })
  @ApiProperty({ enum: OutcomeHorizon })
  @IsIn(OutcomeHorizon)
  horizon: OutcomeHorizon;

  @Field(() => GraphQLEnums.ExitStatus, { description: "Afgangsstatus — the citizen's status then" })
  @ApiProperty({ enum: ExitStatus })
  @IsIn(ExitStatus)
  status: ExitStatus;

  @Field(() => DateScalar, { description: 'The day the status was observed' })
  @ApiProperty({ example: '2027-09-01' })
  @IsLocalDate()
  observedAt: string;
}

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
