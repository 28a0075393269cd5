import {
  addMonths,
  OutcomeHorizon,
  OutcomeHorizonMonths,
  type ExitStatus,
  type LocalDate,
  type ReferralStatus,
} from '@platform/domain-kernel';
import type { CitizenSecrets } from '../citizen/citizen-vault';
import type { OutcomeEntity } from './outcome.entity';
import type { ReferralHistoryEntity } from './referral-history.entity';
import type { ReferralEntity } from './referral.entity';

export interface HistoryView {
  action: string;
  status: ReferralStatus;
  at: string;
  by: string;
  byRole: string;
  byName?: string;
  reason?: string;
  comment?: string;
  data?: Record<string, string | number | boolean | null>;
}

export interface OutcomeView {
  horizon: OutcomeHorizon;
  dueDate: LocalDate;
  status: ExitStatus | null;
  observedAt: LocalDate | null;
  recordedAt: string | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The public shape of a referral (API.md); `citizen` only where personal data may be shown. */
export function referralView(
  referral: ReferralEntity,
  extra: { citizen?: CitizenSecrets; history?: ReferralHistoryEntity[]; outcomes?: OutcomeEntity[] } = {},
) {
  const { citizen } = extra;
  return {
    id: referral.id,
    externalRef: referral.externalRef,
    municipalityCode: referral.municipalityCode,
    providerId: referral.providerId,
    offerId: referral.offerId,
    packageType: referral.packageType,
    status: referral.status,
    citizen: citizen
      ? {
          cpr: citizen.cpr,
          name: citizen.name,
          phone: citizen.phone ?? null,
          email: citizen.email ?? null,
          interpreterNeeded: referral.interpreterNeeded,
          pseudonym: referral.citizenPseudonym,
        }
      : { pseudonym: referral.citizenPseudonym, interpreterNeeded: referral.interpreterNeeded },
    caseworker: referral.caseworker,
    targetGroup: referral.targetGroup,
    purposes: referral.purposes,
    focusPoints: referral.focusPoints,
    accommodations: citizen?.accommodations,
    hoursPerWeek: referral.hoursPerWeek,
    plannedStart: referral.plannedStart,
    plannedWeeks: referral.plannedWeeks,
    plannedEnd: referral.plannedEnd,
    expectedStart: referral.expectedStart,
    startDate: referral.startDate,
    pausedFrom: referral.pausedFrom,
    endDate: referral.endDate,
    endReason: referral.endReason,
    exitStatus: referral.exitStatus,
    serviceLevels: {
      answerDue: referral.answerDue,
      startDue: referral.startDue,
      answeredAt: iso(referral.answeredAt),
      answeredOnTime: referral.answeredAt ? referral.answeredAt.toISOString().slice(0, 10) <= referral.answerDue : null,
      startedOnTime: referral.startDate ? referral.startDate <= referral.startDue : null,
    },
    ...(extra.history ? { history: extra.history.map(historyView) } : {}),
    ...(extra.outcomes ? { outcomes: outcomesView(referral, extra.outcomes) } : {}),
    receivedAt: referral.receivedAt.toISOString(),
    updatedAt: referral.updatedAt.toISOString(),
    version: referral.version,
  };
}

export type ReferralView = ReturnType<typeof referralView>;

function historyView(entry: ReferralHistoryEntity): HistoryView {
  return {
    action: entry.action,
    status: entry.status,
    at: entry.at.toISOString(),
    by: entry.bySub,
    byRole: entry.byRole,
    ...(entry.byName ? { byName: entry.byName } : {}),
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(entry.comment ? { comment: entry.comment } : {}),
    ...(entry.data ? { data: entry.data } : {}),
  };
}

/** Every horizon of a completed course with its due date, recorded or not; nothing before the course ends. */
function outcomesView(referral: ReferralEntity, outcomes: OutcomeEntity[]): OutcomeView[] {
  if (!referral.endDate) return [];
  const endDate = referral.endDate;
  return OutcomeHorizon.map((horizon) => {
    const recorded = outcomes.find((o) => o.horizon === horizon);
    return {
      horizon,
      dueDate: addMonths(endDate, OutcomeHorizonMonths[horizon]),
      status: recorded?.status ?? null,
      observedAt: recorded?.observedAt ?? null,
      recordedAt: recorded ? recorded.recordedAt.toISOString() : null,
    };
  });
}
