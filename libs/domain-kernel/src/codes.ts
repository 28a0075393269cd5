/**
 * The code lists of DOMAIN.md. The string values are wire codes of the public contract (API.md): once released
 * they never change meaning, so add new values at the end and never rename or reuse one.
 *
 * Each list is a readonly tuple and a type of the same name, so one import gives both the runtime list (for
 * validation, GraphQL enums, OpenAPI) and the union type. Danish labels are data for UIs and reports; they exist
 * where DOMAIN.md gives the Danish term.
 */

/** Narrows `value` to a member of `list`, for validating input from the wire, events or the database. */
export function isCode<const T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Referral and its course

export const ReferralStatus = [
  'RECEIVED',
  'ACCEPTED',
  'REJECTED',
  'STARTED',
  'PAUSED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type ReferralStatus = (typeof ReferralStatus)[number];

export const TargetGroup = [
  'CASH_BENEFIT',
  'EDUCATION_BENEFIT',
  'UNEMPLOYMENT_BENEFIT',
  'SICKNESS_BENEFIT',
  'RESOURCE_PROGRAMME',
  'JOB_CLARIFICATION',
  'FLEX_JOB_UNEMPLOYED',
  'INTEGRATION',
  'OTHER',
] as const;
export type TargetGroup = (typeof TargetGroup)[number];

export const TargetGroupLabelDa: Readonly<Record<TargetGroup, string>> = {
  CASH_BENEFIT: 'Kontanthjælp',
  EDUCATION_BENEFIT: 'Uddannelseshjælp',
  UNEMPLOYMENT_BENEFIT: 'Dagpenge',
  SICKNESS_BENEFIT: 'Sygedagpenge',
  RESOURCE_PROGRAMME: 'Ressourceforløb',
  JOB_CLARIFICATION: 'Jobafklaringsforløb',
  FLEX_JOB_UNEMPLOYED: 'Ledig fleksjobvisiteret (ledighedsydelse)',
  INTEGRATION: 'Selvforsørgelses-/overgangsydelse',
  OTHER: 'Andet',
};

export const Purpose = [
  'JOB',
  'SMALL_JOB',
  'WORK_CAPACITY_CLARIFICATION',
  'SECTOR_CLARIFICATION',
  'EDUCATION',
  'MENTOR_SUPPORT',
  'SOCIAL_SUPPORT',
  'AVAILABILITY_ASSESSMENT',
  'RETENTION',
] as const;
export type Purpose = (typeof Purpose)[number];

export const PurposeLabelDa: Readonly<Record<Purpose, string>> = {
  JOB: 'Ordinært job / løntimer',
  SMALL_JOB: 'Småjob',
  WORK_CAPACITY_CLARIFICATION: 'Afklaring af arbejdsevne',
  SECTOR_CLARIFICATION: 'Brancheafklaring',
  EDUCATION: 'Uddannelse',
  MENTOR_SUPPORT: 'Mentorstøtte',
  SOCIAL_SUPPORT: 'Socialpædagogisk støtte',
  AVAILABILITY_ASSESSMENT: 'Rådighedsvurdering',
  RETENTION: 'Fastholdelse',
};

export const RejectReason = [
  'NO_CAPACITY',
  'OUTSIDE_TARGET_GROUP',
  'CITIZEN_UNREACHABLE',
  'DUPLICATE',
  'OTHER',
] as const;
export type RejectReason = (typeof RejectReason)[number];

/**
 * DOMAIN.md names a cancel reason but no list. Chosen here: the usual reasons a jobcenter withdraws an order —
 * the citizen moves to another municipality, the case is closed (e.g. benefit stops), the referral was a mistake,
 * the citizen found work before or during the course — plus OTHER with a comment, as for the other reason lists.
 */
export const CancelReason = ['CITIZEN_MOVED', 'CASE_CLOSED', 'WRONG_REFERRAL', 'CITIZEN_GOT_JOB', 'OTHER'] as const;
export type CancelReason = (typeof CancelReason)[number];

export const EndReason = [
  'PLANNED_END',
  'GOT_JOB',
  'STARTED_EDUCATION',
  'SICK',
  'NO_SHOW',
  'MOVED',
  'NEEDS_OTHER_SUPPORT',
  'OTHER',
] as const;
export type EndReason = (typeof EndReason)[number];

export const ChangeRequestKind = ['EXTEND', 'CHANGE_HOURS', 'END_EARLY'] as const;
export type ChangeRequestKind = (typeof ChangeRequestKind)[number];

export const ChangeRequestStatus = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type ChangeRequestStatus = (typeof ChangeRequestStatus)[number];

// ---------------------------------------------------------------------------------------------------------------
// Catalogue

export const PackageType = [
  'ENTRY_MODULE',
  'JOB',
  'EDUCATION',
  'MOTIVATION',
  'SICKNESS_BENEFIT',
  'MENTOR',
  'COMBINATION',
  'WORK_TRIAL',
  'SPECIAL',
] as const;
export type PackageType = (typeof PackageType)[number];

export const PackageTypeLabelDa: Readonly<Record<PackageType, string>> = {
  ENTRY_MODULE: 'Indgangsmodul',
  JOB: 'Jobpakke',
  EDUCATION: 'Uddannelsespakke',
  MOTIVATION: 'Motivationsfremmende pakke',
  SICKNESS_BENEFIT: 'Sygedagpengepakke',
  MENTOR: 'Mentorpakke',
  COMBINATION: 'Kombinationspakke',
  WORK_TRIAL: 'Arbejdsprøvningspakke',
  SPECIAL: 'Særlig tilbudspakke',
};

// ---------------------------------------------------------------------------------------------------------------
// Exit status and outcome follow-up

export const ExitStatus = [
  'ORDINARY_JOB',
  'SMALL_JOB',
  'FLEX_JOB',
  'WAGE_SUBSIDY',
  'EDUCATION',
  'UNEMPLOYED',
  'OTHER_PUBLIC_BENEFIT',
  'DISABILITY_PENSION',
  'RESOURCE_PROGRAMME',
  'SICKNESS_BENEFIT',
  'MOVED',
  'UNKNOWN',
] as const;
export type ExitStatus = (typeof ExitStatus)[number];

export const ExitStatusLabelDa: Readonly<Record<ExitStatus, string>> = {
  ORDINARY_JOB: 'Ordinær beskæftigelse',
  SMALL_JOB: 'Småjob / ordinære timer',
  FLEX_JOB: 'Fleksjob',
  WAGE_SUBSIDY: 'Løntilskud',
  EDUCATION: 'Uddannelse',
  UNEMPLOYED: 'Ledighed',
  OTHER_PUBLIC_BENEFIT: 'Anden offentlig forsørgelse',
  DISABILITY_PENSION: 'Førtidspension',
  RESOURCE_PROGRAMME: 'Ressourceforløb',
  SICKNESS_BENEFIT: 'Sygedagpenge',
  MOVED: 'Fraflyttet',
  UNKNOWN: 'Ukendt',
};

/**
 * The exit statuses that count as "job or education" in the KPIs, exactly as DOMAIN.md defines it. WAGE_SUBSIDY is
 * not among them, so a subsidised job does not raise a provider's job-or-education share.
 */
export const JOB_OR_EDUCATION = [
  'ORDINARY_JOB',
  'SMALL_JOB',
  'FLEX_JOB',
  'EDUCATION',
] as const satisfies readonly ExitStatus[];
export type JobOrEducation = (typeof JOB_OR_EDUCATION)[number];

export function isJobOrEducation(status: ExitStatus): status is JobOrEducation {
  return isCode(JOB_OR_EDUCATION, status);
}

export const OutcomeHorizon = ['END_PLUS_3M', 'END_PLUS_6M', 'END_PLUS_12M'] as const;
export type OutcomeHorizon = (typeof OutcomeHorizon)[number];

/** Months after the course's end date at which each horizon falls due (use with `addMonths`). */
export const OutcomeHorizonMonths: Readonly<Record<OutcomeHorizon, number>> = {
  END_PLUS_3M: 3,
  END_PLUS_6M: 6,
  END_PLUS_12M: 12,
};

/**
 * Horizons a report can be cut at: the exit status at the end plus the follow-up horizons. The GraphQL schema of
 * API.md calls this enum `OutcomeHorizon` (with `AT_END`); outcomes are only ever recorded for the three
 * `OutcomeHorizon` values, which is why the two lists are kept apart here.
 */
export const ReportingHorizon = ['AT_END', ...OutcomeHorizon] as const;
export type ReportingHorizon = (typeof ReportingHorizon)[number];

// ---------------------------------------------------------------------------------------------------------------
// Placements

export const PlacementType = [
  'INTERNSHIP',
  'TASTER',
  'WAGE_SUBSIDY',
  'SMALL_JOB',
  'HYBRID',
  'FLEX_JOB',
  'ORDINARY_JOB',
  'ADULT_APPRENTICESHIP',
] as const;
export type PlacementType = (typeof PlacementType)[number];

export const PlacementTypeLabelDa: Readonly<Record<PlacementType, string>> = {
  INTERNSHIP: 'Virksomhedspraktik',
  TASTER: 'Snusepraktik',
  WAGE_SUBSIDY: 'Løntilskud',
  SMALL_JOB: 'Småjob / ordinære løntimer',
  HYBRID: 'Hybridpraktik',
  FLEX_JOB: 'Fleksjob',
  // DOMAIN.md gives no Danish term for this placement type; the exit status of the same name supplies it.
  ORDINARY_JOB: 'Ordinær beskæftigelse',
  ADULT_APPRENTICESHIP: 'Voksenlærling',
};

export const PlacementEndReason = [
  'COMPLETED',
  'CONVERTED_TO_JOB',
  'CITIZEN_SICK',
  'EMPLOYER_ENDED',
  'COMPANY_CLOSED',
  'OTHER',
] as const;
export type PlacementEndReason = (typeof PlacementEndReason)[number];

export const FollowUpMode = ['PHONE', 'ON_SITE', 'VIDEO'] as const;
export type FollowUpMode = (typeof FollowUpMode)[number];

// ---------------------------------------------------------------------------------------------------------------
// Progression and reports

export const Assessor = ['PROFESSIONAL', 'CITIZEN'] as const;
export type Assessor = (typeof Assessor)[number];

export const ReportKind = ['ENTRY', 'STATUS', 'FINAL'] as const;
export type ReportKind = (typeof ReportKind)[number];

/**
 * The scales every installation has. Scales are configurable and versioned, so a scale code on the wire is not
 * limited to these; this list only names the two that DOMAIN.md defines.
 */
export const BuiltInScaleCode = ['LADDER_12', 'RESOURCE_PROFILE_12'] as const;
export type BuiltInScaleCode = (typeof BuiltInScaleCode)[number];

/** Level codes of `LADDER_12` v1, in level order: level n is the code at index n - 1. */
export const Ladder12Level = [
  'NO_SHOW',
  'ATTENDS_FEW',
  'ATTENDS_HALF',
  'ATTENDS_MOST',
  'SECTOR_CLARIFIED',
  'JOB_SEARCH_ENROLLED',
  'INTERNSHIP_UP_TO_10H',
  'INTERNSHIP_OVER_10H',
  'WAGE_SUBSIDY_JOB',
  'SMALL_JOB_UP_TO_10H',
  'SMALL_JOB_OVER_10H',
  'FULL_TIME_OR_FLEX_JOB',
] as const;
export type Ladder12Level = (typeof Ladder12Level)[number];

export const Ladder12LevelLabelDa: Readonly<Record<Ladder12Level, string>> = {
  NO_SHOW: 'Møder ikke op',
  ATTENDS_FEW: 'Møder til få aktiviteter',
  ATTENDS_HALF: 'Møder til halvdelen af aktiviteterne',
  ATTENDS_MOST: 'Møder til de fleste aktiviteter',
  SECTOR_CLARIFIED: 'Afklaret ift. branchevalg',
  JOB_SEARCH_ENROLLED: 'Tilmeldt job- og praktiksøgning',
  INTERNSHIP_UP_TO_10H: 'Praktik (op til 10 timer)',
  INTERNSHIP_OVER_10H: 'Praktik (over 10 timer)',
  WAGE_SUBSIDY_JOB: 'Løntilskudsjob',
  SMALL_JOB_UP_TO_10H: 'Småjob (op til 10 timer)',
  SMALL_JOB_OVER_10H: 'Småjob (over 10 timer), deltidsjob',
  FULL_TIME_OR_FLEX_JOB: 'Job (fuldtid), fleksjob',
};

/** The numeric level (1–12) of a `LADDER_12` code; measurements carry the number, reports show the code. */
export function ladder12LevelValue(level: Ladder12Level): number {
  return Ladder12Level.indexOf(level) + 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Access

/** The `role` claim of the JWT (API.md). Lower case because that is how the claim is written on the wire. */
export const Role = ['jobcenter', 'provider', 'analyst', 'admin'] as const;
export type Role = (typeof Role)[number];

// ---------------------------------------------------------------------------------------------------------------
// Plural UPPER_SNAKE aliases, in the style of DOMAIN_ERROR_CODES (errors.ts), for code that prefers that spelling
// for runtime lists (libs/auth imports ROLES). Same arrays, not copies.

export const REFERRAL_STATUSES = ReferralStatus;
export const TARGET_GROUPS = TargetGroup;
export const PURPOSES = Purpose;
export const REJECT_REASONS = RejectReason;
export const CANCEL_REASONS = CancelReason;
export const END_REASONS = EndReason;
export const CHANGE_REQUEST_KINDS = ChangeRequestKind;
export const CHANGE_REQUEST_STATUSES = ChangeRequestStatus;
export const PACKAGE_TYPES = PackageType;
export const EXIT_STATUSES = ExitStatus;
export const OUTCOME_HORIZONS = OutcomeHorizon;
export const REPORTING_HORIZONS = ReportingHorizon;
export const PLACEMENT_TYPES = PlacementType;
export const PLACEMENT_END_REASONS = PlacementEndReason;
export const FOLLOW_UP_MODES = FollowUpMode;
export const ASSESSORS = Assessor;
export const REPORT_KINDS = ReportKind;
export const BUILT_IN_SCALE_CODES = BuiltInScaleCode;
export const LADDER_12_LEVELS = Ladder12Level;
export const ROLES = Role;
