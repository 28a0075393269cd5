import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Refer a citizen to a provider offer' })
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
  @ApiOperation({ summary: 'Refer up to 1000 citizens; each item stands alone' })
  createBatch(@CurrentActor() actor: Actor, @Body() dto: BatchReferralsDto) {
    return this.useCases.createBatch(actor, dto.items);
  }

  @Get()
  @Roles('jobcenter', 'provider', 'admin')
  @ApiOperation({ summary: "List the caller's referrals (keyset paging)" })
  list(@CurrentActor() actor: Actor, @Query() query: ListReferralsQuery) {
    return this.queries.list(actor, query);
  }

  @Get(':id')
  @Roles('jobcenter', 'provider', 'admin')
  @ApiOperation({ summary: 'A referral with its history and outcomes' })
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParam) {
    return this.queries.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('provider', 'admin')
  async accept(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: AcceptDto) {
    await this.useCases.accept(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('provider', 'admin')
  async reject(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: RejectDto) {
    await this.useCases.reject(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('provider', 'admin')
  async start(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: StartDto) {
    await this.useCases.start(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('provider', 'admin')
  async pause(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: PauseDto) {
    await this.useCases.pause(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('provider', 'admin')
  async resume(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: ResumeDto) {
    await this.useCases.resume(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('provider', 'admin')
  async complete(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: CompleteDto) {
    await this.useCases.complete(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('jobcenter', 'admin')
  async cancel(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: CancelDto) {
    await this.useCases.cancel(actor, id, dto);
    return this.queries.get(actor, id);
  }

  @Post(':id/outcomes')
  @Roles('jobcenter', 'admin')
  @ApiOperation({ summary: "Record the citizen's status at a follow-up horizon" })
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
