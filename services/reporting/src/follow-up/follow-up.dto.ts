import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCvr, IsLocalDate, IsMunicipalityCode } from '@platform/http';

export class OutcomesDueQueryDto {
  @ApiPropertyOptional({ example: '101' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiPropertyOptional({ description: 'Provider CVR' })
  @IsOptional()
  @IsCvr()
  providerId?: string;

  @ApiPropertyOptional({ description: 'Judge due/overdue as of this date (default today, Copenhagen)' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Also list horizons due within this many days after asOf',
    default: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays?: number;

  @ApiPropertyOptional({ type: 'integer', default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
