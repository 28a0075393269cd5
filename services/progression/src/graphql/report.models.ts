import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ReportKind } from '@platform/domain-kernel';
import { DateScalar, GraphQLEnums } from '@platform/graphql';

const text = () => Field(() => String, { nullable: true });

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

@ObjectType('ReportSections')
export class ReportSectionsModel {
  @Field(() => AttentionPointsModel, { nullable: true })
  attentionPoints?: AttentionPointsModel;

  @Field(() => ResourceProfileSectionsModel, { nullable: true })
  resourceProfile?: ResourceProfileSectionsModel;

  @text() summary?: string;
}

@ObjectType('ReportPeriod')
export class ReportPeriodModel {
  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;
}

@ObjectType('Report', { description: 'A report to the caseworker' })
export class ReportModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  referralId: string;

  @Field(() => GraphQLEnums.ReportKind)
  kind: ReportKind;

  @Field(() => ReportPeriodModel, { nullable: true })
  period: ReportPeriodModel | null;

  @Field(() => ReportSectionsModel)
  sections: ReportSectionsModel;

  @Field()
  citizenDisagrees: boolean;

  @Field(() => String, { nullable: true })
  citizenComment: string | null;

  @Field({ description: 'The provider (CVR) that wrote it' })
  providerId: string;

  @Field({ description: 'ISO-8601 instant' })
  submittedAt: string;
}
