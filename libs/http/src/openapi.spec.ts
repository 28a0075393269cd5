import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { buildOpenApi } from './bootstrap';
import { ApiOp, ApiProblems, completeOpenApi, toJsonSchemaNull } from './openapi';
import { IsCpr, IsCvr, IsLocalDate, IsMunicipalityCode } from './validators';

class ThingParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

class CreateThing {
  @ApiProperty({ example: '0101901234' })
  @IsCpr()
  cpr: string;

  @ApiProperty()
  @IsCvr()
  cvr: string;

  @ApiProperty()
  @IsMunicipalityCode()
  municipalityCode: string;

  @ApiPropertyOptional({ description: 'a day' })
  @IsOptional()
  @IsLocalDate()
  day?: string;
}

@Controller('things')
class ThingsController {
  @Post()
  @ApiOp('createThing', 'Create a thing')
  @ApiProblems(409, 422)
  create(@Body() _dto: CreateThing) {
    return {};
  }

  @Get(':id')
  @ApiOp('getThing', 'Read a thing')
  get(@Param() _param: ThingParam) {
    return {};
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('the shared OpenAPI pieces', () => {
  let document: ReturnType<typeof buildOpenApi>;

  beforeAll(async () => {
    const app = await NestFactory.create(ThingsModule, new FastifyAdapter(), { logger: false });
    document = buildOpenApi(app, { title: 'Things', description: 'Things.', version: '1' });
    await app.close();
  });

  it('names operations by @ApiOp and declares the Idempotency-Key parameter on every POST only', () => {
    const post = document.paths['/things'].post!;
    expect(post.operationId).toBe('createThing');
    expect(post.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(document.paths['/things/{id}'].get!.parameters).not.toContainEqual({
      $ref: '#/components/parameters/IdempotencyKey',
    });
    expect(document.components!.parameters!.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
  });

  it('gives @ApiProblems statuses and the edge problems as application/problem+json of the one Problem schema', () => {
    const post = document.paths['/things'].post!;
    expect(Object.keys(post.responses).filter((s) => s >= '400')).toEqual([
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
      '503',
    ]);
    expect(Object.keys(document.paths['/things/{id}'].get!.responses)).toContain('404');
    for (const response of Object.values(post.responses) as { content?: Record<string, unknown> }[]) {
      if (response.content?.['application/problem+json']) {
        expect(response.content['application/problem+json']).toEqual({
          schema: { $ref: '#/components/schemas/Problem' },
        });
      }
    }
    expect((post.responses['503'] as { headers: object }).headers).toHaveProperty('Retry-After');
    expect(document.components!.schemas!.Problem).toMatchObject({
      required: ['type', 'title', 'status'],
      properties: { errors: { items: { required: ['field', 'message'] } } },
    });
  });

  it('declares the path parameter as a uuid and bearer security per operation', () => {
    const get = document.paths['/things/{id}'].get!;
    expect(get.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }),
    );
    expect(get.security).toEqual([{ bearer: [] }]);
  });

  it('takes patterns and formats from the shared validators, keeping what @ApiProperty says', () => {
    const schema = document.components!.schemas!.CreateThing as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(schema.properties.cpr).toMatchObject({ pattern: '^[0-9]{6}-?[0-9]{4}$', example: '0101901234' });
    expect(schema.properties.cvr).toMatchObject({ pattern: '^[0-9]{8}$' });
    expect(schema.properties.municipalityCode).toMatchObject({ pattern: '^[0-9]{3}$' });
    expect(schema.properties.day).toMatchObject({ format: 'date', description: 'a day' });
    expect(schema.required).not.toContain('day');
  });

  it('says that business dates are Copenhagen calendar dates', () => {
    expect(document.info.description).toContain('Europe/Copenhagen');
  });

  it('writes nullable the OpenAPI 3.1 way', () => {
    const schema = {
      properties: { a: { type: 'string', nullable: true }, b: { enum: ['X'], type: 'string', nullable: true } },
    };
    toJsonSchemaNull(schema);
    expect(schema).toEqual({
      properties: { a: { type: ['string', 'null'] }, b: { enum: ['X', null], type: ['string', 'null'] } },
    });
  });

  it('is idempotent', () => {
    const again = completeOpenApi(JSON.parse(JSON.stringify(document)));
    expect(again).toEqual(document);
  });
});
