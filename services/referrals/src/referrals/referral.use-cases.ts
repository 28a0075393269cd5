import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertCourseAccess, assertNamesOwnTenant, assertRoleMay, type Actor } from '@platform/auth';
import {
  CourseCompletedSchema,
  CoursePausedSchema,
  CourseResumedSchema,
  CourseStartedSchema,
  OutcomeRecordedSchema,
  ReferralAcceptedSchema,
  ReferralCancelledSchema,
  ReferralReceivedSchema,
  ReferralRejectedSchema,
} from '@platform/contracts';
import {
  addDays,
  addWorkingDays,
  DomainError,
  type LocalDate,
  notInTheFuture,
  parseCpr,
  todayInCopenhagen,
} from '@platform/domain-kernel';
import { assertIfMatch, toProblem, validateDto, type Problem } from '@platform/http';
import { managerOf, OutboxRecord, type OutgoingEvent, UnitOfWork } from '@platform/messaging';
import { insertTogether } from '@platform/persistence';
import { CitizenVault } from '../citizen/citizen-vault';
import { CatalogueCache } from '../catalogue/catalogue.cache';
import { ReferralsConfig } from '../config';
import { OutcomeEntity } from './outcome.entity';
import { courseEvent } from './referral-events';
import { ReferralHistoryEntity } from './referral-history.entity';
import { ACTION_ROLE, transition, type ReferralAction } from './referral-state';
import type {
  AcceptDto,
  CancelDto,
  CompleteDto,
  PauseDto,
  RecordOutcomeDto,
  RejectDto,
  ResumeDto,
  StartDto,
} from './referral.dto';
import { CreateReferralDto } from './referral.dto';
import { ReferralEntity } from './referral.entity';
import { referralView, type ReferralView } from './referral.view';

const ruleViolated = (field: string, message: string) =>
  new DomainError('RULE_VIOLATED', `${field}: ${message}`, { errors: [{ field, message }] });

/** What a transition changes besides the status, and the event that tells the other services. */
interface Change {
  patch: Partial<ReferralEntity>;
  event: OutgoingEvent;
  reason?: string;
  comment?: string;
  data?: Record<string, string | number | boolean | null>;
}

export interface BatchResult {
  index: number;
  status: number;
  id?: string;
  problem?: Problem;
}

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';

