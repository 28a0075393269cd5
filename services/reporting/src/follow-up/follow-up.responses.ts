import { ApiProperty } from '@nestjs/swagger';
import { OutcomeHorizon } from '@platform/domain-kernel';

export class OutcomeDueResponse {
  @ApiProperty({ format: 'uuid' })
  referralId: string;

  @ApiProperty({ type: 'string', nullable: true, pattern: '^[0-9]{3}$' })
  municipalityCode: string | null;

  @ApiProperty({ type: 'string', nullable: true, pattern: '^[0-9]{8}$' })
  providerId: string | null;

  @ApiProperty({ enum: OutcomeHorizon })
  horizon: string;

  @ApiProperty({ type: 'string', format: 'date' })
  dueDate: string;

  @ApiProperty({ description: 'Due before the day judged by' })
  overdue: boolean;
}

export class OutcomesDuePageResponse {
  @ApiProperty({ type: [OutcomeDueResponse] })
  items: OutcomeDueResponse[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}
