import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiConditionalRead,
  ApiConditionalWrite,
  ApiOp,
  ApiProblems,
  BatchResultsResponse,
  LOCATION,
} from '@platform/http';
import { OutcomeResponse, ReferralPageResponse, ReferralDetailResponse, ReferralResponse } from './referral.responses';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import { ConditionalRequests } from '@platform/http';
import {
  AcceptDto,
  BatchReferralsDto,
  CancelDto,
  CompleteDto,
  CreateReferralDto,
  IdParam,
  ListReferralsQuery,
  PauseDto,
  RecordOutcomeDto,
  RejectDto,
  ResumeDto,
  StartDto,
} from './referral.dto';
import { ReferralQueries } from './referral.queries';
import { ReferralUseCases } from './referral.use-cases';

@ApiTags('referrals')
@Controller('api/v1/referrals')
@ConditionalRequests()
export class ReferralsController {
  constructor(
    private readonly useCases: ReferralUseCases,
    private readonly queries: ReferralQueries,
  ) {}

  @Post()
  @Roles('jobcenter', 'admin')
  @ApiOp('createReferral', 'Refer a citizen to a provider offer')
  @ApiProblems(409, 422)
  @ApiCreatedResponse({ description: 'The referral, RECEIVED', type: ReferralResponse, headers: LOCATION })
  @ApiBody({
    type: CreateReferralDto,
    examples: {
      referral: {
        summary: 'A jobcenter refers a citizen on cash benefit to a job-oriented offer',
        value: {
          externalRef: 'KK-2026-000123',
          municipalityCode: '101',
          citizen: { cpr: '0101901234', name: 'Anna Hansen', phone: '+4512345678', interpreterNeeded: false },
          caseworker: { name: 'Jens Jensen', email: 'jens.jensen@kk.dk' },
          providerId: '12345678',
          offerId: '5b0f2d4e-8c1a-4f3e-9a57-2c9d1e7b6a10',
          targetGroup: 'CASH_BENEFIT',
          purposes: ['JOB'],
          focusPoints: ['Stabilt fremmøde'],
          hoursPerWeek: 12,
          plannedStart: '2026-12-01',
          plannedWeeks: 26,
        },
      },
    },
  })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateReferralDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const referral = await this.useCases.create(actor, dto);
    void reply.header('location', `/api/v1/referrals/${referral.id}`);
    return referral;
  }

  @Post('batch')
  @HttpCode(200)
  @Roles('jobcenter', 'admin')
  @ApiOp('createReferralsBatch', 'Refer up to 1000 citizens; each item stands alone')
  @ApiOkResponse({ description: 'One result per item, in order', type: BatchResultsResponse })
  createBatch(@CurrentActor() actor: Actor, @Body() dto: BatchReferralsDto) {
    return this.useCases.createBatch(actor, dto.items);
  }

  @Get()
  @Roles('jobcenter', 'provider', 'admin')
  @ApiOp('listReferrals', "List the caller's referrals (keyset paging)")
  @ApiOkResponse({ type: ReferralPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListReferralsQuery) {
    return this.queries.list(actor, query);
  }

  @Get(':id')
  @Roles('jobcenter', 'provider', 'admin')
  @ApiOp('getReferral', 'A referral with its history and outcomes')
  @ApiOkResponse({ type: ReferralDetailResponse })
  @ApiConditionalRead()
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParam) {
    return this.queries.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('acceptReferral', 'Accept a referral (provider)')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated referral', type: ReferralResponse })
  async accept(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: AcceptDto) {
    await this.useCases.accept(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('rejectReferral', 'Reject a referral with a reason (provider)')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated referral', type: ReferralResponse })
  async reject(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: RejectDto) {
    await this.useCases.reject(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('startReferral', 'Start the course on its first attendance day (provider)')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated referral', type: ReferralResponse })
  async start(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: StartDto) {
    await this.useCases.start(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('pauseReferral', 'Pause the course from a date (provider)')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated referral', type: ReferralResponse })
  async pause(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: PauseDto) {
    await this.useCases.pause(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('resumeReferral', 'Resume a paused course (provider)')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated referral', type: ReferralResponse })
  async resume(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: ResumeDto) {
    await this.useCases.resume(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('completeReferral', 'Complete the course with end reason and exit status (provider)')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated referral', type: ReferralResponse })
  async complete(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: CompleteDto) {
    await this.useCases.complete(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('jobcenter', 'admin')
  @ApiOp('cancelReferral', 'Cancel a referral (jobcenter)')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ description: 'The updated referral', type: ReferralResponse })
  async cancel(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: CancelDto) {
    await this.useCases.cancel(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/outcomes')
  @Roles('jobcenter', 'admin')
  @ApiOp('recordOutcome', "Record the citizen's status at a follow-up horizon")
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiCreatedResponse({ type: OutcomeResponse, headers: LOCATION })
  async recordOutcome(
    @CurrentActor() actor: Actor,
    @Param() { id }: IdParam,
    @Body() dto: RecordOutcomeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.useCases.recordOutcome(actor, id, dto);
    void reply.header('location', `/api/v1/referrals/${id}`);
    return {
      referralId: outcome.referralId,
      horizon: outcome.horizon,
      status: outcome.status,
      observedAt: outcome.observedAt,
      recordedAt: outcome.recordedAt.toISOString(),
    };
  }
}
