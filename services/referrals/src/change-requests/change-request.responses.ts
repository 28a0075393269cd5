import { ApiProperty } from '@nestjs/swagger';
import { ChangeRequestKind, ChangeRequestStatus } from '@platform/domain-kernel';

/** A change request as `changeRequestView` shows it. */
export class ChangeRequestResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  referralId: string;

  @ApiProperty({ enum: ChangeRequestKind })
  kind: ChangeRequestKind;

  @ApiProperty({ enum: ChangeRequestStatus })
  status: ChangeRequestStatus;

  @ApiProperty({ type: 'string', nullable: true, format: 'date' })
  newEndDate: string | null;

  @ApiProperty({ type: 'number', nullable: true })
  hoursPerWeek: number | null;

  @ApiProperty({ type: 'string', nullable: true })
  reason: string | null;

  @ApiProperty()
  proposedBy: string;

  @ApiProperty({ format: 'date-time' })
  proposedAt: string;

  @ApiProperty({ type: 'string', nullable: true })
  decidedBy: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  decidedAt: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  decisionComment: string | null;
}

export class ChangeRequestListResponse {
  @ApiProperty({ type: [ChangeRequestResponse] })
  items: ChangeRequestResponse[];
}
