import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ReportKind } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';
import { sectionDescription } from '../reports/report-sections';

const text = (): PropertyDecorator => (target, key) =>
  Field(() => String, { nullable: true, description: sectionDescription(target, key) })(target, key as string);

@ObjectType('AttentionPoints', { description: "The DRV's five attention points" })
export class AttentionPointsModel {
  @text() ownLabourMarketPerspective?: string;
  @text() qualifications?: string;
  @text() personalCompetences?: string;
  @text() economyAndNetwork?: string;
  @text() health?: string;
}

@ObjectType('ResourceProfileSections', { description: "The ressourceprofil's 12 elements" })
export class ResourceProfileSectionsModel {
  @text() education?: string;
  @text() workExperience?: string;
  @text() interests?: string;
  @text() socialSkills?: string;
  @text() adaptability?: string;
  @text() learningAbility?: string;
  @text() workWishes?: string;
  @text() performanceExpectations?: string;
  @text() workIdentity?: string;
  @text() housingAndEconomy?: string;
  @text() socialNetwork?: string;
  @text() health?: string;
}

@ObjectType('ReportSections', {
  description: "A report's sections: the DRV's attention points, the ressourceprofil's elements and a summary",
})
export class ReportSectionsModel {
  @Field(() => AttentionPointsModel, {
    description: "The DRV's five attention points, when reported on",
    nullable: true,
  })
  attentionPoints?: AttentionPointsModel;

  @Field(() => ResourceProfileSectionsModel, {
    description: "The ressourceprofil's 12 elements, when reported on",
    nullable: true,
  })
  resourceProfile?: ResourceProfileSectionsModel;

  @text() summary?: string;
}

@ObjectType('ReportPeriod', { description: 'The period a status report covers' })
export class ReportPeriodModel {
  @Field(() => DateScalar, { description: 'The first day of the period' })
  from: string;

  @Field(() => DateScalar, { description: 'The last day of the period' })
  to: string;
}

@ObjectType('Report', { description: 'Afrapportering — a provider report on the course to the caseworker' })
export class ReportModel {
  @Field(() => ID, { description: "The report's id (UUID)" })
  id: string;

  @Field(() => ID, { description: "The referral's id (UUID)" })
  referralId: string;

  @Field(() => GraphQLEnums.ReportKind, { description: 'Entry, status or final report' })
  kind: ReportKind;

  @Field(() => ReportPeriodModel, { description: 'The period covered (status reports)', nullable: true })
  period: ReportPeriodModel | null;

  @Field(() => ReportSectionsModel, { description: "The report's content" })
  sections: ReportSectionsModel;

  @Field({ description: 'The citizen disagrees with the report (documented disagreement)' })
  citizenDisagrees: boolean;

  @Field(() => String, { description: "The citizen's own comment", nullable: true })
  citizenComment: string | null;

  @Field({ description: 'The provider (CVR) that wrote it' })
  providerId: string;

  @Field({ description: 'ISO-8601 instant' })
  submittedAt: string;
}
