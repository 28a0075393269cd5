import { registerEnumType } from '@nestjs/graphql';
import { ExitStatus, PlacementType, ReportingHorizon, TargetGroup } from '@platform/domain-kernel';
import { ProgressionCategory } from '../kpis/progression-category';

const asEnum = <T extends string>(list: readonly T[]) => Object.fromEntries(list.map((v) => [v, v])) as Record<T, T>;

// The enums of API.md, built from the code lists of DOMAIN.md so every subgraph defines them identically.
export const TargetGroupEnum = asEnum(TargetGroup);
export const ExitStatusEnum = asEnum(ExitStatus);
export const OutcomeHorizonEnum = asEnum(ReportingHorizon);
export const PlacementTypeEnum = asEnum(PlacementType);
export const ProgressionCategoryEnum = asEnum(ProgressionCategory);

registerEnumType(TargetGroupEnum, { name: 'TargetGroup' });
registerEnumType(ExitStatusEnum, { name: 'ExitStatus' });
registerEnumType(OutcomeHorizonEnum, { name: 'OutcomeHorizon' });
registerEnumType(PlacementTypeEnum, { name: 'PlacementType' });
registerEnumType(ProgressionCategoryEnum, {
  name: 'ProgressionCategory',
  description: 'LADDER_12 gain from first to best level: VERY_HIGH ≥ 5 steps, HIGH 3–4, SOME 1–2, NONE 0',
});
