import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertCourseAccess, type Actor } from '@platform/auth';
import { CourseChangedSchema } from '@platform/contracts';
import { daysBetween, DomainError, notFound } from '@platform/domain-kernel';
import { assertIfMatch } from '@platform/http';
import { managerOf, UnitOfWork } from '@platform/messaging';
import { courseEvent } from '../referrals/referral-events';
import { ReferralHistoryEntity } from '../referrals/referral-history.entity';
import { isTerminal } from '../referrals/referral-state';
import { ReferralEntity } from '../referrals/referral.entity';
import type { DecideChangeDto, ProposeChangeDto } from './change-request.dto';
import { ChangeRequestEntity } from './change-request.entity';

const rule = (field: string, message: string) =>
  new DomainError('RULE_VIOLATED', `${field}: ${message}`, { errors: [{ field, message }] });

export function changeRequestView(cr: ChangeRequestEntity) {
  return {
    id: cr.id,
    referralId: cr.referralId,
    kind: cr.kind,
    status: cr.status,
    newEndDate: cr.newEndDate,
    hoursPerWeek: cr.hoursPerWeek,
    reason: cr.reason,
    proposedBy: cr.proposedBy,
    proposedAt: cr.proposedAt.toISOString(),
    decidedBy: cr.decidedBy,
    decidedAt: cr.decidedAt?.toISOString() ?? null,
    decisionComment: cr.decisionComment,
    version: cr.version,
  };
}

/** Change requests: the provider proposes, the jobcenter decides, approval changes the course plan. */
@Injectable()
export class ChangeRequestUseCases {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  async propose(actor: Actor, referralId: string, dto: ProposeChangeDto): Promise<ChangeRequestEntity> {
    return this.unitOfWork.run(async (manager) => {
      const referral = assertCourseAccess(
        actor,
        'write-as-provider',
        await manager.findOne(ReferralEntity, { where: { id: referralId }, lock: { mode: 'pessimistic_write' } }),
        'Referral',
        referralId,
      );
      assertIfMatch(referral, `Referral ${referralId}`);
      if (!['ACCEPTED', 'STARTED', 'PAUSED'].includes(referral.status)) {
        throw new DomainError(
          'INVALID_TRANSITION',
          `Cannot propose a change to a referral that is ${referral.status}`,
          {
            currentStatus: referral.status,
          },
        );
      }
      switch (dto.kind) {
        case 'EXTEND':
          if (dto.newEndDate! <= referral.plannedEnd) throw rule('newEndDate', `must be after ${referral.plannedEnd}`);
          break;
        case 'END_EARLY':
          if (dto.newEndDate! >= referral.plannedEnd) throw rule('newEndDate', `must be before ${referral.plannedEnd}`);
          if (dto.newEndDate! < (referral.startDate ?? referral.plannedStart)) {
            throw rule('newEndDate', 'must not be before the course starts');
          }
          break;
        case 'CHANGE_HOURS':
          if (dto.hoursPerWeek === referral.hoursPerWeek) throw rule('hoursPerWeek', 'is already the weekly hours');
          break;
      }
      if (await manager.existsBy(ChangeRequestEntity, { referralId, kind: dto.kind, status: 'PENDING' })) {
        throw new DomainError('CONFLICT', `A ${dto.kind} change request is already pending for this referral`);
      }
      const now = new Date();
      const cr = Object.assign(new ChangeRequestEntity(), {
        id: randomUUID(),
        referralId,
        kind: dto.kind,
        status: 'PENDING',
        newEndDate: dto.kind === 'CHANGE_HOURS' ? null : (dto.newEndDate ?? null),
        hoursPerWeek: dto.kind === 'CHANGE_HOURS' ? (dto.hoursPerWeek ?? null) : null,
        reason: dto.reason ?? null,
        proposedBy: actor.sub,
        proposedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionComment: null,
        version: 1,
      });
      await manager.insert(ChangeRequestEntity, cr);
      // The referral's history gains a line: a new version of the referral (its ETag changes).
      await manager.update(ReferralEntity, { id: referralId }, { updatedAt: now });
      await manager.insert(ReferralHistoryEntity, {
        referralId,
        action: 'change-proposed',
        status: referral.status,
        at: now,
        bySub: actor.sub,
        byRole: actor.role,
        byName: actor.name ?? null,
        reason: dto.reason ?? null,
        data: { changeRequestId: cr.id, kind: cr.kind },
      });
      return cr;
    });
  }

