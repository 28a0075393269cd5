import { Field, Float, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ChangeRequestKind } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import { IsLocalDate } from '@platform/http';

@InputType('ProposeChangeInput', { description: 'A change the provider proposes for the course (forslag)' })
export class ProposeChangeDto {
  @Field(() => GraphQLEnums.ChangeRequestKind, { description: 'What is proposed' })
  @ApiProperty({ enum: ChangeRequestKind })
  @IsIn(ChangeRequestKind)
  kind: ChangeRequestKind;

  @Field(() => DateScalar, { description: 'The new end date (EXTEND, END_EARLY)', nullable: true })
  @ApiPropertyOptional({ example: '2027-08-31', description: 'EXTEND and END_EARLY: the new planned end' })
  // Required for its kinds, and judged whenever sent: a field of another kind is never stored unchecked.
  @ValidateIf((dto: ProposeChangeDto) => dto.kind === 'EXTEND' || dto.kind === 'END_EARLY' || dto.newEndDate != null)
  @IsLocalDate()
  newEndDate?: string;

  @Field(() => Float, { description: 'The new weekly hours (CHANGE_HOURS)', nullable: true })
  @ApiPropertyOptional({ example: 20, description: 'CHANGE_HOURS: the new weekly hours' })
  @ValidateIf((dto: ProposeChangeDto) => dto.kind === 'CHANGE_HOURS' || dto.hoursPerWeek != null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(37)
  hoursPerWeek?: number;

  @Field({ description: 'Why the change is proposed', nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

@InputType('DecideChangeInput', { description: "The jobcenter's decision on a change request" })
export class DecideChangeDto {
  @Field({ description: "The jobcenter's comment on its decision", nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ChangeRequestIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  crId: string;
}
