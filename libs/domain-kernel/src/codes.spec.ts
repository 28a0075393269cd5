import {
  Assessor,
  BuiltInScaleCode,
  CancelReason,
  ChangeRequestKind,
  ChangeRequestStatus,
  EndReason,
  ExitStatus,
  ExitStatusLabelDa,
  FollowUpMode,
  isCode,
  isJobOrEducation,
  JOB_OR_EDUCATION,
  Ladder12Level,
  Ladder12LevelLabelDa,
  ladder12LevelValue,
  OutcomeHorizon,
  OutcomeHorizonMonths,
  PackageType,
  PackageTypeLabelDa,
  PlacementEndReason,
  PlacementType,
  PlacementTypeLabelDa,
  Purpose,
  PurposeLabelDa,
  ReferralStatus,
  RejectReason,
  ReportingHorizon,
  ReportKind,
  Role,
  ROLES,
  TargetGroup,
  TargetGroupLabelDa,
  EXIT_STATUSES,
} from './codes';

// The expected lists are copied by hand from DOMAIN.md, in its order. They are wire codes: a failure here means
// the public contract changed, which must be a deliberate decision, not a refactoring accident.
const FROM_DOMAIN_MD: ReadonlyArray<[string, readonly string[], readonly string[]]> = [
  [
    'ReferralStatus',
    ReferralStatus,
    ['RECEIVED', 'ACCEPTED', 'REJECTED', 'STARTED', 'PAUSED', 'COMPLETED', 'CANCELLED'],
  ],
  [
    'TargetGroup',
    TargetGroup,
    [
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
  ],
  [
    'Purpose',
    Purpose,
    [
      'JOB',
      'SMALL_JOB',
      'WORK_CAPACITY_CLARIFICATION',
      'SECTOR_CLARIFICATION',
      'EDUCATION',
      'MENTOR_SUPPORT',
      'SOCIAL_SUPPORT',
      'AVAILABILITY_ASSESSMENT',
      'RETENTION',
    ],
  ],
  [
    'PackageType',
    PackageType,
    [
      'ENTRY_MODULE',
      'JOB',
      'EDUCATION',
      'MOTIVATION',
      'SICKNESS_BENEFIT',
      'MENTOR',
      'COMBINATION',
      'WORK_TRIAL',
      'SPECIAL',
    ],
  ],
  ['RejectReason', RejectReason, ['NO_CAPACITY', 'OUTSIDE_TARGET_GROUP', 'CITIZEN_UNREACHABLE', 'DUPLICATE', 'OTHER']],
  [
    'EndReason',
    EndReason,
    ['PLANNED_END', 'GOT_JOB', 'STARTED_EDUCATION', 'SICK', 'NO_SHOW', 'MOVED', 'NEEDS_OTHER_SUPPORT', 'OTHER'],
  ],
  [
    'ExitStatus',
    ExitStatus,
    [
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
    ],
  ],
  ['JOB_OR_EDUCATION', JOB_OR_EDUCATION, ['ORDINARY_JOB', 'SMALL_JOB', 'FLEX_JOB', 'EDUCATION']],
  ['CancelReason', CancelReason, ['CITIZEN_MOVED', 'CASE_CLOSED', 'WRONG_REFERRAL', 'CITIZEN_GOT_JOB', 'OTHER']],
  ['ChangeRequestKind', ChangeRequestKind, ['EXTEND', 'CHANGE_HOURS', 'END_EARLY']],
  ['ChangeRequestStatus', ChangeRequestStatus, ['PENDING', 'APPROVED', 'REJECTED']],
  ['OutcomeHorizon', OutcomeHorizon, ['END_PLUS_3M', 'END_PLUS_6M', 'END_PLUS_12M']],
  ['ReportingHorizon', ReportingHorizon, ['AT_END', 'END_PLUS_3M', 'END_PLUS_6M', 'END_PLUS_12M']],
  [
    'PlacementType',
    PlacementType,
    ['INTERNSHIP', 'TASTER', 'WAGE_SUBSIDY', 'SMALL_JOB', 'HYBRID', 'FLEX_JOB', 'ORDINARY_JOB', 'ADULT_APPRENTICESHIP'],
  ],
  [
    'PlacementEndReason',
    PlacementEndReason,
    ['COMPLETED', 'CONVERTED_TO_JOB', 'CITIZEN_SICK', 'EMPLOYER_ENDED', 'COMPANY_CLOSED', 'OTHER'],
  ],
  ['FollowUpMode', FollowUpMode, ['PHONE', 'ON_SITE', 'VIDEO']],
  ['Assessor', Assessor, ['PROFESSIONAL', 'CITIZEN']],
  ['ReportKind', ReportKind, ['ENTRY', 'STATUS', 'FINAL']],
  ['Role', Role, ['jobcenter', 'provider', 'analyst', 'admin']],
  ['BuiltInScaleCode', BuiltInScaleCode, ['LADDER_12', 'RESOURCE_PROFILE_12']],
  [
    'Ladder12Level',
    Ladder12Level,
    [
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
    ],
  ],
];

describe('code lists', () => {
  it.each(FROM_DOMAIN_MD)('%s matches DOMAIN.md exactly, in order', (_name, actual, expected) => {
    expect([...actual]).toEqual(expected);
  });

  it('has the counts of DOMAIN.md', () => {
    const counts = Object.fromEntries(FROM_DOMAIN_MD.map(([name, list]) => [name, list.length]));
    expect(counts).toEqual({
      ReferralStatus: 7,
      TargetGroup: 9,
      Purpose: 9,
      PackageType: 9,
      RejectReason: 5,
      EndReason: 8,
      ExitStatus: 12,
      JOB_OR_EDUCATION: 4,
      CancelReason: 5,
      ChangeRequestKind: 3,
      ChangeRequestStatus: 3,
      OutcomeHorizon: 3,
      ReportingHorizon: 4,
      PlacementType: 8,
      PlacementEndReason: 6,
      FollowUpMode: 3,
      Assessor: 2,
      ReportKind: 3,
      Role: 4,
      BuiltInScaleCode: 2,
      Ladder12Level: 12,
    });
  });

  it.each(FROM_DOMAIN_MD)('%s has no duplicates and only wire-safe codes', (name, list) => {
    expect(new Set(list).size).toBe(list.length);
    const pattern = name === 'Role' ? /^[a-z]+$/ : /^[A-Z][A-Z0-9_]*$/;
    for (const code of list) expect(code).toMatch(pattern);
  });

  it('keeps the plural aliases identical to the lists', () => {
    expect(ROLES).toBe(Role);
    expect(EXIT_STATUSES).toBe(ExitStatus);
  });
});

describe('Danish labels', () => {
  const labelMaps: ReadonlyArray<[string, readonly string[], Readonly<Record<string, string>>]> = [
    ['TargetGroup', TargetGroup, TargetGroupLabelDa],
    ['Purpose', Purpose, PurposeLabelDa],
    ['PackageType', PackageType, PackageTypeLabelDa],
    ['ExitStatus', ExitStatus, ExitStatusLabelDa],
    ['PlacementType', PlacementType, PlacementTypeLabelDa],
    ['Ladder12Level', Ladder12Level, Ladder12LevelLabelDa],
  ];

  it.each(labelMaps)('%s has a non-empty label for every code and nothing else', (_name, list, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...list].sort());
    for (const code of list) expect(labels[code]?.trim()).toBeTruthy();
  });

  it('uses the Danish terms of DOMAIN.md', () => {
    expect(PackageTypeLabelDa.ENTRY_MODULE).toBe('Indgangsmodul');
    expect(ExitStatusLabelDa.OTHER_PUBLIC_BENEFIT).toBe('Anden offentlig forsørgelse');
    expect(PlacementTypeLabelDa.TASTER).toBe('Snusepraktik');
    expect(Ladder12LevelLabelDa.NO_SHOW).toBe('Møder ikke op');
    expect(Ladder12LevelLabelDa.FULL_TIME_OR_FLEX_JOB).toBe('Job (fuldtid), fleksjob');
  });
});

