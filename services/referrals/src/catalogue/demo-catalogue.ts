/**
 * Demo catalogue: the 12 providers of seed 003 (Jobcenter København's catalogue of "tilbudspakker") with exactly
 * the packages each one offers according to the provider × package matrix in
 * `shared/research/seed-003-offer-catalogue.md` §3 (95 offers). `npm start` loads it when the catalogue is empty.
 *
 * What comes from the seed and what does not:
 * - Provider names, which packages each provider offers and the product names in parentheses: from the text.
 * - Provider ids: MADE UP. They are fictitious CVR numbers (99000104 … 99001208) that pass the modulus-11
 *   check; they do not identify the real organisations. Seed 003 gives no CVR numbers.
 * - Municipalities: '101' (København) is the municipality the catalogue belongs to. The extra '147'
 *   (Frederiksberg) on three providers is a pure demo of a provider serving several municipalities; the seed says
 *   nothing about it.
 * - Tender area: the seed names no tender area (udbudsområde); one descriptive constant is used for all offers.
 * - Target groups: derived per package type from the extraction's §2 and §6.6 (see TYPE_DEFAULTS). Seed 003 predates
 *   ressourceforløb and jobafklaringsforløb (2013/2014; the words never occur); where `RESOURCE_PROGRAMME` and
 *   `JOB_CLARIFICATION` appear, they are today's counterparts of the text's "afklaring af arbejdsevne" / sick-listed
 *   citizens with long-term illness.
 * - weeklyHours / maxWeeks: see the comments in TYPE_DEFAULTS and on each override. Values marked "text" come
 *   from the extraction (§2, §6.2, §6.3, §6.4); everything else is a default.
 */
import type { PackageType, TargetGroup } from '@platform/domain-kernel';

export interface DemoOffer {
  packageType: PackageType;
  name: string;
  tenderArea: string;
  targetGroups: TargetGroup[];
  weeklyHours: number;
  maxWeeks: number;
}

export interface DemoProvider {
  id: string;
  name: string;
  municipalities: string[];
  offers: DemoOffer[];
}

/** The seed names no tender area; this describes what the catalogue covers (offers for unemployed and sick-listed). */
const TENDER_AREA = 'Tilbudspakker for ledige og sygemeldte, Københavns Kommune';

const KOBENHAVN = '101';
const FREDERIKSBERG = '147';

interface TypeDefaults {
  name: string;
  targetGroups: readonly TargetGroup[];
  weeklyHours: number;
  maxWeeks: number;
}

/**
 * Per package type. Unless a comment says "text", weeklyHours is a default (12 for course packages) and maxWeeks is
 * the catalogue's standard ceiling of 13 weeks ("1–13 uger" for praktik and særligt tilrettelagte forløb, §2/§6.3).
 */