  async decide(actor: Actor, crId: string, approve: boolean, dto: DecideChangeDto): Promise<ChangeRequestEntity> {
    return this.unitOfWork.run(async (manager, publish) => {
      const cr = await manager.findOne(ChangeRequestEntity, {
        where: { id: crId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!cr) throw notFound('Change request', crId);
      const referral = await manager.findOne(ReferralEntity, {
        where: { id: cr.referralId },
        lock: { mode: 'pessimistic_write' },
      });
      assertCourseAccess(actor, 'write-as-jobcenter', referral, 'Change request', crId);
      assertIfMatch(cr, `Change request ${crId}`);
      if (cr.status !== 'PENDING') {
        throw new DomainError('INVALID_TRANSITION', `The change request is already ${cr.status}`, {
          currentStatus: cr.status,
        });
      }
      if (approve && isTerminal(referral!.status)) {
        throw new DomainError('INVALID_TRANSITION', `Cannot change a referral that is ${referral!.status}`, {
          currentStatus: referral!.status,
        });
      }
      const now = new Date();
      Object.assign(cr, {
        status: approve ? 'APPROVED' : 'REJECTED',
        decidedBy: actor.sub,
        decidedAt: now,
        decisionComment: dto.comment ?? null,
        version: cr.version + 1,
      });
      const { status, decidedBy, decidedAt, decisionComment, version } = cr;
      await manager.update(
        ChangeRequestEntity,
        { id: cr.id },
        { status, decidedBy, decidedAt, decisionComment, version },
      );
      const course = referral!;
      if (approve) {
        if (cr.newEndDate) {
          course.plannedEnd = cr.newEndDate;
          course.plannedWeeks = Math.max(1, Math.ceil((daysBetween(course.plannedStart, cr.newEndDate) + 1) / 7));
        }
        if (cr.hoursPerWeek !== null) course.hoursPerWeek = cr.hoursPerWeek;
        await manager.update(
          ReferralEntity,
          { id: course.id },
          {
            plannedEnd: course.plannedEnd,
            plannedWeeks: course.plannedWeeks,
            hoursPerWeek: course.hoursPerWeek,
            updatedAt: now,
            version: course.version + 1,
          },
        );
        await publish(
          courseEvent(CourseChangedSchema, {
            referralId: course.id,
            changeRequestId: cr.id,
            kind: cr.kind,
            plannedEnd: course.plannedEnd,
            hoursPerWeek: course.hoursPerWeek,
            approvedAt: now.toISOString(),
          }),
        );
      } else {
        // A rejection only adds a history line to the referral: still a new version of it.
        await manager.update(ReferralEntity, { id: course.id }, { updatedAt: now });
      }
      await manager.insert(ReferralHistoryEntity, {
        referralId: course.id,
        action: approve ? 'change-approved' : 'change-rejected',
        status: course.status,
        at: now,
        bySub: actor.sub,
        byRole: actor.role,
        byName: actor.name ?? null,
        comment: dto.comment ?? null,
        data: { changeRequestId: cr.id, kind: cr.kind },
      });
      return cr;
    });
  }

  /** One change request, to whoever may read its referral (others: 404). */
  async get(actor: Actor, crId: string): Promise<ChangeRequestEntity> {
    const cr = await managerOf(this.dataSource).findOneBy(ChangeRequestEntity, { id: crId });
    if (!cr) throw notFound('Change request', crId);
    const referral = await managerOf(this.dataSource).findOneBy(ReferralEntity, { id: cr.referralId });
    assertCourseAccess(actor, 'read', referral, 'Change request', crId);
    return cr;
  }

  async list(actor: Actor, referralId: string): Promise<ChangeRequestEntity[]> {
    const referral = await managerOf(this.dataSource).findOneBy(ReferralEntity, { id: referralId });
    assertCourseAccess(actor, 'read', referral, 'Referral', referralId);
    return managerOf(this.dataSource).find(ChangeRequestEntity, {
      where: { referralId },
      order: { proposedAt: 'ASC' },
    });
  }
}
