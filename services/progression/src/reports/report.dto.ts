import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ReportKind } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import { IsLocalDate, IsLocalDateBetween } from '@platform/http';
import { sectionDescription } from './report-sections';

const TEXT = 10_000;

/** A section's text: objective description — observed behaviour, attendance, work capacity, with examples. */
function SectionText(example?: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ example, maxLength: TEXT })(target, key);
    Field(() => String, { nullable: true, description: sectionDescription(target, key) })(target, key as string);
    IsOptional()(target, key);
    IsString()(target, key);
    MinLength(1)(target, key);
    MaxLength(TEXT)(target, key);
  };
}

/** The DRV's five attention points (DOMAIN.md "Reports to the caseworker"). */
@InputType('AttentionPointsInput', { description: "The DRV's five attention points" })
export class AttentionPointsDto {
  @SectionText('Ønsker job i detailhandlen; har afprøvet lager i praktik')
  ownLabourMarketPerspective?: string;

  @SectionText()
  qualifications?: string;

  @SectionText()
  personalCompetences?: string;

  @SectionText()
  economyAndNetwork?: string;

  @SectionText()
  health?: string;
}

/** The ressourceprofil's 12 elements (the dimension codes of RESOURCE_PROFILE_12). */
@InputType('ResourceProfileSectionsInput', { description: "The ressourceprofil's 12 elements" })
export class ResourceProfileSectionsDto {
  @SectionText() education?: string;
  @SectionText() workExperience?: string;
  @SectionText() interests?: string;
  @SectionText() socialSkills?: string;
  @SectionText() adaptability?: string;
  @SectionText() learningAbility?: string;
  @SectionText() workWishes?: string;
  @SectionText() performanceExpectations?: string;
  @SectionText() workIdentity?: string;
  @SectionText() housingAndEconomy?: string;
  @SectionText() socialNetwork?: string;
  @SectionText() health?: string;
}

@InputType('ReportSectionsInput', { description: "A report's sections" })
export class ReportSectionsDto {
  @ApiPropertyOptional({ type: AttentionPointsDto })
  @Field(() => AttentionPointsDto, { description: "The DRV's five attention points", nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttentionPointsDto)
  attentionPoints?: AttentionPointsDto;

  @ApiPropertyOptional({ type: ResourceProfileSectionsDto })
  @Field(() => ResourceProfileSectionsDto, { description: "The ressourceprofil's 12 elements", nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResourceProfileSectionsDto)
  resourceProfile?: ResourceProfileSectionsDto;

  @SectionText('Samlet vurdering')
  summary?: string;
}

@InputType('ReportPeriodInput', { description: 'The period a status report covers' })
export class ReportPeriodDto {
  @ApiProperty({ example: '2027-01-01' })
  @Field(() => DateScalar, { description: 'The first day of the period' })
  @IsLocalDate()
  @IsLocalDateBetween('2000-01-01', '2099-12-31')
  from: string;

  @ApiProperty({ example: '2027-01-31' })
  @Field(() => DateScalar, { description: 'The last day of the period' })
  @IsLocalDate()
  @IsLocalDateBetween('2000-01-01', '2099-12-31')
  to: string;
}

@InputType('SubmitReportInput', { description: 'Afrapportering — a report to the caseworker' })
export class SubmitReportDto {
  @ApiProperty({ enum: ReportKind, description: 'ENTRY after the entry module, STATUS per period, FINAL at the end' })
  @Field(() => GraphQLEnums.ReportKind, { description: 'Entry, status or final report' })
  @IsIn(ReportKind)
  kind: ReportKind;

  @ApiPropertyOptional({ type: ReportPeriodDto, description: 'Required for STATUS reports' })
  @Field(() => ReportPeriodDto, { description: 'The period covered (status reports)', nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReportPeriodDto)
  period?: ReportPeriodDto;

  @ApiProperty({ type: ReportSectionsDto })
  @Field(() => ReportSectionsDto, { description: "The report's content" })
  @IsObject()
  @ValidateNested()
  @Type(() => ReportSectionsDto)
  sections: ReportSectionsDto;

  @ApiPropertyOptional({ description: 'The citizen disagrees with the report (false when absent)' })
  @Field(() => Boolean, { description: 'The citizen disagrees with the report', nullable: true })
  @IsOptional()
  @IsBoolean()
  citizenDisagrees?: boolean;

  @ApiPropertyOptional({ description: "The citizen's own words" })
  @Field(() => String, { description: "The citizen's own comment", nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  citizenComment?: string;
}

export class ReportIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reportId: string;
}
