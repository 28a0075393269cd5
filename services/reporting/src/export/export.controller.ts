import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@platform/http';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import { ReportFilterQuery } from '../kpis/report-filter.dto';
import { CoursesExport } from './courses-export';

@ApiTags('reporting')
@Controller('api/v1/reports')
export class ExportController {
  constructor(private readonly exports: CoursesExport) {}

  @Get('courses.csv')
  @Roles('analyst', 'admin')
  @ApiOp('exportCoursesCsv', 'One pseudonymised row per course (no CPR, no names), streamed')
  @ApiOkResponse({
    description: 'CSV, one pseudonymised row per course (header row first)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  courses(@CurrentActor() actor: Actor, @Query() filter: ReportFilterQuery, @Res() reply: FastifyReply) {
    const stream = this.exports.open(actor, filter);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="courses.csv"')
      .header('cache-control', 'no-store')
      .send(stream);
  }
}
