import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@platform/auth';
import {
  FollowUpRecordedSchema,
  PlacementEndedSchema,
  PlacementHoursChangedSchema,
  PlacementStartedSchema,
} from '@platform/contracts';
import {
  DomainError,
  type FieldError,
  type LocalDate,
  notFound,
  notInTheFuture,
  todayInCopenhagen,
} from '@platform/domain-kernel';
import { assertIfMatch } from '@platform/http';
import { UnitOfWork } from '@platform/messaging';
import { assertVisible, assertWrites, visibleCourse, type KnownCourse } from '../courses/course-access';
import { CourseEntity } from '@platform/course';
import { FollowUpEntity } from './follow-up.entity';
import { LogbookEntryEntity } from './logbook-entry.entity';
import { placementEvent } from './placement-events';
import { PlacementHoursEntity, type HoursChangeKind } from './placement-hours.entity';
import {
  assertCourseStarted,
  assertNoViolations,
  conversionErrors,
  courseWindow,
  datesInside,
  paidHoursErrors,
  placementErrors,
  typeAfterHours,
} from './placement-rules';
import type {
  ChangeHoursDto,
  ConvertHoursDto,
  CreatePlacementDto,
  EndPlacementDto,
  LogbookDto,
  RecordFollowUpDto,
} from './placement.dto';
import { PlacementEntity } from './placement.entity';
import { placementViews } from './placement.queries';
import { currentHours, type PlacementView } from './placement.view';

const notInFuture = (field: string, value: LocalDate, today: LocalDate): FieldError[] =>
  value > today ? [{ field, message: notInTheFuture(today) }] : [];

@Injectable()
export class PlacementUseCases {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** A new placement for a STARTED referral of the calling provider, with its first hours line and event. */
  create(actor: Actor, referralId: string, dto: CreatePlacementDto): Promise<PlacementView> {
    assertWrites(actor);
    return this.unitOfWork.run(async (manager, publish) => {
      // Locking the course serialises placements of one course, so the concurrency flag sees them all.
      const course = await visibleCourse(manager, actor, referralId, true, 'write-as-provider');
      assertCourseStarted(course);
      const paid = dto.paidHoursPerWeek ?? 0;
      assertNoViolations(
        placementErrors({
          startDate: dto.startDate,
          plannedEndDate: dto.plannedEndDate,
          hoursPerWeek: dto.hoursPerWeek,
          paidHoursPerWeek: paid,
          type: dto.type,
          course,
        }),
      );
      const now = new Date();
      const placement = Object.assign(new PlacementEntity(), {
        id: randomUUID(),
        referralId,
        providerId: course.providerId,
        municipalityCode: course.municipalityCode,
        type: dto.type,
        initialType: dto.type,
        internal: dto.internal,
        employerCvr: dto.employer.cvr,
        employerName: dto.employer.name,
        employerPNumber: dto.employer.pNumber ?? null,
        startDate: dto.startDate,
        plannedEndDate: dto.plannedEndDate ?? null,
        agreement: {
          workFunctions: dto.agreement.workFunctions,
          trainingGoals: dto.agreement.trainingGoals,
          accommodations: dto.agreement.accommodations,
          aids: dto.agreement.aids,
          support: dto.agreement.support,
          daysPerWeek: dto.agreement.daysPerWeek ?? null,
          followUp: {
            citizenEveryDays: dto.agreement.followUp.citizenEveryDays,
            employerEveryDays: dto.agreement.followUp.employerEveryDays,
          },
          nextPaidHoursReview: dto.agreement.nextPaidHoursReview ?? null,
        },
        endDate: null,
        endReason: null,
        createdAt: now,
        createdBy: actor.sub,
        updatedAt: now,
        version: 1,
      });
      await manager.insert(PlacementEntity, placement);
      await this.addHours(manager, actor, placement.id, 'START', dto.startDate, dto.hoursPerWeek, paid, null, now);
      await publish(
        placementEvent(PlacementStartedSchema, {
          placementId: placement.id,
          referralId,
          type: placement.type,
          internal: placement.internal,
          employerCvr: placement.employerCvr,
          startDate: placement.startDate,
          plannedEnd: placement.plannedEndDate ?? undefined,
          hoursPerWeek: dto.hoursPerWeek,
          paidHoursPerWeek: paid,
        }),
      );
      return this.view(manager, course, placement.id);
    });
  }

