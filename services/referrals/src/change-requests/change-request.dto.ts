import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ChangeRequestKind } from '@platform/domain-kernel';
import { IsLocalDate } from '../common/validators';

export class ProposeChangeDto {
  @ApiProperty({ enum: ChangeRequestKind })
  @IsIn(ChangeRequestKind)
  kind: ChangeRequestKind;

  @ApiPropertyOptional({ example: '2027-08-31', description: 'EXTEND and END_EARLY: the new planned end' })
  @ValidateIf((dto: ProposeChangeDto) => dto.kind === 'EXTEND' || dto.kind === 'END_EARLY')
  @IsLocalDate()
  newEndDate?: string;

  @ApiPropertyOptional({ example: 20, description: 'CHANGE_HOURS: the new weekly hours' })
  @ValidateIf((dto: ProposeChangeDto) => dto.kind === 'CHANGE_HOURS')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(37)
  hoursPerWeek?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class DecideChangeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ChangeRequestIdParam {
  @IsUUID()
  crId: string;
}
