import { ApiProperty } from '@nestjs/swagger';
import { PlacementEndReason, PlacementType } from '@platform/domain-kernel';
import { copenhagenDate } from '@platform/http';
import { FollowUpParty } from './placement-rules';

const OBJECT = { type: 'object', additionalProperties: true } as const;

export class EmployerResponse {
  @ApiProperty({ type: 'string', nullable: true, pattern: '^[0-9]{8}$' })
  cvr: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  name: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  pNumber: string | null;
}

/** A placement as `placementView` shows it. */
export class PlacementResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  referralId: string;

  @ApiProperty({ pattern: '^[0-9]{8}$' })
  providerId: string;

  @ApiProperty({ pattern: '^[0-9]{3}$' })
  municipalityCode: string;

  @ApiProperty({ enum: PlacementType })
  type: PlacementType;

  @ApiProperty({ enum: PlacementType })
  initialType: PlacementType;

  @ApiProperty()
  internal: boolean;

  @ApiProperty({ type: EmployerResponse })
  employer: EmployerResponse;

  @ApiProperty({ type: 'string', format: 'date', description: copenhagenDate('The first day at the workplace.') })
  startDate: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date' })
  plannedEndDate: string | null;

  @ApiProperty({ enum: ['ACTIVE', 'ENDED'] })
  status: 'ACTIVE' | 'ENDED';

  @ApiProperty({ type: 'string', nullable: true, format: 'date' })
  endDate: string | null;

  @ApiProperty({ enum: PlacementEndReason, nullable: true })
  endReason: PlacementEndReason | null;

  @ApiProperty({ description: 'Current weekly hours' })
  hoursPerWeek: number;

  @ApiProperty()
  paidHoursPerWeek: number;

  @ApiProperty()
  internshipHoursPerWeek: number;

  @ApiProperty({ type: 'array', items: OBJECT })
  hoursHistory: Record<string, unknown>[];

  @ApiProperty({ ...OBJECT, description: 'The agreement (aftale) as recorded' })
  agreement: Record<string, unknown>;

  @ApiProperty({ type: 'array', items: OBJECT })
  followUps: Record<string, unknown>[];

  @ApiProperty({ type: 'array', items: OBJECT })
  followUpsDue: Record<string, unknown>[];

  @ApiProperty({ type: 'array', items: OBJECT })
  logbook: Record<string, unknown>[];

  @ApiProperty(OBJECT)
  concurrency: Record<string, unknown>;

  @ApiProperty({ type: [String], example: ['HOURS_EXCEED_COURSE'] })
  flags: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: 'integer' })
  version: number;
}

export class PlacementPageResponse {
  @ApiProperty({ type: [PlacementResponse] })
  items: PlacementResponse[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Always null: a course has one page of placements' })
  nextCursor: null;
}

export class OverdueFollowUpResponse {
  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ format: 'uuid' })
  referralId: string;

  @ApiProperty({ pattern: '^[0-9]{8}$' })
  providerId: string;

  @ApiProperty({ type: 'string', nullable: true })
  employerName: string | null;

  @ApiProperty({ enum: FollowUpParty, description: 'Whom the follow-up is with' })
  party: FollowUpParty;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  lastDate: string | null;

  @ApiProperty({ type: 'string', format: 'date' })
  dueDate: string;

  @ApiProperty({ type: 'integer' })
  daysOverdue: number;
}

export class OverdueFollowUpsResponse {
  @ApiProperty({ type: 'string', format: 'date', description: copenhagenDate('The day judged by.') })
  asOf: string;

  @ApiProperty({ type: [OverdueFollowUpResponse] })
  items: OverdueFollowUpResponse[];
}