  /** Hours up or down from a date (timeoptrapning); paid hours unchanged unless given. */
  changeHours(actor: Actor, id: string, dto: ChangeHoursDto): Promise<PlacementView> {
    return this.changeHoursWith(actor, id, 'CHANGE', dto.effectiveFrom, dto.reason, (current) => ({
      hours: dto.hoursPerWeek,
      paid: dto.paidHoursPerWeek ?? current.paidHoursPerWeek,
      errors: paidHoursErrors(dto.hoursPerWeek, dto.paidHoursPerWeek ?? current.paidHoursPerWeek),
    }));
  }

  /** Converts internship hours into paid hours: the placement becomes a HYBRID, or a SMALL_JOB when all are paid. */
  convert(actor: Actor, id: string, dto: ConvertHoursDto): Promise<PlacementView> {
    return this.changeHoursWith(actor, id, 'CONVERSION', dto.effectiveFrom, dto.reason, (current, placement) => {
      const hours = dto.hoursPerWeek ?? current.hoursPerWeek;
      return {
        hours,
        paid: dto.paidHoursPerWeek,
        errors: conversionErrors(placement.type, current.paidHoursPerWeek, hours, dto.paidHoursPerWeek),
      };
    });
  }

  recordFollowUp(actor: Actor, id: string, dto: RecordFollowUpDto): Promise<PlacementView> {
    return this.onPlacement(actor, id, false, async (manager, placement, course, publish) => {
      const today = todayInCopenhagen();
      assertNoViolations([
        ...this.insidePlacement(placement, course, [{ field: 'date', value: dto.date }]),
        ...notInFuture('date', dto.date, today),
        ...(dto.nextFollowUp && dto.nextFollowUp < dto.date
          ? [{ field: 'nextFollowUp', message: 'must not be before date' }]
          : []),
      ]);
      const followUp = Object.assign(new FollowUpEntity(), {
        id: randomUUID(),
        placementId: placement.id,
        date: dto.date,
        mode: dto.mode,
        participants: [...new Set(dto.participants)],
        attendancePct: dto.attendancePct ?? null,
        effectivenessPct: dto.effectivenessPct ?? null,
        observations: { ...dto.observations },
        nextFollowUp: dto.nextFollowUp ?? null,
        recordedAt: new Date(),
        recordedBy: actor.sub,
      });
      await manager.insert(FollowUpEntity, followUp);
      await publish(
        placementEvent(FollowUpRecordedSchema, {
          followUpId: followUp.id,
          placementId: placement.id,
          referralId: placement.referralId,
          followUpDate: followUp.date,
          mode: followUp.mode,
          attendancePct: followUp.attendancePct ?? undefined,
          effectivenessPct: followUp.effectivenessPct ?? undefined,
        }),
      );
    });
  }

  addLogbook(actor: Actor, id: string, dto: LogbookDto): Promise<PlacementView> {
    return this.onPlacement(actor, id, false, async (manager, placement, course) => {
      const today = todayInCopenhagen();
      assertNoViolations(
        dto.entries.flatMap((entry, index) => [
          ...this.insidePlacement(placement, course, [{ field: `entries[${index}].date`, value: entry.date }]),
          ...notInFuture(`entries[${index}].date`, entry.date, today),
        ]),
      );
      const recordedAt = new Date();
      await manager.insert(
        LogbookEntryEntity,
        dto.entries.map((entry) => ({
          placementId: placement.id,
          date: entry.date,
          hoursWorked: entry.hoursWorked,
          sick: entry.sick,
          leftEarly: entry.leftEarly,
          leftEarlyReason: entry.leftEarlyReason ?? null,
          tasks: entry.tasks ?? [],
          breaks: entry.breaks ?? null,
          note: entry.note ?? null,
          recordedAt,
          recordedBy: actor.sub,
        })),
      );
    });
  }

  end(actor: Actor, id: string, dto: EndPlacementDto): Promise<PlacementView> {
    return this.onPlacement(actor, id, true, async (manager, placement, course, publish) => {
      this.assertActive(placement);
      assertNoViolations([
        ...(dto.endDate < placement.startDate
          ? [{ field: 'endDate', message: `must not be before the placement started (${placement.startDate})` }]
          : []),
        ...datesInside([{ field: 'endDate', value: dto.endDate }], courseWindow(course)),
      ]);
      await manager.update(
        PlacementEntity,
        { id: placement.id },
        { endDate: dto.endDate, endReason: dto.reason, updatedAt: new Date(), version: placement.version + 1 },
      );
      await publish(
        placementEvent(PlacementEndedSchema, {
          placementId: placement.id,
          referralId: placement.referralId,
          endDate: dto.endDate,
          reason: dto.reason,
        }),
      );
    });
  }

