import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DIMENSION_CODE, LEVEL_CODE, MAX_DIMENSIONS, MAX_LEVELS, SCALE_CODE } from './scale-definition';

export class ScaleLevelDto {
  @ApiProperty({ type: 'integer', example: 1 })
  @IsInt()
  @Min(0)
  @Max(1000)
  value: number;

  @ApiProperty({ example: 'NO_SHOW' })
  @IsString()
  @Matches(LEVEL_CODE, { message: 'code must be UPPER_SNAKE (A-Z, 0-9, _), at most 60 characters' })
  code: string;

  @ApiProperty({ example: 'Møder ikke op' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label: string;
}

export class ScaleDimensionDto {
  @ApiProperty({ example: 'step' })
  @IsString()
  @Matches(DIMENSION_CODE, { message: 'code must be camelCase letters and digits, at most 50 characters' })
  code: string;

  @ApiProperty({ example: 'Trin' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label: string;

  @ApiProperty({ type: [ScaleLevelDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_LEVELS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ScaleLevelDto)
  levels: ScaleLevelDto[];
}

/** A new version of a scale (or version 1 of a new one). */
export class PublishScaleDto {
  @ApiProperty({ example: 'LADDER_12' })
  @IsString()
  @Matches(SCALE_CODE, { message: 'code must be UPPER_SNAKE (A-Z, 0-9, _), 2 to 50 characters' })
  code: string;

  @ApiProperty({ example: 'Progressionstrappe (12 trin)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [ScaleDimensionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DIMENSIONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ScaleDimensionDto)
  dimensions: ScaleDimensionDto[];
}

export class ScaleCodeParam {
  @ApiProperty({ example: 'LADDER_12' })
  @IsString()
  @Matches(SCALE_CODE, { message: 'code must be a scale code (UPPER_SNAKE)' })
  code: string;
}
