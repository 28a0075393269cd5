import { Ladder12Level, Ladder12LevelLabelDa } from '@platform/domain-kernel';
import type { ScaleDefinition, ScaleLevel } from './scale-definition';

/** `LADDER_12` v1: Incita's ladder (seeds 000/001), one dimension `step`, levels 1–12 (DOMAIN.md). */
export const LADDER_12_V1: ScaleDefinition = {
  code: 'LADDER_12',
  version: 1,
  name: 'Progressionstrappe (12 trin)',
  dimensions: [
    {
      code: 'step',
      label: 'Trin',
      levels: Ladder12Level.map((code, i) => ({ value: i + 1, code, label: Ladder12LevelLabelDa[code] })),
    },
  ],
};

/**
 * The ressourceprofil's 12 elements, each rated 1–5. DOMAIN.md names the elements and the range, not the level
 * names; the five labels below are chosen here (ADR 0020) and read from "a major barrier" to "a strong resource".
 */
const RESOURCE_LEVELS: ScaleLevel[] = [
  { value: 1, code: 'MAJOR_BARRIER', label: 'Væsentlig barriere' },
  { value: 2, code: 'BARRIER', label: 'Barriere' },
  { value: 3, code: 'PARTLY_RESOURCE', label: 'Delvis ressource' },
  { value: 4, code: 'RESOURCE', label: 'Ressource' },
  { value: 5, code: 'STRONG_RESOURCE', label: 'Stærk ressource' },
];

/** The 12 elements in the order of the ressourceprofil, as dimension code and Danish label. */
export const RESOURCE_PROFILE_ELEMENTS = [
  ['education', 'Uddannelse'],
  ['workExperience', 'Arbejdsmarkedserfaring'],
  ['interests', 'Interesser'],
  ['socialSkills', 'Sociale kompetencer'],
  ['adaptability', 'Omstillingsevne'],
  ['learningAbility', 'Indlæringsevne'],
  ['workWishes', 'Arbejdsrelevante ønsker'],
  ['performanceExpectations', 'Præstationsforventninger'],
  ['workIdentity', 'Arbejdsidentitet'],
  ['housingAndEconomy', 'Bolig og økonomi'],
  ['socialNetwork', 'Sociale netværk'],
  ['health', 'Helbred'],
] as const;
export type ResourceProfileElement = (typeof RESOURCE_PROFILE_ELEMENTS)[number][0];

/** `RESOURCE_PROFILE_12` v1: the ressourceprofil's 12 elements, each rated 1–5. */
export const RESOURCE_PROFILE_12_V1: ScaleDefinition = {
  code: 'RESOURCE_PROFILE_12',
  version: 1,
  name: 'Ressourceprofilens 12 elementer',
  dimensions: RESOURCE_PROFILE_ELEMENTS.map(([code, label]) => ({ code, label, levels: RESOURCE_LEVELS })),
};

export const BUILT_IN_SCALES: readonly ScaleDefinition[] = [LADDER_12_V1, RESOURCE_PROFILE_12_V1];
