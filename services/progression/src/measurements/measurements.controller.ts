import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp, ApiProblems, BatchResultsResponse, LOCATION } from '@platform/http';
import { MeasurementListResponse, MeasurementResponse } from './measurement.responses';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import {
  BatchMeasurementItemDto,
  BatchMeasurementsDto,
  ListMeasurementsQuery,
  MeasurementIdParam,
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
  @ApiBody({
    type: RecordMeasurementDto,
    examples: {
      professional: {
        summary: "The provider's professional assessment on the 12-step ladder",
        value: { scale: 'LADDER_12', measuredAt: '2026-12-15', values: { step: 7 }, assessor: 'PROFESSIONAL' },
      },
      citizen: {
        summary: "The citizen's self-assessment of the same day",
        value: { scale: 'LADDER_12', measuredAt: '2026-12-15', values: { step: 8 }, assessor: 'CITIZEN' },
      },
    },
  })
  async record(
    @CurrentActor() actor: Actor,
    @Param() { id }: ReferralIdParam,
    @Body() dto: RecordMeasurementDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const measurement = await this.useCases.record(actor, id, dto);
    void reply.header('location', `/api/v1/measurements/${measurement.id}`);
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

  @Get('measurements/:id')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOp('getMeasurement', 'One measurement (where `Location` of a recorded one points)')
  @ApiOkResponse({ type: MeasurementResponse })
  get(@CurrentActor() actor: Actor, @Param() { id }: MeasurementIdParam) {
    return this.queries.get(actor, id);
  }

  @Get('referrals/:id/measurements')
  @Roles('provider', 'jobcenter', 'admin')
  @ApiOp('listMeasurements', "A course's measurements, with professional and citizen assessments side by side")
  @ApiProblems(503)
  @ApiOkResponse({ type: MeasurementListResponse })
  list(@CurrentActor() actor: Actor, @Param() { id }: ReferralIdParam, @Query() query: ListMeasurementsQuery) {
    return this.queries.list(actor, id, query);
  }
}
