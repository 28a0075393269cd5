import { ApiProperty } from '@nestjs/swagger';
import { Assessor } from '@platform/domain-kernel';
import { copenhagenDate } from '@platform/http';

/** A measurement as `measurementView` shows it. */
export class MeasurementResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  referralId: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'Per course, scale and assessor, from 1' })
  sequence: number;

  @ApiProperty({ example: 'LADDER_12' })
  scale: string;

  @ApiProperty({ type: 'integer', example: 1 })
  scaleVersion: number;

  @ApiProperty({ type: 'string', format: 'date', description: copenhagenDate('The day measured.') })
  measuredAt: string;

  @ApiProperty({ enum: Assessor })
  assessor: Assessor;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { step: 7 },
    description: 'The level of each dimension of the scale',
  })
  values: Record<string, number>;

  @ApiProperty({ type: 'string', nullable: true })
  note: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'uuid' })
  supersedes: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'uuid' })
  supersededBy: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class MeasurementSideResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'string', format: 'date' })
  measuredAt: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  values: Record<string, number>;

  @ApiProperty({ type: 'integer' })
  scaleVersion: number;
}

export class DisagreementResponse {
  @ApiProperty()
  dimension: string;

  @ApiProperty({ type: 'integer' })
  professional: number;

  @ApiProperty({ type: 'integer' })
  citizen: number;
}

/** The professional's measurement and the citizen's self-assessment with the same number. */
export class SideBySideResponse {
  @ApiProperty()
  scale: string;

  @ApiProperty({ type: 'integer' })
  sequence: number;

  @ApiProperty({ type: MeasurementSideResponse, nullable: true })
  professional: MeasurementSideResponse | null;

  @ApiProperty({ type: MeasurementSideResponse, nullable: true })
  citizen: MeasurementSideResponse | null;

  @ApiProperty({ type: [DisagreementResponse] })
  disagreements: DisagreementResponse[];
}

export class MeasurementListResponse {
  @ApiProperty({ type: [MeasurementResponse] })
  items: MeasurementResponse[];

  @ApiProperty({ type: [SideBySideResponse] })
  sideBySide: SideBySideResponse[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Always null: one page' })
  nextCursor: null;
}
