import { registerEnumType } from '@nestjs/graphql';
import {
  Assessor,
  CancelReason,
  ChangeRequestKind,
  ChangeRequestStatus,
  EndReason,
  ExitStatus,
  FollowUpMode,
  PackageType,
  PlacementEndReason,
  PlacementType,
  Purpose,
  ReferralStatus,
  RejectReason,
  ReportingHorizon,
  ReportKind,
  TargetGroup,
} from '@platform/domain-kernel';

type EnumObject<T extends readonly string[]> = { [K in T[number]]: K };

/** What a code list and each of its values mean: the BI data catalogue (DOMAIN.md, Danish term first). */
export interface EnumDescription<T extends readonly string[]> {
  description: string;
  values: { [K in T[number]]: string };
}

/**
 * A GraphQL enum with exactly the values of a code list, each value described (registerEnumType's valuesMap); the
 * type checker demands a description for every value, so a new code cannot ship undescribed.
 */
export function graphqlEnum<const T extends readonly string[]>(
  name: string,
  values: T,
  described: EnumDescription<T>,
): EnumObject<T> {
  const object = Object.fromEntries(values.map((value) => [value, value])) as EnumObject<T>;
  const valuesMap = Object.fromEntries(
    values.map((value) => [value, { description: (described.values as Record<string, string>)[value] }]),
  ) as Partial<Record<T[number], { description: string }>>;
  registerEnumType(object, { name, description: described.description, valuesMap });
  return object;
}

const EXIT_STATUS: EnumDescription<typeof ExitStatus> = {
  description:
    "Afgangsstatus — the citizen's status when the course ended, and at each follow-up horizon after it. " +
    '"Job or education" in the KPIs is ORDINARY_JOB, SMALL_JOB, FLEX_JOB or EDUCATION.',
  values: {
    ORDINARY_JOB: 'Ordinær beskæftigelse — an ordinary job, full or part time, without subsidy',
    SMALL_JOB: 'Småjob / ordinære timer — a few ordinary paid hours a week',
    FLEX_JOB: 'Fleksjob — a job on special terms for a person with a permanently reduced work capacity',
    WAGE_SUBSIDY: 'Løntilskud — a job with a public wage subsidy to the employer',
    EDUCATION: 'Uddannelse — started an education',
    UNEMPLOYED: 'Ledighed — unemployed, still on a benefit',
    OTHER_PUBLIC_BENEFIT: 'Anden offentlig forsørgelse — on another public benefit',
    DISABILITY_PENSION: 'Førtidspension — granted a disability pension',
    RESOURCE_PROGRAMME: 'Ressourceforløb — moved on to a resource programme',
    SICKNESS_BENEFIT: 'Sygedagpenge — on sickness benefit',
    MOVED: 'Fraflyttet — moved out of the municipality',
    UNKNOWN: 'Ukendt — status not known',
  },
};

/**
 * The code lists as GraphQL enums. Every subgraph takes them from here, so an enum shared across subgraphs has the
 * same values and descriptions everywhere (federation composition requires that of enums used as input).
 */
