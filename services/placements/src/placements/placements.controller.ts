import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiConditionalRead, ApiConditionalWrite, ApiOp, ApiProblems, LOCATION } from '@platform/http';
import { OverdueFollowUpsResponse, PlacementPageResponse, PlacementResponse } from './placement.responses';
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
  @ApiOp('createPlacement', 'Place the citizen of a STARTED referral at a company (or internally)')
  @ApiProblems(409, 422, 503)
  @ApiCreatedResponse({ type: PlacementResponse, headers: LOCATION })
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
  @ApiOp('listPlacements', "The referral's placements with current hours, history, follow-ups and logbook")
  @ApiProblems(503)
  @ApiOkResponse({ type: PlacementPageResponse })
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
  @ApiOp('listOverdueFollowUps', "Follow-ups past due under the agreed rhythm, for the caller's active placements")
  @ApiOkResponse({ type: OverdueFollowUpsResponse })
  overdue(@CurrentActor() actor: Actor, @Query() query: OverdueQuery) {
    return this.queries.overdue(actor, query.asOf, query.providerId);
  }

  @Get(':id')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOp('getPlacement', 'A placement with its agreement, hours history, follow-ups, due dates and logbook')
  @ApiOkResponse({ type: PlacementResponse })
  @ApiConditionalRead()
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParam) {
    return this.queries.get(actor, id);
  }

  @Post(':id/hours')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('changePlacementHours', 'Change the weekly hours from a date (history kept)')
  @ApiProblems(409, 422, 503)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated placement', type: PlacementResponse })
  changeHours(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: ChangeHoursDto) {
    return this.useCases.changeHours(actor, id, dto);
  }

  @Post(':id/conversions')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp(
    'convertPlacementHours',
    'Convert internship hours into paid hours (the placement becomes HYBRID or SMALL_JOB)',
  )
  @ApiConditionalWrite()
  @ApiProblems(409, 422, 503)
  @ApiOkResponse({ description: 'The updated placement', type: PlacementResponse })
  convert(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: ConvertHoursDto) {
    return this.useCases.convert(actor, id, dto);
  }

  @Post(':id/follow-ups')
  @Roles('provider', 'admin')
  @ApiOp('recordFollowUp', 'Record a follow-up (opfølgning)')
  @ApiProblems(409, 422, 503)
  @ApiConditionalWrite()
  @ApiCreatedResponse({ description: 'The updated placement', type: PlacementResponse })
  recordFollowUp(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: RecordFollowUpDto) {
    return this.useCases.recordFollowUp(actor, id, dto);
  }

  @Post(':id/logbook')
  @Roles('provider', 'admin')
  @ApiOp('addLogbookEntries', "Add entries to the citizen's logbook")
  @ApiProblems(409, 422, 503)
  @ApiConditionalWrite()
  @ApiCreatedResponse({ description: 'The updated placement', type: PlacementResponse })
  addLogbook(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: LogbookDto) {
    return this.useCases.addLogbook(actor, id, dto);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('endPlacement', 'End the placement with a reason')
  @ApiProblems(409, 422, 503)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated placement', type: PlacementResponse })
  end(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: EndPlacementDto) {
    return this.useCases.end(actor, id, dto);
  }
}
