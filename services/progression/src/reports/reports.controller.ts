import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp, ApiProblems, LOCATION } from '@platform/http';
import { ReportListResponse, ReportResponse } from './report.responses';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import { ReferralIdParam } from '../measurements/measurement.dto';
import { ReportIdParam, SubmitReportDto } from './report.dto';
import { ReportUseCases } from './report.use-cases';

@ApiTags('reports')
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly useCases: ReportUseCases) {}

  @Post('referrals/:id/reports')
  @Roles('provider', 'admin')
  @ApiOp('submitReport', 'Report to the caseworker (ENTRY, STATUS or FINAL)')
  @ApiProblems(409, 422, 503)
  @ApiCreatedResponse({ type: ReportResponse, headers: LOCATION })
  async submit(
    @CurrentActor() actor: Actor,
    @Param() { id }: ReferralIdParam,
    @Body() dto: SubmitReportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.useCases.submit(actor, id, dto);
    void reply.header('location', `/api/v1/reports/${report.id}`);
    return report;
  }

  @Get('referrals/:id/reports')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOp('listReports', "A course's reports to the caseworker")
  @ApiProblems(503)
  @ApiOkResponse({ type: ReportListResponse })
  list(@CurrentActor() actor: Actor, @Param() { id }: ReferralIdParam) {
    return this.useCases.list(actor, id);
  }

  @Get('reports/:reportId')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOp('getReport', 'One report: for the jobcenter of the referral and the provider that wrote it')
  @ApiOkResponse({ type: ReportResponse })
  get(@CurrentActor() actor: Actor, @Param() { reportId }: ReportIdParam) {
    return this.useCases.get(actor, reportId);
  }
}
