import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { auditRead } from '@platform/audit';
import { assertCourseAccess, mayAccess, type Actor } from '@platform/auth';
import { ReportSubmittedSchema } from '@platform/contracts';
import { todayInCopenhagen, type LocalDate, type ReportKind } from '@platform/domain-kernel';
import { managerOf, UnitOfWork } from '@platform/messaging';
import { courseEvent } from '../common/course-event';
import { assertReadable, assertWritable } from '../courses/course-access';
import { CourseEntity } from '@platform/course';
import { judgeReport } from './report-rules';
import type { SubmitReportDto } from './report.dto';
import { ReportEntity, type ReportSections } from './report.entity';

export interface ReportView {
  id: string;
  referralId: string;
  kind: ReportKind;
  period: { from: LocalDate; to: LocalDate } | null;
  sections: ReportSections;
  citizenDisagrees: boolean;
  citizenComment: string | null;
  providerId: string;
  submittedBy: { sub: string; name: string | null };
  submittedAt: string;
}

const reportView = (row: ReportEntity): ReportView => ({
  id: row.id,
  referralId: row.referralId,
  kind: row.kind,
  period: row.periodFrom && row.periodTo ? { from: row.periodFrom, to: row.periodTo } : null,
  sections: row.sections,
  citizenDisagrees: row.citizenDisagrees,
  citizenComment: row.citizenComment,
  providerId: row.providerId,
  submittedBy: { sub: row.submittedBy, name: row.submittedByName },
  submittedAt: row.submittedAt.toISOString(),
});

/** Only sections with text are kept, so a report reads the same however the client spelt its empty parts. */
function compact(sections: SubmitReportDto['sections']): ReportSections {
  const pick = (group: object | undefined) => {
    const entries = Object.entries(group ?? {}).filter(([, text]) => typeof text === 'string' && text.length > 0);
    return entries.length > 0 ? (Object.fromEntries(entries) as Record<string, string>) : undefined;
  };
  return {
    ...(pick(sections.attentionPoints) ? { attentionPoints: pick(sections.attentionPoints) } : {}),
    ...(pick(sections.resourceProfile) ? { resourceProfile: pick(sections.resourceProfile) } : {}),
    ...(sections.summary ? { summary: sections.summary } : {}),
  };
}

@Injectable()
export class ReportUseCases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async submit(actor: Actor, referralId: string, dto: SubmitReportDto): Promise<ReportView> {
    const course = assertWritable(
      actor,
      await managerOf(this.dataSource).findOneBy(CourseEntity, { referralId }),
      referralId,
    );
    const error = judgeReport(dto, course, todayInCopenhagen());
    if (error) throw error;
    const now = new Date();
    const report = Object.assign(new ReportEntity(), {
      id: randomUUID(),
      referralId,
      municipalityCode: course.municipalityCode,
      providerId: course.providerId,
      kind: dto.kind,
      periodFrom: dto.period?.from ?? null,
      periodTo: dto.period?.to ?? null,
      sections: compact(dto.sections),
      citizenDisagrees: dto.citizenDisagrees ?? false,
      citizenComment: dto.citizenComment ?? null,
      submittedBy: actor.sub,
      submittedByName: actor.name ?? null,
      submittedAt: now,
    });
    await this.unitOfWork.run(async (manager, publish) => {
      await manager.insert(ReportEntity, report);
      await publish(
        courseEvent(ReportSubmittedSchema, {
          reportId: report.id,
          referralId,
          kind: report.kind,
          submittedAt: now.toISOString(),
          citizenDisagrees: report.citizenDisagrees,
        }),
      );
    });
    return reportView(report);
  }

  /** Reports of a course, oldest first: for the jobcenter of the referral and the provider that wrote them. */
  async list(actor: Actor, referralId: string): Promise<{ items: ReportView[]; nextCursor: null }> {
    assertReadable(actor, await managerOf(this.dataSource).findOneBy(CourseEntity, { referralId }), referralId);
    const rows = await managerOf(this.dataSource).find(ReportEntity, {
      where: { referralId },
      order: { submittedAt: 'ASC' },
    });
    const items = rows.filter((r) => mayAccess(actor, 'read', r));
    await auditRead(managerOf(this.dataSource), actor, {
      resourceType: 'report',
      resourceIds: items.map((r) => r.id),
      referralId,
    });
    return { items: items.map(reportView), nextCursor: null };
  }

  async get(actor: Actor, reportId: string): Promise<ReportView> {
    const row = assertCourseAccess(
      actor,
      'read',
      await managerOf(this.dataSource).findOneBy(ReportEntity, { id: reportId }),
      'Report',
      reportId,
    );
    await auditRead(managerOf(this.dataSource), actor, {
      resourceType: 'report',
      resourceIds: [row.id],
      referralId: row.referralId,
    });
    return reportView(row);
  }
}
