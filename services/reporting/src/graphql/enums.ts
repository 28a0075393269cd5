import { GraphQLEnums, graphqlEnum } from '@platform/graphql';
import { ProgressionCategory } from '../kpis/progression-category';

// The enums of API.md come from @platform/graphql, so every subgraph defines them identically.
export const TargetGroupEnum = GraphQLEnums.TargetGroup;
export const ExitStatusEnum = GraphQLEnums.ExitStatus;
export const OutcomeHorizonEnum = GraphQLEnums.OutcomeHorizon;
export const PlacementTypeEnum = GraphQLEnums.PlacementType;

export const ProgressionCategoryEnum = graphqlEnum('ProgressionCategory', ProgressionCategory, {
  description:
    'Progressionskategori — LADDER_12 gain from the first to the best level of a course: VERY_HIGH ≥ 5 steps, ' +
    'HIGH 3–4, SOME 1–2, NONE 0',
  values: {
    VERY_HIGH: 'Meget høj progression — 5 steps or more',
    HIGH: 'Høj progression — 3 or 4 steps',
    SOME: 'Nogen progression — 1 or 2 steps',
    NONE: 'Ingen progression — no step gained (or lower)',
    NOT_MEASURED: 'Not measured on LADDER_12: the course has no LADDER_12 measurement',
  },
});
