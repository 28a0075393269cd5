import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp, ApiProblems, LOCATION } from '@platform/http';
import { ScaleListResponse, ScaleResponse } from './scale.responses';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import { ScaleCatalogue } from './scale-catalogue';
import { PublishScaleDto, ScaleCodeParam } from './scale.dto';

@ApiTags('scales')
@Controller('api/v1/scales')
export class ScalesController {
  constructor(private readonly catalogue: ScaleCatalogue) {}

  @Get()
  @Roles('jobcenter', 'provider', 'analyst', 'admin')
  @ApiOp('listScales', 'Every published version of every scale, oldest version first')
  @ApiOkResponse({ type: ScaleListResponse })
  async list() {
    return { items: await this.catalogue.list(), nextCursor: null };
  }

  @Get(':code')
  @Roles('jobcenter', 'provider', 'analyst', 'admin')
  @ApiOp('listScaleVersions', 'The versions of one scale')
  @ApiOkResponse({ type: ScaleListResponse })
  async versions(@Param() { code }: ScaleCodeParam) {
    return { items: await this.catalogue.versions(code), nextCursor: null };
  }

  @Post()
  @Roles('admin')
  @ApiOp('publishScale', 'Publish a new version of a scale; measurements keep the version they were taken with')
  @ApiProblems(409, 422)
  @ApiCreatedResponse({ type: ScaleResponse, headers: LOCATION })
  async publish(
    @CurrentActor() actor: Actor,
    @Body() dto: PublishScaleDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scale = await this.catalogue.publish(actor, dto);
    void reply.header('location', `/api/v1/scales/${scale.code}`);
    return scale;
  }
}
