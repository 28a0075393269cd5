import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp, ApiProblems, BatchResultsResponse, LOCATION, OBJECT_RESULT } from '@platform/http';
import { MeasurementResponse } from './measurement.responses';
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
  @ApiOp('recordMeasurement', 'Record a progression measurement of a started course')
  @ApiProblems(409, 422, 503)
  @ApiCreatedResponse({ type: MeasurementResponse, headers: LOCATION })
  async record(
    @CurrentActor() actor: Actor,
    @Param() { id }: ReferralIdParam,
    @Body() dto: RecordMeasurementDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const measurement = await this.useCases.record(actor, id, dto);
    // Where the created measurement is: the course's list holds it under its id (there is no single-read route).
    void reply.header('location', `/api/v1/referrals/${id}/measurements#${measurement.id}`);
    return measurement;
  }

  @Post('measurements/batch')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiOp('recordMeasurementsBatch', 'Record up to 1000 measurements of any courses; each item is judged on its own')
  @ApiProblems(503)
  @ApiOkResponse({ description: 'One result per item, in order', type: BatchResultsResponse })
  recordBatch(@CurrentActor() actor: Actor, @Body() dto: BatchMeasurementsDto) {
    return this.useCases.recordBatch(actor, dto.items);
  }

  @Get('referrals/:id/measurements')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOp('listMeasurements', "A course's measurements, with professional and citizen assessments side by side")
  @ApiProblems(503)
  @ApiOkResponse({ schema: OBJECT_RESULT })
  list(@CurrentActor() actor: Actor, @Param() { id }: ReferralIdParam, @Query() query: ListMeasurementsQuery) {
    return this.queries.list(actor, id, query);
  }
}
