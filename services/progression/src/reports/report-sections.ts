/**
 * What each text section of a report to the caseworker (afrapportering) is about: the DRV's five attention points
 * and the ressourceprofil's 12 elements (DOMAIN.md "Reports to the caseworker"). One map for the GraphQL input and
 * output types, so the data catalogue describes both alike.
 */
export const ATTENTION_POINT_DESCRIPTIONS = {
  ownLabourMarketPerspective: 'Eget perspektiv på arbejdsmarkedet — own labour-market perspective',
  qualifications: 'Faglige og praktiske kvalifikationer — professional and practical qualifications',
  personalCompetences: 'Personlige kompetencer — personal competences',
  economyAndNetwork: 'Økonomi og netværk — economy and network',
  health: 'Helbred — health',
} as const;

export const RESOURCE_PROFILE_DESCRIPTIONS = {
  education: 'Uddannelse — education',
  workExperience: 'Arbejdsmarkedserfaring — work experience',
  interests: 'Interesser — interests',
  socialSkills: 'Sociale kompetencer — social skills',
  adaptability: 'Omstillingsevne — adaptability',
  learningAbility: 'Indlæringsevne — learning ability',
  workWishes: 'Arbejdsrelevante ønsker — work-related wishes',
  performanceExpectations: 'Præstationsforventninger — performance expectations',
  workIdentity: 'Arbejdsidentitet — work identity',
  housingAndEconomy: 'Bolig og økonomi — housing and economy',
  socialNetwork: 'Sociale netværk — social network',
  health: 'Helbred — health',
} as const;

export const SUMMARY_DESCRIPTION = "The provider's summary";

/** The description of a section field of a report, by the field's name. */
export function sectionDescription(target: object, key: string | symbol): string {
  const name = String(key);
  const owner = (target.constructor as { name?: string }).name ?? '';
  if (name === 'summary') return SUMMARY_DESCRIPTION;
  if (/AttentionPoints/.test(owner))
    return ATTENTION_POINT_DESCRIPTIONS[name as keyof typeof ATTENTION_POINT_DESCRIPTIONS];
  return RESOURCE_PROFILE_DESCRIPTIONS[name as keyof typeof RESOURCE_PROFILE_DESCRIPTIONS];
}