export const GraphQLEnums = {
  Assessor: graphqlEnum('Assessor', Assessor, {
    description: 'Who gave a progression measurement (progressionsmåling)',
    values: {
      PROFESSIONAL: "The provider's professional (konsulent, mentor)",
      CITIZEN: "The citizen's own self-assessment (selvvurdering)",
    },
  }),
  CancelReason: graphqlEnum('CancelReason', CancelReason, {
    description: 'Why the jobcenter cancelled (annullerede) a referral before the course was completed',
    values: {
      CITIZEN_MOVED: 'The citizen moved out of the municipality (fraflyttet)',
      CASE_CLOSED: "The citizen's case at the jobcenter was closed (sagen er afsluttet)",
      WRONG_REFERRAL: 'The referral was made in error (fejlhenvisning)',
      CITIZEN_GOT_JOB: 'The citizen got a job before or during the course',
      OTHER: 'Another reason, given in the comment',
    },
  }),
  ChangeRequestKind: graphqlEnum('ChangeRequestKind', ChangeRequestKind, {
    description: "What a provider's change request (forslag til ændring) proposes for the course",
    values: {
      EXTEND: 'Forlængelse — extend the course to a new end date',
      CHANGE_HOURS: 'Change the weekly hours of the course',
      END_EARLY: 'End the course before its planned end',
    },
  }),
  ChangeRequestStatus: graphqlEnum('ChangeRequestStatus', ChangeRequestStatus, {
    description: "Where a change request stands: awaiting, or the jobcenter's decision on it",
    values: {
      PENDING: 'Proposed by the provider, awaiting the jobcenter',
      APPROVED: 'Approved by the jobcenter; the change is applied to the course',
      REJECTED: 'Rejected by the jobcenter; the course is unchanged',
    },
  }),
  EndReason: graphqlEnum('EndReason', EndReason, {
    description: 'Afslutningsårsag — why the course (forløb) ended, recorded when it is completed',
    values: {
      PLANNED_END: 'The course ran to its planned end',
      GOT_JOB: 'The citizen got a job',
      STARTED_EDUCATION: 'The citizen started an education',
      SICK: 'The citizen fell ill (sygdom)',
      NO_SHOW: 'The citizen did not show up (udeblivelse)',
      MOVED: 'The citizen moved away (fraflytning)',
      NEEDS_OTHER_SUPPORT: 'The citizen needs another kind of support (anden indsats)',
      OTHER: 'Another reason, given in the comment',
    },
  }),
  ExitStatus: graphqlEnum('ExitStatus', ExitStatus, EXIT_STATUS),
  FollowUpMode: graphqlEnum('FollowUpMode', FollowUpMode, {
    description: 'How a follow-up (opfølgning) on a placement took place',
    values: {
      PHONE: 'By telephone',
      ON_SITE: 'On site at the workplace (virksomhedsbesøg)',
      VIDEO: 'By video call',
    },
  }),
  // API.md's OutcomeHorizon includes AT_END (the status recorded when the course ends).
  OutcomeHorizon: graphqlEnum('OutcomeHorizon', ReportingHorizon, {
    description:
      "When an exit status (afgangsstatus) is measured: at the course's end, or 3, 6 or 12 months after it " +
      '(outcome follow-up; the framework agreement measures end results at 3 months)',
    values: {
      AT_END: 'The exit status recorded when the course was completed',
      END_PLUS_3M: 'Three months after the end of the course',
      END_PLUS_6M: 'Six months after the end of the course',
      END_PLUS_12M: 'Twelve months after the end of the course',
    },
  }),
  PackageType: graphqlEnum('PackageType', PackageType, {
    description: "Tilbudspakke — the type of a provider's offer (tilbud)",
    values: {
      ENTRY_MODULE: 'Indgangsmodul — entry module: clarification at the start',
      JOB: 'Jobpakke — towards ordinary jobs and paid hours',
      EDUCATION: 'Uddannelsespakke — towards an education',
      MOTIVATION: 'Motivationsfremmende pakke — motivation and activation',
      SICKNESS_BENEFIT: 'Sygedagpengepakke — for citizens on sickness benefit',
      MENTOR: 'Mentorpakke — mentor support',
      COMBINATION: 'Kombinationspakke — a combination of packages',
      WORK_TRIAL: 'Arbejdsprøvningspakke — work trial to clarify work capacity',
      SPECIAL: 'Særlig tilbudspakke — a special package',
    },
  }),
  PlacementEndReason: graphqlEnum('PlacementEndReason', PlacementEndReason, {
    description: 'Why a placement at a company (virksomhedsplacering) ended',
    values: {
      COMPLETED: 'The placement ran its agreed course',
      CONVERTED_TO_JOB: 'The placement became a job',
      CITIZEN_SICK: 'The citizen fell ill',
      EMPLOYER_ENDED: 'The employer ended the placement',
      COMPANY_CLOSED: 'The company closed',
      OTHER: 'Another reason',
    },
  }),
  PlacementType: graphqlEnum('PlacementType', PlacementType, {
    description: 'The kind of placement at a company (virksomhedsplacering)',
    values: {
      INTERNSHIP: 'Virksomhedspraktik — unpaid internship, typically 1–13 weeks',
      TASTER: 'Snusepraktik — a short taster internship, 1 day to 2 weeks',
      WAGE_SUBSIDY: 'Løntilskud — a job with a public wage subsidy',
      SMALL_JOB: 'Småjob / ordinære løntimer — a few ordinary paid hours a week',
      HYBRID: 'Hybridpraktik — part internship hours, part paid hours',
      FLEX_JOB: 'Fleksjob — a job on special terms for reduced work capacity',
      ORDINARY_JOB: 'Ordinært job — an ordinary job',
      ADULT_APPRENTICESHIP: 'Voksenlærling — adult apprenticeship',
    },
  }),
  Purpose: graphqlEnum('Purpose', Purpose, {
    description: 'Formål — what the jobcenter wants the course to achieve',
    values: {
      JOB: 'Ordinary job or paid hours',
      SMALL_JOB: 'Småjob — a few paid hours a week',
      WORK_CAPACITY_CLARIFICATION:
        'Afklaring af arbejdsevne — clarify work capacity (towards fleksjob, ressourceforløb, førtidspension)',
      SECTOR_CLARIFICATION: 'Brancheafklaring — clarify which sector to work in',
      EDUCATION: 'Uddannelse — start an education',
      MENTOR_SUPPORT: 'Mentorstøtte — mentor support',
      SOCIAL_SUPPORT: 'Socialpædagogisk støtte — holistic social support',
      AVAILABILITY_ASSESSMENT: 'Rådighedsvurdering — assess availability for work',
      RETENTION: 'Fastholdelse — keep a sick-listed citizen in their own job',
    },
  }),
  ReferralStatus: graphqlEnum('ReferralStatus', ReferralStatus, {
    description: 'Where a referral (henvisning) and its course (forløb) stand in their lifecycle',
    values: {
      RECEIVED: 'Modtaget — sent by the jobcenter, awaiting the provider',
      ACCEPTED: 'Accepteret — accepted by the provider, not yet started',
      REJECTED: 'Afvist — rejected by the provider (terminal)',
      STARTED: 'Startet — the course is running (first attendance recorded)',
      PAUSED: 'Pauseret — the course is paused, e.g. for sickness or treatment',
      COMPLETED: 'Afsluttet — the course has ended with an end reason and exit status (terminal)',
      CANCELLED: 'Annulleret — withdrawn by the jobcenter before completion (terminal)',
    },
  }),
  RejectReason: graphqlEnum('RejectReason', RejectReason, {
    description: 'Why a provider rejected (afviste) a referral',
    values: {
      NO_CAPACITY: 'The provider has no capacity',
      OUTSIDE_TARGET_GROUP: "The citizen is outside the offer's target group",
      CITIZEN_UNREACHABLE: 'The citizen could not be reached',
      DUPLICATE: 'The referral duplicates another',
      OTHER: 'Another reason, given in the comment',
    },
  }),
  ReportKind: graphqlEnum('ReportKind', ReportKind, {
    description: "Afrapportering — the kind of a provider's report to the caseworker",
    values: {
      ENTRY: 'After the entry module (indgangsmodul)',
      STATUS: 'A periodic status or progression report during the course (progressionsrapport)',
      FINAL: 'The final report when the course ends (slutrapport)',
    },
  }),
  TargetGroup: graphqlEnum('TargetGroup', TargetGroup, {
    description: "Målgruppe — the citizen's benefit group, which decides the rules the course runs under",
    values: {
      CASH_BENEFIT: 'Kontanthjælp — cash benefit',
      EDUCATION_BENEFIT: 'Uddannelseshjælp — education benefit for young people without an education',
      UNEMPLOYMENT_BENEFIT: 'Dagpenge — unemployment insurance benefit',
      SICKNESS_BENEFIT: 'Sygedagpenge — sickness benefit',
      RESOURCE_PROGRAMME: 'Ressourceforløb — resource programme',
      JOB_CLARIFICATION: 'Jobafklaringsforløb — job clarification programme',
      FLEX_JOB_UNEMPLOYED: 'Ledig fleksjobvisiteret (ledighedsydelse) — approved for fleksjob, without one',
      INTEGRATION: 'Selvforsørgelses- og hjemrejseydelse / overgangsydelse — integration benefit',
      OTHER: 'Another group',
    },
  }),
};
