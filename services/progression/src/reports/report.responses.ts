import { ApiProperty } from '@nestjs/swagger';
import { ReportKind } from '@platform/domain-kernel';

export class ReportPeriodResponse {
  @ApiProperty({ type: 'string', format: 'date' })
  from: string;

  @ApiProperty({ type: 'string', format: 'date' })
  to: string;
}

export class ReportAuthorResponse {
  @ApiProperty()
  sub: string;

  @ApiProperty({ type: 'string', nullable: true })
  name: string | null;
}

/** A report to the caseworker as the report use cases show it. */
export class ReportResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  referralId: string;

  @ApiProperty({ enum: ReportKind })
  kind: ReportKind;

  @ApiProperty({ type: ReportPeriodResponse, nullable: true })
  period: ReportPeriodResponse | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'attentionPoints, resourceProfile (texts by element) and summary; only sections with text',
  })
  sections: Record<string, unknown>;

  @ApiProperty()
  citizenDisagrees: boolean;

  @ApiProperty({ type: 'string', nullable: true })
  citizenComment: string | null;

  @ApiProperty({ pattern: '^[0-9]{8}$' })
  providerId: string;

  @ApiProperty({ type: ReportAuthorResponse })
  submittedBy: ReportAuthorResponse;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;
}

export class ReportListResponse {
  @ApiProperty({ type: [ReportResponse] })
  items: ReportResponse[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Always null: one page' })
  nextCursor: null;
}
