import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { CurrentActor, Public, Roles, type Actor, type RequestWithActor } from '@platform/auth';
import { DomainError } from '@platform/domain-kernel';
import { validateDto } from '@platform/http';
import { RecordMeasurementDto } from '../measurements/measurement.dto';
import { MeasurementUseCases } from '../measurements/measurement.use-cases';
import { SubmitReportDto } from '../reports/report.dto';
import { ReportUseCases } from '../reports/report.use-cases';
import { MeasurementQueries } from '../measurements/measurement.queries';
import type { MeasurementView } from '../measurements/measurement.view';
import { ScaleCatalogue } from '../scales/scale-catalogue';
import { loaderIn } from './batch-loader';
import {
  LatestLevelArgs,
  MeasurementModel,
  MeasurementsArgs,
  RecordMeasurementInput,
  ReferralModel,
  ScaleModel,
} from './progression.models';
import { ReportModel } from './report.models';

interface GraphqlContext {
  req: RequestWithActor;
  loaders?: Map<string, unknown>;
}

const toModel = (m: MeasurementView): MeasurementModel => ({
  id: m.id,
  sequence: m.sequence,
  scale: m.scale,
  scaleVersion: m.scaleVersion,
  measuredAt: m.measuredAt,
  assessor: m.assessor,
  values: Object.entries(m.values).map(([dimension, level]) => ({ dimension, level })),
  note: m.note,
  supersedesId: m.supersedes,
  supersededById: m.supersededBy,
  recordedAt: m.recordedAt,
});

/**
 * Extends the `Referral` entity of the referrals subgraph with its measurements. Same queries and tenancy as REST:
 * a referral the caller may not read (or that this service has not heard of yet) has no measurements here, so the
 * subgraph leaks nothing even when called directly. The AuthGuard runs for these fields too (ADR 0052), so they take
 * the actor like queries do; one query per field for all the referrals of a request (batched per request).
 */
@Resolver(() => ReferralModel)
export class ReferralProgressionResolver {
  constructor(private readonly queries: MeasurementQueries) {}

  // Echoes the id the gateway sent; the fields below check the caller.
  @ResolveReference()
  @Public()
  resolveReference(reference: { __typename: string; id: string }): ReferralModel {
    return { id: reference.id };
  }

  @ResolveField(() => [MeasurementModel], {
    description: 'Measurements in order (scale, assessor, number); corrections replace what they supersede',
  })
  @Roles('jobcenter', 'provider', 'admin')
  async measurements(
    @Parent() referral: ReferralModel,
    @Context() context: GraphqlContext,
    @CurrentActor() actor: Actor,
    @Args() { scale, includeSuperseded = false }: MeasurementsArgs,
  ): Promise<MeasurementModel[]> {
    const loader = loaderIn(context, `measurements:${scale ?? ''}:${includeSuperseded}`, (ids) =>
      this.queries.visibleFor(actor, ids, { scale, includeSuperseded }),
    );
    return ((await loader.load(referral.id)) ?? []).map(toModel);
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: "The professional's latest level on a one-dimensional scale (LADDER_12 unless given)",
  })
  @Roles('jobcenter', 'provider', 'admin')
  async latestLevel(
    @Parent() referral: ReferralModel,
    @Context() context: GraphqlContext,
    @CurrentActor() actor: Actor,
    @Args() { scale }: LatestLevelArgs,
  ): Promise<number | null> {
    const loader = loaderIn(context, `latestLevel:${scale}`, (ids) => this.queries.latestLevels(actor, ids, scale));
    return (await loader.load(referral.id)) ?? null;
  }
}

@Resolver(() => ScaleModel)
export class ScalesResolver {
  constructor(private readonly catalogue: ScaleCatalogue) {}

  @Query(() => [ScaleModel], { description: 'Every published version of every progression scale' })
  @Roles('jobcenter', 'provider', 'analyst', 'admin')
  scales(): Promise<ScaleModel[]> {
    return this.catalogue.list();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is a field error, as on REST, instead of a database error. */
function uuid(referralId: string): string {
  if (!UUID.test(referralId)) {
    throw new DomainError('VALIDATION_FAILED', 'referralId must be a UUID', {
      errors: [{ field: 'referralId', message: 'must be a UUID' }],
    });
  }
  return referralId;
}

/** GraphQL writes mirroring REST: the same use cases, roles, tenancy and field errors. */
@Resolver()
export class ProgressionMutations {
  constructor(
    private readonly useCases: MeasurementUseCases,
    private readonly reports: ReportUseCases,
  ) {}

  @Mutation(() => MeasurementModel, {
    description: 'Record a progression measurement (POST /api/v1/referrals/{id}/measurements)',
  })
  @Roles('provider', 'admin')
  async recordMeasurement(
    @CurrentActor() actor: Actor,
    @Args('referralId', {
      description: "The course's referral id (UUID); the course must be STARTED or PAUSED",
      type: () => ID,
    })
    referralId: string,
    @Args('input', { description: 'The measurement' }) input: RecordMeasurementInput,
  ): Promise<MeasurementModel> {
    uuid(referralId);
    const values: Record<string, unknown> = {};
    for (const { dimension, level } of input.values) {
      if (Object.hasOwn(values, dimension)) {
        throw new DomainError('VALIDATION_FAILED', `values: dimension ${dimension} is given twice`, {
          errors: [{ field: `values.${dimension}`, message: 'is given twice' }],
        });
      }
      Object.defineProperty(values, dimension, { value: level, enumerable: true, writable: true, configurable: true });
    }
    const plain = Object.fromEntries(
      Object.entries({ ...input, values }).filter(([, value]) => value !== undefined && value !== null),
    );
    const dto = await validateDto(RecordMeasurementDto, plain);
    return toModel(await this.useCases.record(actor, referralId, dto));
  }

  @Mutation(() => ReportModel, { description: 'Report to the caseworker (POST /api/v1/referrals/{id}/reports)' })
  @Roles('provider', 'admin')
  async submitReport(
    @CurrentActor() actor: Actor,
    @Args('referralId', { description: "The course's referral id (UUID)", type: () => ID }) referralId: string,
    @Args('input', { description: 'The report' }) input: SubmitReportDto,
  ): Promise<ReportModel> {
    const { submittedBy: _by, ...report } = await this.reports.submit(actor, uuid(referralId), input);
    return report;
  }
}
