/**
 * The description of the `Referral` entity, which four subgraphs define (federation merges them): one text, so the
 * data catalogue reads the same whichever subgraph composition takes it from.
 */
export const REFERRAL_DESCRIPTION =
  "Henvisning og forløb — a referral: the jobcenter's order for one citizen at one provider's offer; once started " +
  'it is the course (forløb), under the same id. The referrals service owns it; placements, progression and ' +
  'reporting add their fields';
