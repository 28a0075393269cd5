import { registerEnumType } from '@nestjs/graphql';
import { GraphQLEnums } from '@platform/graphql';
import { ProgressionCategory } from '../kpis/progression-category';

// The enums of API.md come from @platform/graphql, so every subgraph defines them identically.
export const TargetGroupEnum = GraphQLEnums.TargetGroup;
export const ExitStatusEnum = GraphQLEnums.ExitStatus;
export const OutcomeHorizonEnum = GraphQLEnums.OutcomeHorizon;
export const PlacementTypeEnum = GraphQLEnums.PlacementType;

export const ProgressionCategoryEnum = Object.fromEntries(ProgressionCategory.map((v) => [v, v])) as {
  [K in ProgressionCategory]: K;
};
registerEnumType(ProgressionCategoryEnum, {
  name: 'ProgressionCategory',
  description: 'LADDER_12 gain from first to best level: VERY_HIGH ≥ 5 steps, HIGH 3–4, SOME 1–2, NONE 0',
});