  private changeHoursWith(
    actor: Actor,
    id: string,
    kind: HoursChangeKind,
    effectiveFrom: LocalDate,
    reason: string,
    decide: (
      current: { hoursPerWeek: number; paidHoursPerWeek: number },
      placement: PlacementEntity,
    ) => { hours: number; paid: number; errors: FieldError[] },
  ): Promise<PlacementView> {
    return this.onPlacement(actor, id, true, async (manager, placement, course, publish) => {
      this.assertActive(placement);
      assertCourseStarted(course);
      const history = await manager.find(PlacementHoursEntity, { where: { placementId: placement.id } });
      const current = currentHours(history, effectiveFrom);
      const { hours, paid, errors } = decide(current, placement);
      assertNoViolations([
        ...this.insidePlacement(placement, course, [{ field: 'effectiveFrom', value: effectiveFrom }]),
        ...errors,
      ]);
      const type = typeAfterHours(placement.type, hours, paid);
      const now = new Date();
      await this.addHours(manager, actor, placement.id, kind, effectiveFrom, hours, paid, reason, now);
      await manager.update(
        PlacementEntity,
        { id: placement.id },
        { type, updatedAt: now, version: placement.version + 1 },
      );
      await publish(
        placementEvent(PlacementHoursChangedSchema, {
          placementId: placement.id,
          referralId: placement.referralId,
          effectiveFrom,
          hoursPerWeek: hours,
          paidHoursPerWeek: paid,
        }),
      );
    });
  }

  /**
   * Runs a write on one placement of the caller's, the placement locked, and returns the new view. Writes that change
   * hours or the placement's period also lock the course, so the concurrency flag of its placements stays right;
   * follow-ups and logbook entries only read it.
   */
  private onPlacement(
    actor: Actor,
    id: string,
    lockCourse: boolean,
    work: (
      manager: EntityManager,
      placement: PlacementEntity,
      course: KnownCourse,
      publish: Parameters<Parameters<UnitOfWork['run']>[0]>[1],
    ) => Promise<void>,
  ): Promise<PlacementView> {
    assertWrites(actor);
    return this.unitOfWork.run(async (manager, publish) => {
      const found = await manager.findOneBy(PlacementEntity, { id });
      const visible = assertVisible(actor, found, 'Placement', id, 'write-as-provider');
      const course = await visibleCourse(manager, actor, visible.referralId, lockCourse, 'write-as-provider');
      const placement = await manager.findOne(PlacementEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!placement) throw notFound('Placement', id);
      assertIfMatch(placement, `Placement ${id}`);
      await work(manager, placement, course, publish);
      // Every write here changes what the placement shows (hours, follow-ups, logbook, end): a new version, its ETag.
      await manager.update(PlacementEntity, { id }, { version: placement.version + 1 });
      return this.view(manager, course, id);
    });
  }

  private assertActive(placement: PlacementEntity): void {
    if (placement.endDate !== null) {
      throw new DomainError('INVALID_TRANSITION', `Placement ${placement.id} ended on ${placement.endDate}`, {
        currentStatus: 'ENDED',
      });
    }
  }

  /** A date inside the course and inside the placement (from its start to its end, else its planned end). */
  private insidePlacement(
    placement: PlacementEntity,
    course: CourseEntity,
    dates: { field: string; value: LocalDate }[],
  ): FieldError[] {
    const inCourse = datesInside(dates, courseWindow(course));
    if (inCourse.length > 0) return inCourse;
    return datesInside(
      dates,
      { from: placement.startDate, to: placement.endDate ?? placement.plannedEndDate },
      'the placement',
    );
  }

  private async addHours(
    manager: EntityManager,
    actor: Actor,
    placementId: string,
    kind: HoursChangeKind,
    effectiveFrom: LocalDate,
    hoursPerWeek: number,
    paidHoursPerWeek: number,
    reason: string | null,
    recordedAt: Date,
  ): Promise<void> {
    await manager.insert(PlacementHoursEntity, {
      placementId,
      kind,
      effectiveFrom,
      hoursPerWeek,
      paidHoursPerWeek,
      reason,
      recordedAt,
      recordedBy: actor.sub,
    });
  }

  private async view(manager: EntityManager, course: KnownCourse, id: string): Promise<PlacementView> {
    const siblings = await manager.findBy(PlacementEntity, { referralId: course.referralId });
    const view = (await placementViews(manager, siblings, course.hoursPerWeek)).find((v) => v.id === id);
    if (!view) throw notFound('Placement', id);
    return view;
  }
}
