import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Every published version of every scale, oldest version first' })
  async list() {
    return { items: await this.catalogue.list(), nextCursor: null };
  }

  @Get(':code')
  @Roles('jobcenter', 'provider', 'analyst', 'admin')
  @ApiOperation({ summary: 'The versions of one scale' })
  async versions(@Param() { code }: ScaleCodeParam) {
    return { items: await this.catalogue.versions(code), nextCursor: null };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Publish a new version of a scale; measurements keep the version they were taken with' })
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
