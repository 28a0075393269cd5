import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PackageType, TargetGroup } from '@platform/domain-kernel';
import { IsCvr, IsMunicipalityCode } from '@platform/http';

export class CreateProviderDto {
  @ApiProperty({ description: 'CVR number', example: '99000104' })
  @IsCvr()
  id: string;

  @ApiProperty({ example: 'AOFJOB' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: ['101'], description: 'Municipality codes the provider serves' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(98)
  @IsMunicipalityCode({ each: true })
  municipalities: string[];
}

export class CreateOfferDto {
  @ApiProperty({ example: '99000104' })
  @IsCvr()
  providerId: string;

  @ApiProperty({ enum: PackageType })
  @IsIn(PackageType)
  packageType: PackageType;

  @ApiProperty({ example: 'Jobpakke' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Udbudsområde 1' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  tenderArea?: string;

  @ApiProperty({ enum: TargetGroup, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TargetGroup.length)
  @IsIn(TargetGroup, { each: true })
  targetGroups: TargetGroup[];

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(37)
  weeklyHours?: number;

  @ApiPropertyOptional({ type: 'integer', example: 13 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(104)
  maxWeeks?: number;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2,
    description: 'Working days to answer a referral (default: platform setting)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  answerWithinWorkingDays?: number;

  @ApiPropertyOptional({
    type: 'integer',
    example: 15,
    description: 'Working days from referral to start (default: platform setting)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  startWithinWorkingDays?: number;
}

export class ListOffersQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsCvr()
  providerId?: string;
}
