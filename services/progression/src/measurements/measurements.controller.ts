import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import {
  BatchMeasurementItemDto,
  BatchMeasurementsDto,
  ListMeasurementsQuery,
  RecordMeasurementDto,
  ReferralIdParam,
} from './measurement.dto';
import { MeasurementQueries } from './measurement.queries';
import { MeasurementUseCases } from './measurement.use-cases';

@ApiTags('measurements')
@ApiExtraModels(BatchMeasurementItemDto)
@Controller('api/v1')
export class MeasurementsController {
  constructor(
    private readonly useCases: MeasurementUseCases,
    private readonly queries: MeasurementQueries,
  ) {}

  @Post('referrals/:id/measurements')
  @Roles('provider', 'admin')
  @ApiOperation({ summary: 'Record a progression measurement of a started course' })
  async record(
    @CurrentActor() actor: Actor,
    @Param() { id }: ReferralIdParam,
    @Body() dto: RecordMeasurementDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const measurement = await this.useCases.record(actor, id, dto);
    void reply.header('location', `/api/v1/referrals/${id}/measurements`);
    return measurement;
  }

  @Post('measurements/batch')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOperation({ summary: 'Record up to 1000 measurements of any courses; each item is judged on its own' })
  recordBatch(@CurrentActor() actor: Actor, @Body() dto: BatchMeasurementsDto) {
    return this.useCases.recordBatch(actor, dto.items);
  }

  @Get('referrals/:id/measurements')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOperation({ summary: "A course's measurements, with professional and citizen assessments side by side" })
  list(@CurrentActor() actor: Actor, @Param() { id }: ReferralIdParam, @Query() query: ListMeasurementsQuery) {
    return this.queries.list(actor, id, query);
  }
}
