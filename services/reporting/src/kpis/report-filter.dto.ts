import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { TargetGroup } from '@platform/domain-kernel';
import { IsCvr, IsLocalDate, IsMunicipalityCode } from '@platform/http';

/** The KpiFilter of API.md as REST query parameters (the export and any REST report take these). */
export class ReportFilterQuery {
  @ApiPropertyOptional({ example: '101' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiPropertyOptional({ description: 'Provider CVR' })
  @IsOptional()
  @IsCvr()
  providerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  offerId?: string;

  @ApiPropertyOptional({ enum: TargetGroup })
  @IsOptional()
  @IsIn(TargetGroup)
  targetGroup?: TargetGroup;

  @ApiPropertyOptional({ description: 'First referral date included (YYYY-MM-DD)' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last referral date included (YYYY-MM-DD)' })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}
