import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { auditRead } from '@platform/audit';
import { assertNamesOwnTenant, scopeWhere, tenantScope, type Actor } from '@platform/auth';
import { notFound, todayInCopenhagen, type LocalDate } from '@platform/domain-kernel';
import { assertVisible, visibleCourse } from '../courses/course-access';
import { CourseEntity } from '@platform/course';
import { FollowUpEntity } from './follow-up.entity';
import { LogbookEntryEntity } from './logbook-entry.entity';
import { PlacementHoursEntity } from './placement-hours.entity';
import { combinedHours, followUpsDue, type FollowUpParty } from './placement-rules';
import { PlacementEntity } from './placement.entity';
import { currentHours, placementView, type PlacementView } from './placement.view';
import { managerOf } from '@platform/messaging';

const FAR_FUTURE = '9999-12-31';
const endOf = (p: PlacementEntity): LocalDate => p.endDate ?? p.plannedEndDate ?? FAR_FUTURE;
const overlaps = (a: PlacementEntity, b: PlacementEntity) => a.startDate <= endOf(b) && b.startDate <= endOf(a);

export interface OverdueFollowUp {
  placementId: string;
  referralId: string;
  providerId: string;
  employerName: string;
  party: FollowUpParty;
  lastDate: LocalDate | null;
  dueDate: LocalDate;
  daysOverdue: number;
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/**
 * Views of all placements of one course, with current hours and the concurrency flag: overlapping placements
 * whose current hours together exceed the course's weekly hours are flagged, not refused.
 */
export async function placementViews(
  manager: EntityManager,
  placements: PlacementEntity[],
  courseHours: number | null,
  today: LocalDate = todayInCopenhagen(),
): Promise<PlacementView[]> {
  if (placements.length === 0) return [];
  const ids = placements.map((p) => p.id);
  // Inside a transaction (the answer to a write) the queries share one connection and run one after the other;
  // pg deprecates queueing them on a busy client. Reads outside one run in parallel on the pool.
  const hoursQuery = () => manager.find(PlacementHoursEntity, { where: { placementId: In(ids) } });
  const followUpsQuery = () => manager.find(FollowUpEntity, { where: { placementId: In(ids) } });
  const logbookQuery = () => manager.find(LogbookEntryEntity, { where: { placementId: In(ids) } });
  const [hours, followUps, logbook] = manager.queryRunner?.isTransactionActive
    ? [await hoursQuery(), await followUpsQuery(), await logbookQuery()]
    : await Promise.all([hoursQuery(), followUpsQuery(), logbookQuery()]);
  const hoursBy = group(hours, (h) => h.placementId);
  const followUpsBy = group(followUps, (f) => f.placementId);
  const logbookBy = group(logbook, (l) => l.placementId);
  const current = new Map(placements.map((p) => [p.id, currentHours(hoursBy.get(p.id) ?? [], today).hoursPerWeek]));
  return placements.map((placement) => {
    const concurrent = placements.filter((other) => overlaps(placement, other));
    const { total, exceeds } = combinedHours(
      concurrent.map((p) => current.get(p.id) ?? 0),
      courseHours,
    );
    return placementView(placement, {
      hours: hoursBy.get(placement.id) ?? [],
      followUps: followUpsBy.get(placement.id) ?? [],
      logbook: logbookBy.get(placement.id) ?? [],
      concurrency: { combinedHoursPerWeek: total, courseHoursPerWeek: courseHours, exceedsCourseHours: exceeds },
      today,
    });
  });
}

@Injectable()
export class PlacementQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Every placement of a referral the actor may see, oldest first. */
  async forReferral(actor: Actor, referralId: string): Promise<PlacementView[]> {
    const manager = managerOf(this.dataSource);
    const course = await visibleCourse(manager, actor, referralId);
    const placements = await manager.find(PlacementEntity, {
      where: { referralId },
      order: { startDate: 'ASC', createdAt: 'ASC' },
    });
    await auditRead(manager, actor, {
      resourceType: 'placement',
      resourceIds: placements.map((p) => p.id),
      referralId,
    });
    return placementViews(manager, placements, course.hoursPerWeek);
  }

  async get(actor: Actor, id: string): Promise<PlacementView> {
    const manager = managerOf(this.dataSource);
    const placement = assertVisible(actor, await manager.findOneBy(PlacementEntity, { id }), 'Placement', id);
    const [course, siblings] = await Promise.all([
      manager.findOneBy(CourseEntity, { referralId: placement.referralId }),
      manager.findBy(PlacementEntity, { referralId: placement.referralId }),
      auditRead(manager, actor, { resourceType: 'placement', resourceIds: [id], referralId: placement.referralId }),
    ]);
    const views = await placementViews(manager, siblings, course?.hoursPerWeek ?? null);
    const view = views.find((v) => v.id === id);
    if (!view) throw notFound('Placement', id);
    return view;
  }

  /** Follow-ups past their due date under the agreed rhythm, for the caller's active placements, most overdue first. */
  async overdue(
    actor: Actor,
    asOf: LocalDate = todayInCopenhagen(),
    providerId?: string,
  ): Promise<{ asOf: LocalDate; items: OverdueFollowUp[] }> {
    const manager = managerOf(this.dataSource);
    const where: FindOptionsWhere<PlacementEntity> = { endDate: IsNull(), ...(providerId ? { providerId } : {}) };
    assertNamesOwnTenant(actor, 'providerId', providerId);
    Object.assign(where, scopeWhere(tenantScope(actor, 'courses')));
    const placements = await manager.find(PlacementEntity, { where });
    const started = placements.filter((p) => p.startDate <= asOf);
    if (started.length === 0) return { asOf, items: [] };
    const followUps = group(
      await manager.find(FollowUpEntity, { where: { placementId: In(started.map((p) => p.id)) } }),
      (f) => f.placementId,
    );
    const items = started.flatMap((placement) =>
      followUpsDue(placement.agreement.followUp, placement.startDate, followUps.get(placement.id) ?? [], asOf)
        .filter((due) => due.overdue)
        .map((due): OverdueFollowUp => ({
          placementId: placement.id,
          referralId: placement.referralId,
          providerId: placement.providerId,
          employerName: placement.employerName,
          party: due.party,
          lastDate: due.lastDate,
          dueDate: due.dueDate,
          daysOverdue: due.daysOverdue,
        })),
    );
    items.sort((a, b) => b.daysOverdue - a.daysOverdue || a.placementId.localeCompare(b.placementId));
    return { asOf, items };
  }
}
