import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import { ConditionalRequests } from '@platform/http';
import {
  ChangeHoursDto,
  ConvertHoursDto,
  CreatePlacementDto,
  EndPlacementDto,
  IdParam,
  LogbookDto,
  OverdueQuery,
  RecordFollowUpDto,
} from './placement.dto';
import { PlacementQueries } from './placement.queries';
import { PlacementUseCases } from './placement.use-cases';

@ApiTags('placements')
@Controller('api/v1/referrals/:id/placements')
@ConditionalRequests()
export class ReferralPlacementsController {
  constructor(
    private readonly useCases: PlacementUseCases,
    private readonly queries: PlacementQueries,
  ) {}

  @Post()
  @Roles('provider', 'admin')
  @ApiOperation({ summary: 'Place the citizen of a STARTED referral at a company (or internally)' })
  async create(
    @CurrentActor() actor: Actor,
    @Param() { id }: IdParam,
    @Body() dto: CreatePlacementDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const placement = await this.useCases.create(actor, id, dto);
    void reply.header('location', `/api/v1/placements/${placement.id}`);
    return placement;
  }

  @Get()
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOperation({ summary: "The referral's placements with current hours, history, follow-ups and logbook" })
  async list(@CurrentActor() actor: Actor, @Param() { id }: IdParam) {
    // A course has a handful of placements: one page, in the list shape of API.md.
    return { items: await this.queries.forReferral(actor, id), nextCursor: null };
  }
}

@ApiTags('placements')
@Controller('api/v1/placements')
@ConditionalRequests()
export class PlacementsController {
  constructor(
    private readonly useCases: PlacementUseCases,
    private readonly queries: PlacementQueries,
  ) {}

  @Get('follow-ups/overdue')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOperation({ summary: "Follow-ups past due under the agreed rhythm, for the caller's active placements" })
  overdue(@CurrentActor() actor: Actor, @Query() query: OverdueQuery) {
    return this.queries.overdue(actor, query.asOf, query.providerId);
  }

  @Get(':id')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOperation({ summary: 'A placement with its agreement, hours history, follow-ups, due dates and logbook' })
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParam) {
    return this.queries.get(actor, id);
  }

  @Post(':id/hours')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOperation({ summary: 'Change the weekly hours from a date (history kept)' })
  changeHours(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: ChangeHoursDto) {
    return this.useCases.changeHours(actor, id, dto);
  }

  @Post(':id/conversions')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOperation({ summary: 'Convert internship hours into paid hours (the placement becomes HYBRID or SMALL_JOB)' })
  convert(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: ConvertHoursDto) {
    return this.useCases.convert(actor, id, dto);
  }

  @Post(':id/follow-ups')
  @Roles('provider', 'admin')
  @ApiOperation({ summary: 'Record a follow-up (opfølgning)' })
  recordFollowUp(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: RecordFollowUpDto) {
    return this.useCases.recordFollowUp(actor, id, dto);
  }

  @Post(':id/logbook')
  @Roles('provider', 'admin')
  @ApiOperation({ summary: "Add entries to the citizen's logbook" })
  addLogbook(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: LogbookDto) {
    return this.useCases.addLogbook(actor, id, dto);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOperation({ summary: 'End the placement with a reason' })
  end(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: EndPlacementDto) {
    return this.useCases.end(actor, id, dto);
  }
}
