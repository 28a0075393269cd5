import { ApiProperty } from '@nestjs/swagger';

export class ScaleLevelResponse {
  @ApiProperty({ type: 'integer', example: 1, description: 'Ascending: a higher value is further along' })
  value: number;

  @ApiProperty({ example: 'NO_SHOW' })
  code: string;

  @ApiProperty({ example: 'Møder ikke op' })
  label: string;
}

export class ScaleDimensionResponse {
  @ApiProperty({ example: 'step' })
  code: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ type: [ScaleLevelResponse] })
  levels: ScaleLevelResponse[];
}

export class ScaleResponse {
  @ApiProperty({ example: 'LADDER_12' })
  code: string;

  @ApiProperty({ type: 'integer', example: 1 })
  version: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: [ScaleDimensionResponse] })
  dimensions: ScaleDimensionResponse[];

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;
}

export class ScaleListResponse {
  @ApiProperty({ type: [ScaleResponse] })
  items: ScaleResponse[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Always null: one page' })
  nextCursor: null;
}
