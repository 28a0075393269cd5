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
import { ValidatedPerItem } from '@platform/http';
import {
  IsCpr,
  IsCvr,
  IsDateOrInstant,
  IsLocalDate,
  IsLocalDateBetween,
  IsMunicipalityCode,
} from '../common/validators';

export class CitizenDto {
  @ApiProperty({ example: '0101901234', description: 'CPR number, 10 digits (a dash after the date is accepted)' })
  @IsCpr()
  cpr: string;

  @ApiProperty({ example: 'Anna Hansen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '+4512345678' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be 8 to 20 digits, optionally with + and spaces' })
  phone?: string;

  @ApiPropertyOptional({ example: 'anna@example.dk' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean;
}

export class CaseworkerDto {
  @ApiProperty({ example: 'Jens Jensen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'jens.jensen@kk.dk' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be 8 to 20 digits, optionally with + and spaces' })
  phone?: string;
}

export class CreateReferralDto {
  @ApiProperty({ example: 'KK-2026-000123', description: "The jobcenter's own reference, unique per municipality" })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalRef: string;

  @ApiProperty({ example: '101' })
  @IsMunicipalityCode()
  municipalityCode: string;

  @ApiProperty({ type: CitizenDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CitizenDto)
  citizen: CitizenDto;

  @ApiProperty({ type: CaseworkerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CaseworkerDto)
  caseworker: CaseworkerDto;

  @ApiProperty({ example: '99000104' })
  @IsCvr()
  providerId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  offerId: string;

  @ApiProperty({ enum: TargetGroup })
  @IsIn(TargetGroup)
  targetGroup: TargetGroup;

  @ApiProperty({ enum: Purpose, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Purpose.length)
  @IsIn(Purpose, { each: true })
  purposes: Purpose[];

  @ApiPropertyOptional({ type: [String], description: "The caseworker's focus points (fokuspunkter)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  focusPoints?: string[];

  @ApiProperty({ example: 12 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(37)
  hoursPerWeek: number;

  @ApiProperty({ example: '2026-12-01', description: 'From 2000-01-01 to 2099-12-31' })
  @IsLocalDate()
  @IsLocalDateBetween('2000-01-01', '2099-12-31')
  plannedStart: string;

  @ApiProperty({ example: 26 })
  @IsInt()
  @Min(1)
  @Max(104)
  plannedWeeks: number;

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

  @ApiPropertyOptional({ default: 50, maximum: 500 })
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

export class AcceptDto {
  @ApiPropertyOptional({ example: '2026-12-03' })
  @IsOptional()
  @IsLocalDate()
  expectedStart?: string;
}

export class RejectDto {
  @ApiProperty({ enum: RejectReason })
  @IsIn(RejectReason)
  reason: RejectReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class StartDto {
  @ApiProperty({ example: '2026-12-03', description: 'First attendance' })
  @IsLocalDate()
  startDate: string;
}

export class PauseDto {
  @ApiProperty({ example: '2027-01-10' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: 'Operation og genoptræning' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class ResumeDto {
  @ApiProperty({ example: '2027-02-01' })
  @IsLocalDate()
  date: string;
}

export class CompleteDto {
  @ApiProperty({ example: '2027-06-01' })
  @IsLocalDate()
  endDate: string;

  @ApiProperty({ enum: EndReason })
  @IsIn(EndReason)
  endReason: EndReason;

  @ApiProperty({ enum: ExitStatus })
  @IsIn(ExitStatus)
  exitStatus: ExitStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CancelDto {
  @ApiProperty({ enum: CancelReason })
  @IsIn(CancelReason)
  reason: CancelReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class RecordOutcomeDto {
  @ApiProperty({ enum: OutcomeHorizon })
  @IsIn(OutcomeHorizon)
  horizon: OutcomeHorizon;

  @ApiProperty({ enum: ExitStatus })
  @IsIn(ExitStatus)
  status: ExitStatus;

  @ApiProperty({ example: '2027-09-01' })
  @IsLocalDate()
  observedAt: string;
}

export class IdParam {
  @IsUUID()
  id: string;
}