const TYPE_DEFAULTS: Record<PackageType, TypeDefaults> = {
  // "alle målgrupper" (§2.1). Text: a conversation of "to timer" (Hartmanns, Kofoeds), "1-2 timer" (KKB);
  // one week is a default (Integro/Cortex reports within 5 days, Markman the same day).
  ENTRY_MODULE: {
    name: 'Indgangsmodul',
    targetGroups: [
      'CASH_BENEFIT',
      'EDUCATION_BENEFIT',
      'UNEMPLOYMENT_BENEFIT',
      'SICKNESS_BENEFIT',
      'RESOURCE_PROGRAMME',
      'JOB_CLARIFICATION',
      'FLEX_JOB_UNEMPLOYED',
      'INTEGRATION',
      'OTHER',
    ],
    weeklyHours: 2,
    maxWeeks: 1,
  },
  // Job-ready or near job-ready unemployed citizens (§2.2); nydanskere (Incita jobrekrutforløb).
  JOB: {
    name: 'Jobpakke',
    targetGroups: ['CASH_BENEFIT', 'EDUCATION_BENEFIT', 'UNEMPLOYMENT_BENEFIT', 'INTEGRATION'],
    weeklyHours: 12,
    maxWeeks: 13,
  },
  // Young people of education age, voksenlærling for ledige over 25, 50+, nydanskere (§2.3).
  EDUCATION: {
    name: 'Uddannelsespakke',
    targetGroups: ['CASH_BENEFIT', 'EDUCATION_BENEFIT', 'UNEMPLOYMENT_BENEFIT', 'INTEGRATION'],
    weeklyHours: 12,
    maxWeeks: 13,
  },
  // Motivation and rådighed testing (§2.4): kontant-/uddannelseshjælp, citizens "ude af dagpengesystemet", nydanskere.
  MOTIVATION: {
    name: 'Motivationsfremmende pakke',
    targetGroups: ['CASH_BENEFIT', 'EDUCATION_BENEFIT', 'INTEGRATION'],
    weeklyHours: 12,
    maxWeeks: 13,
  },
  // Sygedagpenge recipients (§2.5); Kofoeds and KKB add sick kontanthjælpsmodtagere (overrides below).
  SICKNESS_BENEFIT: {
    name: 'Sygedagpengepakke',
    targetGroups: ['SICKNESS_BENEFIT'],
    weeklyHours: 12,
    maxWeeks: 13,
  },
  // "Mentorpakken kan anvendes af alle borgere" (Incita, §2.6): support in job, praktik, løntilskud, revalidering
  // or education. Mentor support is counted in few hours (text: 10 mentortimer, Væksthuset; 5 × 2 h, Hartmanns);
  // 2 hours a week is a default.
  MENTOR: {
    name: 'Mentorpakke',
    targetGroups: [
      'CASH_BENEFIT',
      'EDUCATION_BENEFIT',
      'UNEMPLOYMENT_BENEFIT',
      'SICKNESS_BENEFIT',
      'RESOURCE_PROGRAMME',
      'JOB_CLARIFICATION',
      'FLEX_JOB_UNEMPLOYED',
      'INTEGRATION',
    ],
    weeklyHours: 2,
    maxWeeks: 13,
  },
  // Complex problems beyond unemployment: misbrug, psychiatry, crime, debt; traumatised refugees (§2.7).
  COMBINATION: {
    name: 'Kombinationspakke',
    targetGroups: ['CASH_BENEFIT', 'EDUCATION_BENEFIT', 'RESOURCE_PROGRAMME', 'INTEGRATION'],
    weeklyHours: 12,
    maxWeeks: 13,
  },
  // Documenting arbejdsevne for revalidering, fleksjob, førtidspension (§2.8); HKI: long unemployment,
  // "tidlig indsats i en sygedagpengeperiode", "revurderinger og ansøgninger om fleksjob". Text: "op til 13 uger"
  // (HKI), "1 - 13 uger" (Incita).
  WORK_TRIAL: {
    name: 'Arbejdsprøvningspakke',
    targetGroups: [
      'CASH_BENEFIT',
      'SICKNESS_BENEFIT',
      'RESOURCE_PROGRAMME',
      'JOB_CLARIFICATION',
      'FLEX_JOB_UNEMPLOYED',
    ],
    weeklyHours: 12,
    maxWeeks: 13,
  },
  // Diagnosed handicaps / "varige begrænsninger i erhvervsevnen" (§2.9); HKI: "unge mellem 18 og 29 år".
  SPECIAL: {
    name: 'Særlig tilbudspakke',
    targetGroups: [
      'CASH_BENEFIT',
      'EDUCATION_BENEFIT',
      'SICKNESS_BENEFIT',
      'RESOURCE_PROGRAMME',
      'JOB_CLARIFICATION',
      'FLEX_JOB_UNEMPLOYED',
    ],
    weeklyHours: 12,
    maxWeeks: 13,
  },
};

type OfferOverrides = Partial<Omit<DemoOffer, 'packageType' | 'tenderArea'>>;

