// The response shapes of the referrals REST API as the OpenAPI document states them (API.md); the views in
// referral.view.ts produce them.
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  EndReason,
  ExitStatus,
  OutcomeHorizon,
  PackageType,
  Purpose,
  ReferralStatus,
  TargetGroup,
} from '@platform/domain-kernel';
import { copenhagenDate } from '@platform/http';

const DATE = { type: 'string', format: 'date' } as const;
const NULLABLE_DATE = { type: 'string', nullable: true, format: 'date' } as const;

export class CitizenResponse {
  @ApiProperty({ description: 'Pseudonym of the citizen, stable per citizen' })
  pseudonym: string;

  @ApiProperty()
  interpreterNeeded: boolean;

  @ApiPropertyOptional({ description: 'Only where personal data may be shown', example: '0101901234' })
  cpr?: string;

  @ApiPropertyOptional()
  name?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  phone?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  email?: string | null;
}

export class HistoryEntryResponse {
  @ApiProperty({ example: 'ACCEPTED' })
  action: string;

  @ApiProperty({ enum: ReferralStatus })
  status: ReferralStatus;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'The `sub` of whoever acted' })
  by: string;

  @ApiProperty()
  byRole: string;

  @ApiPropertyOptional()
  byName?: string;

  @ApiPropertyOptional()
  reason?: string;

  @ApiPropertyOptional()
  comment?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  data?: Record<string, unknown>;
}

export class OutcomeHorizonResponse {
  @ApiProperty({ enum: OutcomeHorizon })
  horizon: OutcomeHorizon;

  @ApiProperty({ ...DATE })
  dueDate: string;

  @ApiProperty({ enum: ExitStatus, nullable: true })
  status: ExitStatus | null;

  @ApiProperty({ ...NULLABLE_DATE })
  observedAt: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  recordedAt: string | null;
}

export class ServiceLevelsResponse {
  @ApiProperty({ ...DATE, description: copenhagenDate('The day the provider must answer by.') })
  answerDue: string;

  @ApiProperty({ ...DATE, description: copenhagenDate('The day the course must start by.') })
  startDue: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  answeredAt: string | null;

  @ApiProperty({ type: 'boolean', nullable: true })
  answeredOnTime: boolean | null;

  @ApiProperty({ type: 'boolean', nullable: true })
  startedOnTime: boolean | null;
}

export class CaseworkerResponse {
  @ApiProperty()
  name: string;

  @ApiPropertyOptional()
  email?: string;

  @ApiPropertyOptional()
  phone?: string;
}

export class ReferralResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'KK-2026-000123' })
  externalRef: string;

  @ApiProperty({ example: '101', pattern: '^[0-9]{3}$' })
  municipalityCode: string;

  @ApiProperty({ example: '12345678', pattern: '^[0-9]{8}$' })
  providerId: string;

  @ApiProperty({ format: 'uuid' })
  offerId: string;

  @ApiProperty({ enum: PackageType })
  packageType: PackageType;

  @ApiProperty({ enum: ReferralStatus, example: 'RECEIVED' })
  status: ReferralStatus;

  @ApiProperty({ type: CitizenResponse })
  citizen: CitizenResponse;

  @ApiProperty({ type: CaseworkerResponse })
  caseworker: CaseworkerResponse;

  @ApiProperty({ enum: TargetGroup })
  targetGroup: TargetGroup;

  @ApiProperty({ enum: Purpose, isArray: true })
  purposes: Purpose[];

  @ApiProperty({ type: [String] })
  focusPoints: string[];

  @ApiPropertyOptional({ type: [String], description: 'Only where personal data may be shown' })
  accommodations?: string[];

  @ApiProperty({ example: 12 })
  hoursPerWeek: number;

  @ApiProperty({ ...DATE, description: copenhagenDate('The planned first day.') })
  plannedStart: string;

  @ApiProperty({ type: 'integer', example: 26 })
  plannedWeeks: number;

  @ApiProperty({ ...DATE })
  plannedEnd: string;

  @ApiProperty({ ...NULLABLE_DATE })
  expectedStart: string | null;

  @ApiProperty({ ...NULLABLE_DATE, description: copenhagenDate('The first attendance day.') })
  startDate: string | null;

  @ApiProperty({ ...NULLABLE_DATE })
  pausedFrom: string | null;

  @ApiProperty({ ...NULLABLE_DATE })
  endDate: string | null;

  @ApiProperty({ enum: EndReason, nullable: true })
  endReason: EndReason | null;

  @ApiProperty({ enum: ExitStatus, nullable: true })
  exitStatus: ExitStatus | null;

  @ApiProperty({ type: ServiceLevelsResponse })
  serviceLevels: ServiceLevelsResponse;

  @ApiPropertyOptional({ type: [HistoryEntryResponse], description: 'On reads of one referral' })
  history?: HistoryEntryResponse[];

  @ApiPropertyOptional({ type: [OutcomeHorizonResponse], description: 'Every horizon once the course has ended' })
  outcomes?: OutcomeHorizonResponse[];

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: 'integer', description: 'Increases with every change' })
  version: number;
}

/** One referral read by id: with its whole history and every outcome horizon (lists leave them out). */
export class ReferralDetailResponse extends OmitType(ReferralResponse, ['history', 'outcomes'] as const) {
  @ApiProperty({ type: [HistoryEntryResponse], description: 'Every status change, oldest first' })
  history: HistoryEntryResponse[];

  @ApiProperty({ type: [OutcomeHorizonResponse], description: 'Every horizon once the course has ended; else empty' })
  outcomes: OutcomeHorizonResponse[];
}

export class ReferralPageResponse {
  @ApiProperty({ type: [ReferralResponse] })
  items: ReferralResponse[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}

export class OutcomeResponse {
  @ApiProperty({ format: 'uuid' })
  referralId: string;

  @ApiProperty({ enum: OutcomeHorizon })
  horizon: OutcomeHorizon;

  @ApiProperty({ enum: ExitStatus })
  status: ExitStatus;

  @ApiProperty({ ...DATE })
  observedAt: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}