@Injectable()
export class ReferralUseCases {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly vault: CitizenVault,
    private readonly config: ReferralsConfig,
    private readonly catalogue: CatalogueCache,
  ) {}

  async create(actor: Actor, dto: CreateReferralDto): Promise<ReferralView> {
    assertRoleMay(actor, 'write-as-jobcenter');
    assertNamesOwnTenant(actor, 'municipalityCode', dto.municipalityCode);
    const [provider, offer] = await Promise.all([
      this.catalogue.provider(dto.providerId),
      this.catalogue.offer(dto.offerId),
    ]);
    if (!provider) {
      throw new DomainError('UNKNOWN_REFERENCE', `Provider ${dto.providerId} does not exist`, {
        errors: [{ field: 'providerId', message: 'no such provider' }],
      });
    }
    if (!offer || offer.providerId !== provider.id) {
      throw new DomainError('UNKNOWN_REFERENCE', `Offer ${dto.offerId} is not an offer of provider ${provider.id}`, {
        errors: [{ field: 'offerId', message: 'no such offer for this provider' }],
      });
    }
    if (!provider.municipalities.includes(dto.municipalityCode)) {
      throw ruleViolated('providerId', `the provider has no agreement with municipality ${dto.municipalityCode}`);
    }
    if (offer.maxWeeks !== null && dto.plannedWeeks > offer.maxWeeks) {
      throw ruleViolated('plannedWeeks', `the offer runs at most ${offer.maxWeeks} weeks`);
    }

    const cpr = parseCpr(dto.citizen.cpr);
    if (!cpr.ok) throw ruleViolated('citizen.cpr', cpr.reason);
    const secrets = {
      cpr: cpr.value,
      name: dto.citizen.name,
      phone: dto.citizen.phone,
      email: dto.citizen.email,
      accommodations: dto.accommodations ?? [],
    };
    const now = new Date();
    const today = todayInCopenhagen(now);
    const referral: ReferralEntity = Object.assign(new ReferralEntity(), {
      id: randomUUID(),
      externalRef: dto.externalRef,
      municipalityCode: dto.municipalityCode,
      providerId: provider.id,
      offerId: offer.id,
      packageType: offer.packageType,
      citizenSealed: this.vault.seal(secrets),
      citizenPseudonym: this.vault.pseudonym(cpr.value),
      interpreterNeeded: dto.citizen.interpreterNeeded ?? false,
      caseworker: { name: dto.caseworker.name, email: dto.caseworker.email, phone: dto.caseworker.phone },
      targetGroup: dto.targetGroup,
      purposes: dto.purposes,
      focusPoints: dto.focusPoints ?? [],
      hoursPerWeek: dto.hoursPerWeek,
      plannedStart: dto.plannedStart,
      plannedWeeks: dto.plannedWeeks,
      plannedEnd: addDays(dto.plannedStart, dto.plannedWeeks * 7 - 1),
      status: 'RECEIVED',
      expectedStart: null,
      startDate: null,
      pausedFrom: null,
      endDate: null,
      endReason: null,
      exitStatus: null,
      answerDue: addWorkingDays(today, offer.answerWithinWorkingDays ?? this.config.SLA_ANSWER_WORKING_DAYS),
      startDue: addWorkingDays(today, offer.startWithinWorkingDays ?? this.config.SLA_START_WORKING_DAYS),
      answeredAt: null,
      receivedAt: now,
      updatedAt: now,
      version: 1,
    });

    const received = this.unitOfWork.outboxRow(
      courseEvent(ReferralReceivedSchema, {
        referralId: referral.id,
        externalRef: referral.externalRef,
        municipalityCode: referral.municipalityCode,
        providerId: referral.providerId,
        offerId: referral.offerId,
        packageType: referral.packageType,
        tenderArea: offer.tenderArea ?? undefined,
        targetGroup: referral.targetGroup,
        purposes: referral.purposes,
        hoursPerWeek: referral.hoursPerWeek,
        plannedStart: referral.plannedStart,
        plannedWeeks: referral.plannedWeeks,
        citizenPseudonym: referral.citizenPseudonym,
        receivedAt: now.toISOString(),
        answerDue: referral.answerDue,
        startDue: referral.startDue,
      }),
    );
    try {
      // One statement for the referral, its first history line and its event: the hot path of every jobcenter.
      const seqs = await this.unitOfWork.statement((manager) =>
        insertTogether(
          manager,
          [
            [ReferralEntity, referral],
            [ReferralHistoryEntity, this.historyRow(actor, referral, 'create', now, {})],
            [OutboxRecord, received],
          ],
          'seq',
        ),
      );
      await this.unitOfWork.committed(seqs);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findByExternalRef(dto.municipalityCode, dto.externalRef);
      throw winner ? this.duplicate(dto, winner) : error;
    }
    return referralView(referral, { citizen: secrets, history: [], outcomes: [] });
  }

  /** Up to 1000 referrals; each item is validated and created on its own and gets its own result. */
  async createBatch(actor: Actor, items: unknown[]): Promise<{ results: BatchResult[] }> {
    const results: BatchResult[] = [];
    // The events of all items are waited for once, after the last (ADR 0050).
    await this.unitOfWork.batch(async () => {
      for (const [index, item] of items.entries()) {
        try {
          const dto = await validateDto(CreateReferralDto, item);
          const created = await this.create(actor, dto);
          results.push({ index, status: 201, id: created.id });
        } catch (error) {
          const problem = toProblem(error);
          if (problem.status >= 500) throw error;
          results.push({ index, status: problem.status, problem });
        }
      }
    });
    return { results };
  }

  accept(actor: Actor, id: string, dto: AcceptDto): Promise<ReferralEntity> {
    return this.act(actor, id, 'accept', (referral, now) => ({
      patch: { expectedStart: dto.expectedStart ?? null, answeredAt: now },
      data: dto.expectedStart ? { expectedStart: dto.expectedStart } : undefined,
      event: courseEvent(ReferralAcceptedSchema, {
        referralId: referral.id,
        acceptedAt: now.toISOString(),
        expectedStart: dto.expectedStart,
      }),
    }));
  }

  reject(actor: Actor, id: string, dto: RejectDto): Promise<ReferralEntity> {
    return this.act(actor, id, 'reject', (referral, now) => ({
      patch: { answeredAt: now },
      reason: dto.reason,
      comment: dto.comment,
      event: courseEvent(ReferralRejectedSchema, {
        referralId: referral.id,
        rejectedAt: now.toISOString(),
        reason: dto.reason,
      }),
    }));
  }

  start(actor: Actor, id: string, dto: StartDto): Promise<ReferralEntity> {
    return this.act(actor, id, 'start', (referral, now) => {
      const receivedOn = todayInCopenhagen(referral.receivedAt);
      if (dto.startDate > todayInCopenhagen(now))
        throw ruleViolated('startDate', notInTheFuture(todayInCopenhagen(now)));
      if (dto.startDate < receivedOn)
        throw ruleViolated(
          'startDate',
          `must not be before the referral (received ${receivedOn}, a Europe/Copenhagen date)`,
        );
      return {
        patch: { startDate: dto.startDate },
        data: { startDate: dto.startDate },
        event: courseEvent(CourseStartedSchema, { referralId: referral.id, startDate: dto.startDate }),
      };
    });
  }

  pause(actor: Actor, id: string, dto: PauseDto): Promise<ReferralEntity> {
    return this.act(actor, id, 'pause', (referral) => {
      notBefore('from', dto.from, referral.startDate);
      return {
        patch: { pausedFrom: dto.from },
        reason: dto.reason,
        data: { from: dto.from },
        event: courseEvent(CoursePausedSchema, { referralId: referral.id, pauseDate: dto.from }),
      };
    });
  }

  resume(actor: Actor, id: string, dto: ResumeDto): Promise<ReferralEntity> {
    return this.act(actor, id, 'resume', (referral) => {
      notBefore('date', dto.date, referral.pausedFrom);
      return {
        patch: { pausedFrom: null },
        data: { date: dto.date, pausedFrom: referral.pausedFrom },
        event: courseEvent(CourseResumedSchema, { referralId: referral.id, resumeDate: dto.date }),
      };
    });
  }

  complete(actor: Actor, id: string, dto: CompleteDto): Promise<ReferralEntity> {
    return this.act(actor, id, 'complete', (referral, now) => {
      notBefore('endDate', dto.endDate, referral.startDate);
      if (dto.endDate > todayInCopenhagen(now)) throw ruleViolated('endDate', notInTheFuture(todayInCopenhagen(now)));
      return {
        patch: { endDate: dto.endDate, endReason: dto.endReason, exitStatus: dto.exitStatus, pausedFrom: null },
        reason: dto.endReason,
        comment: dto.comment,
        data: { endDate: dto.endDate, exitStatus: dto.exitStatus },
        event: courseEvent(CourseCompletedSchema, {
          referralId: referral.id,
          endDate: dto.endDate,
          endReason: dto.endReason,
          exitStatus: dto.exitStatus,
        }),
      };
    });
  }

  cancel(actor: Actor, id: string, dto: CancelDto): Promise<ReferralEntity> {
    return this.act(actor, id, 'cancel', (referral, now) => ({
      patch: { pausedFrom: null },
      reason: dto.reason,
      comment: dto.comment,
      event: courseEvent(ReferralCancelledSchema, {
        referralId: referral.id,
        cancelledAt: now.toISOString(),
        reason: dto.reason,
      }),
    }));
  }

  /** The jobcenter records the citizen's status at a follow-up horizon of a completed course. */
  async recordOutcome(actor: Actor, id: string, dto: RecordOutcomeDto): Promise<OutcomeEntity> {
    return this.unitOfWork.run(async (manager, publish) => {
      const referral = assertCourseAccess(
        actor,
        'write-as-jobcenter',
        await this.lockReferral(manager, id),
        'Referral',
        id,
      );
      assertIfMatch(referral, `Referral ${id}`);
      if (referral.status !== 'COMPLETED' || !referral.endDate) {
        throw new DomainError(
          'INVALID_TRANSITION',
          `Outcomes are recorded for completed courses; this one is ${referral.status}`,
          {
            currentStatus: referral.status,
          },
        );
      }
      notBefore('observedAt', dto.observedAt, referral.endDate);
      const now = new Date();
      if (dto.observedAt > todayInCopenhagen(now))
        throw ruleViolated('observedAt', notInTheFuture(todayInCopenhagen(now)));
      if (await manager.existsBy(OutcomeEntity, { referralId: id, horizon: dto.horizon })) {
        throw new DomainError('CONFLICT', `The ${dto.horizon} outcome of referral ${id} is already recorded`);
      }
      const outcome = Object.assign(new OutcomeEntity(), {
        referralId: id,
        horizon: dto.horizon,
        status: dto.status,
        observedAt: dto.observedAt,
        recordedBy: actor.sub,
        recordedAt: now,
      });
      await manager.insert(OutcomeEntity, outcome);
      await manager.update(ReferralEntity, { id }, { updatedAt: now });
      await this.addHistory(manager, actor, referral, 'outcome', now, {
        data: { horizon: dto.horizon, status: dto.status, observedAt: dto.observedAt },
      });
      await publish(
        courseEvent(OutcomeRecordedSchema, {
          referralId: id,
          horizon: dto.horizon,
          exitStatus: dto.status,
          observedDate: dto.observedAt,
        }),
      );
      return outcome;
    });
  }

  private act(
    actor: Actor,
    id: string,
    action: ReferralAction,
    change: (referral: ReferralEntity, now: Date) => Change,
  ): Promise<ReferralEntity> {
    return this.unitOfWork.run(async (manager, publish) => {
      const access = ACTION_ROLE[action] === 'jobcenter' ? 'write-as-jobcenter' : 'write-as-provider';
      const referral = assertCourseAccess(actor, access, await this.lockReferral(manager, id), 'Referral', id);
      assertIfMatch(referral, `Referral ${id}`);
      const status = transition(referral.status, action);
      const now = new Date();
      const { patch, event, reason, comment, data } = change(referral, now);
      Object.assign(referral, patch, { status, updatedAt: now, version: referral.version + 1 });
      await manager.update(ReferralEntity, { id }, { ...patch, status, updatedAt: now, version: referral.version });
      await this.addHistory(manager, actor, referral, action, now, { reason, comment, data });
      await publish(event);
      return referral;
    });
  }

  private lockReferral(manager: EntityManager, id: string): Promise<ReferralEntity | null> {
    return manager.findOne(ReferralEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async addHistory(
    manager: EntityManager,
    actor: Actor,
    referral: ReferralEntity,
    action: string,
    at: Date,
    details: { reason?: string; comment?: string; data?: Record<string, string | number | boolean | null> },
  ): Promise<void> {
    await manager.insert(ReferralHistoryEntity, this.historyRow(actor, referral, action, at, details));
  }

  private historyRow(
    actor: Actor,
    referral: ReferralEntity,
    action: string,
    at: Date,
    details: { reason?: string; comment?: string; data?: Record<string, string | number | boolean | null> },
  ) {
    return {
      referralId: referral.id,
      action,
      status: referral.status,
      at,
      bySub: actor.sub,
      byRole: actor.role,
      byName: actor.name ?? null,
      reason: details.reason ?? null,
      comment: details.comment ?? null,
      data: details.data ?? null,
    };
  }

  private findByExternalRef(municipalityCode: string, externalRef: string): Promise<ReferralEntity | null> {
    return managerOf(this.dataSource).findOne(ReferralEntity, {
      where: { municipalityCode, externalRef },
      select: { id: true, externalRef: true },
    });
  }

  private duplicate(dto: CreateReferralDto, existing: ReferralEntity): DomainError {
    return new DomainError('CONFLICT', `externalRef ${dto.externalRef} is already used by referral ${existing.id}`, {
      existingId: existing.id,
      errors: [{ field: 'externalRef', message: 'already used in this municipality' }],
    });
  }
}

function notBefore(field: string, date: LocalDate, earliest: LocalDate | null): void {
  if (earliest && date < earliest) {
    throw new DomainError('RULE_VIOLATED', `${field}: must not be before ${earliest}`, {
      errors: [{ field, message: `must not be before ${earliest}` }],
    });
  }
}
