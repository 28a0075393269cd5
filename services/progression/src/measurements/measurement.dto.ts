import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Assessor } from '@platform/domain-kernel';
import { copenhagenDate, IsLocalDate, IsLocalDateBetween, ValidatedPerItem } from '@platform/http';
import { IsLevelMap } from '../common/validators';
import { MAX_DIMENSIONS, SCALE_CODE } from '../scales/scale-definition';

export const MAX_BATCH = 1000;

export class RecordMeasurementDto {
  @ApiProperty({ example: 'LADDER_12' })
  @IsString()
  @Matches(SCALE_CODE, { message: 'scale must be a scale code such as LADDER_12' })
  scale: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 1,
    description: 'Defaults to the latest published version of the scale',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  scaleVersion?: number;

  @ApiProperty({
    example: '2026-12-15',
    description: copenhagenDate('The day measured: not after today and not before the course started.'),
  })
  @IsLocalDate()
  @IsLocalDateBetween('2000-01-01', '2099-12-31')
  measuredAt: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    maxProperties: MAX_DIMENSIONS,
    example: { step: 7 },
    description: 'Dimension code → level value of the scale',
  })
  @IsLevelMap()
  values: Record<string, number>;

  @ApiProperty({ enum: Assessor, description: "PROFESSIONAL, or CITIZEN for the citizen's self-assessment" })
  @IsIn(Assessor)
  assessor: Assessor;

  @ApiPropertyOptional({ example: 'Har mødt stabilt i fire uger' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Id of the measurement this one corrects' })
  @IsOptional()
  @IsUUID()
  supersedes?: string;
}

export class BatchMeasurementItemDto extends RecordMeasurementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  referralId: string;
}

export class BatchMeasurementsDto {
  @ApiProperty({
    type: 'array',
    items: { $ref: '#/components/schemas/BatchMeasurementItemDto' },
    maxItems: MAX_BATCH,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  // Items are validated one by one in the use case so that each stands alone.
  @IsObject({ each: true })
  @ValidatedPerItem()
  items: unknown[];
}

export class ReferralIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class MeasurementIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class ListMeasurementsQuery {
  @ApiPropertyOptional({ example: 'LADDER_12' })
  @IsOptional()
  @IsString()
  @Matches(SCALE_CODE, { message: 'scale must be a scale code such as LADDER_12' })
  scale?: string;

  @ApiPropertyOptional({ default: false, description: 'Include measurements that a correction superseded' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeSuperseded?: boolean;
}