describe('isCode', () => {
  it('accepts members and refuses everything else', () => {
    expect(isCode(ReferralStatus, 'STARTED')).toBe(true);
    expect(isCode(ReferralStatus, 'started')).toBe(false);
    expect(isCode(ReferralStatus, 'UNKNOWN')).toBe(false);
    expect(isCode(ReferralStatus, '')).toBe(false);
    expect(isCode(ReferralStatus, undefined)).toBe(false);
    expect(isCode(ReferralStatus, 7)).toBe(false);
    expect(isCode(ReferralStatus, { toString: () => 'STARTED' })).toBe(false);
  });

  it('narrows the type', () => {
    const input: unknown = 'PHONE';
    if (!isCode(FollowUpMode, input)) throw new Error('expected a follow-up mode');
    const mode: FollowUpMode = input;
    expect(mode).toBe('PHONE');
  });
});

describe('job or education', () => {
  it('is a subset of ExitStatus and excludes wage subsidy', () => {
    for (const s of JOB_OR_EDUCATION) expect(ExitStatus).toContain(s);
    expect(ExitStatus.filter(isJobOrEducation)).toEqual(['ORDINARY_JOB', 'SMALL_JOB', 'FLEX_JOB', 'EDUCATION']);
    expect(isJobOrEducation('WAGE_SUBSIDY')).toBe(false);
  });
});

describe('LADDER_12 levels and horizons', () => {
  it('numbers the ladder 1–12 in DOMAIN.md order', () => {
    expect(ladder12LevelValue('NO_SHOW')).toBe(1);
    expect(ladder12LevelValue('INTERNSHIP_UP_TO_10H')).toBe(7);
    expect(ladder12LevelValue('FULL_TIME_OR_FLEX_JOB')).toBe(12);
  });

  it('gives each outcome horizon its months', () => {
    expect(OutcomeHorizonMonths).toEqual({ END_PLUS_3M: 3, END_PLUS_6M: 6, END_PLUS_12M: 12 });
  });
});