function offer(packageType: PackageType, overrides: OfferOverrides = {}): DemoOffer {
  const defaults = TYPE_DEFAULTS[packageType];
  return {
    packageType,
    name: overrides.name ?? defaults.name,
    tenderArea: TENDER_AREA,
    targetGroups: [...(overrides.targetGroups ?? defaults.targetGroups)],
    weeklyHours: overrides.weeklyHours ?? defaults.weeklyHours,
    maxWeeks: overrides.maxWeeks ?? defaults.maxWeeks,
  };
}

/** Indgangsmodul, Job-, Uddannelses-, Motivationsfremmende, Sygedagpenge- and Mentorpakke: offered by all 12. */
function coreOffers(overrides: Partial<Record<PackageType, OfferOverrides>> = {}): DemoOffer[] {
  const core: PackageType[] = ['ENTRY_MODULE', 'JOB', 'EDUCATION', 'MOTIVATION', 'SICKNESS_BENEFIT', 'MENTOR'];
  return core.map((type) => offer(type, overrides[type]));
}

const SICK_INCLUDING_CASH_BENEFIT: TargetGroup[] = ['SICKNESS_BENEFIT', 'CASH_BENEFIT'];

// Provider ids are MADE-UP CVR numbers (fictitious, 9900xxxx, modulus-11 valid) — not the providers' real CVRs.
export const DEMO_CATALOGUE: readonly DemoProvider[] = [
  {
    id: '99000104',
    name: 'AOFJOB',
    municipalities: [KOBENHAVN],
    offers: coreOffers(),
  },
  {
    id: '99000201',
    name: 'AS3 Employment',
    municipalities: [KOBENHAVN, FREDERIKSBERG],
    offers: coreOffers(),
  },
  {
    id: '99000309',
    name: 'Dag- og Døgncentret (DDC)',
    municipalities: [KOBENHAVN],
    offers: [
      // Text: "praktikforløb á 4-17 ugers varighed" for sick-listed citizens without a workplace.
      ...coreOffers({ SICKNESS_BENEFIT: { maxWeeks: 17 } }),
      offer('COMBINATION'),
      offer('WORK_TRIAL'),
      // Text: "praktikker i op til et år på særligt tilpassede vilkår".
      offer('SPECIAL', { maxWeeks: 52 }),
    ],
  },
  {
    id: '99000406',
    name: 'HKI',
    municipalities: [KOBENHAVN],
    offers: [
      ...coreOffers(),
      offer('COMBINATION'),
      offer('WORK_TRIAL'),
      // Text: courses at the subcontractor Specialisterne "ved forløbslængder, der overstiger 26 uger" (no upper
      // bound given); 52 weeks is a default.
      offer('SPECIAL', { maxWeeks: 52 }),
    ],
  },
  {
    id: '99000503',
    name: 'Hartmanns',
    municipalities: [KOBENHAVN, FREDERIKSBERG],
    offers: [
      // Text: mentor course of "fem samtaler af to timers varighed" (10 hours in all).
      ...coreOffers({ MENTOR: { name: 'Mentorpakke (fem samtaler à to timer)' } }),
      offer('WORK_TRIAL'),
    ],
  },
  {
    id: '99000600',
    name: 'Hovedstadens Oplysningsforbund (HOF)',
    municipalities: [KOBENHAVN],
    offers: [...coreOffers(), offer('COMBINATION'), offer('WORK_TRIAL'), offer('SPECIAL')],
  },
  {
    id: '99000708',
    name: 'Incita',
    municipalities: [KOBENHAVN],
    offers: [
      ...coreOffers({
        // Text: "På vej i Job"; BETA is for citizens on ledighedsydelse who need their fleksjob level reassessed.
        JOB: {
          name: 'Jobpakke (På vej i Job, BETA)',
          targetGroups: [
            'CASH_BENEFIT',
            'EDUCATION_BENEFIT',
            'UNEMPLOYMENT_BENEFIT',
            'INTEGRATION',
            'FLEX_JOB_UNEMPLOYED',
          ],
        },
        // Text: "Tilbage til Arbejde", "På job igen"; "Særligt tilrettelagte projekt- og uddannelsesforløb (4 – 17 uger)".
        SICKNESS_BENEFIT: { name: 'Sygedagpengepakke (Tilbage til Arbejde, På job igen)', maxWeeks: 17 },
      }),
      offer('COMBINATION'),
      offer('WORK_TRIAL'),
      // Text: Center for Hjerneskade's "trænings- og revalideringsforløb (1 – 52 uger)".
      offer('SPECIAL', { maxWeeks: 52 }),
    ],
  },
  {
    id: '99000805',
    name: 'Konsortiet Integro/Cortex',
    municipalities: [KOBENHAVN],
    offers: [
      ...coreOffers({
        // Text: "hver dag fra kl. 9.00 til kl. 14.00" (25 h a week), within "10-37 timer".
        JOB: { weeklyHours: 25 },
        // Text: "ugentligt timetal på 10-37 timer"; 25 is chosen within that range.
        EDUCATION: { weeklyHours: 25 },
        // Text: "hver dag fra kl. 9.00 til kl. 14.00".
        MOTIVATION: { weeklyHours: 25 },
        // Text: "varighed fra 1-17 uger", "optag hverdagen efter bestillingen".
        SICKNESS_BENEFIT: { maxWeeks: 17 },
      }),
      // Text: "opfylder 25 timers aktiveringskrav".
      offer('COMBINATION', { weeklyHours: 25 }),
      offer('WORK_TRIAL'),
    ],
  },
  {
    id: '99000902',
    name: 'Kofoeds Skole',
    municipalities: [KOBENHAVN],
    offers: [
      // Text: the Sygedagpengepakke is also for "kontanthjælpsmodtagere" after long illness.
      ...coreOffers({ SICKNESS_BENEFIT: { targetGroups: SICK_INCLUDING_CASH_BENEFIT } }),
      offer('COMBINATION'),
      offer('WORK_TRIAL'),
    ],
  },
  {
    id: '99001003',
    name: 'Konsortiet KKB',
    municipalities: [KOBENHAVN],
    offers: [
      // Text: the Sygedagpengepakke is also for sick-listed kontanthjælpsmodtagere.
      ...coreOffers({ SICKNESS_BENEFIT: { targetGroups: SICK_INCLUDING_CASH_BENEFIT } }),
      offer('COMBINATION'),
      // Text: "Arbejdsprøvning sker som udgangspunkt på fuld tid" (37 h).
      offer('WORK_TRIAL', { weeklyHours: 37 }),
      // Text: for people "med synsnedsættelse", "et afklarende forløb à 12 uger" (Instituttet for Blinde og Svagsynede).
      offer('SPECIAL', { name: 'Særlig tilbudspakke (synsnedsættelse)', maxWeeks: 12 }),
    ],
  },
  {
    id: '99001100',
    name: 'Markman',
    municipalities: [KOBENHAVN, FREDERIKSBERG],
    // Text: three parts of typically 4 + 4-8 + 4 weeks (up to 16); "25 timer om ugen" for Job, Motivation and
    // Sygedagpenge (no weekly hours are stated for the Uddannelsespakke, so it keeps the default).
    offers: coreOffers({
      JOB: { weeklyHours: 25, maxWeeks: 16 },
      EDUCATION: { maxWeeks: 16 },
      MOTIVATION: { weeklyHours: 25, maxWeeks: 16 },
      SICKNESS_BENEFIT: { weeklyHours: 25, maxWeeks: 16 },
    }),
  },
  {
    id: '99001208',
    name: 'Væksthuset',
    municipalities: [KOBENHAVN],
    offers: [
      // Text: "10 timers mentorindsats".
      ...coreOffers({ MENTOR: { name: 'Mentorpakke (10 mentortimer)' } }),
      offer('COMBINATION'),
      offer('WORK_TRIAL'),
      offer('SPECIAL'),
    ],
  },
];
