import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import {
  Inject,
  Injectable,
  Module,
  type CallHandler,
  type DynamicModule,
  type ExecutionContext,
  type NestInterceptor,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Kafka } from 'kafkajs';
import type { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { AuthGuard, TokenVerifier } from '@platform/auth';
import { IdempotencyInterceptor } from '@platform/http';
import { OutboxRelay, UnitOfWork } from '@platform/messaging';
import { JsonLogger } from '@platform/observability';
import { ProgressionConfig } from './config';
import { ReferralStateConsumer } from './courses/referral-state.consumer';
import { GraphqlAuth, toGraphqlError } from './graphql/graphql-auth';
import { ReferralModel } from './graphql/progression.models';
import { ReferralProgressionResolver, ScalesResolver } from './graphql/referral.resolver';
import { MeasurementQueries } from './measurements/measurement.queries';
import { MeasurementUseCases } from './measurements/measurement.use-cases';
import { MeasurementsController } from './measurements/measurements.controller';
import { ReportUseCases } from './reports/report.use-cases';
import { ReportsController } from './reports/reports.controller';
import { ScaleCatalogue } from './scales/scale-catalogue';
import { ScalesController } from './scales/scales.controller';

export const SOURCE = 'progression';

/**
 * Starts the outbox relay and the referral-state consumer with the application and stops them on shutdown. The
 * consumer has joined its group when start-up ends, so events produced afterwards are seen.
 */
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(ReferralStateConsumer) private readonly consumer: ReferralStateConsumer,
  ) {}
  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    await this.consumer.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.relay.stop();
  }
}

/** Idempotency-Key handling for REST only: the shared interceptor reads an HTTP request, GraphQL has none. */
@Injectable()
class RestIdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly inner: IdempotencyInterceptor) {}
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return context.getType() === 'http' ? this.inner.intercept(context, next) : next.handle();
  }
}

export interface ProgressionInfrastructure {
  config: ProgressionConfig;
  /** Initialised and migrated by the caller, who also closes it. */
  dataSource: DataSource;
  kafka: Kafka;
}

@Module({})
export class ProgressionModule {
  static register({ config, dataSource, kafka }: ProgressionInfrastructure): DynamicModule {
    const logger = new JsonLogger(SOURCE);
    const relay = new OutboxRelay(dataSource, kafka, {
      // A measurement batch is up to 1000 events and several batches commit while one pass publishes: large passes
      // keep the relay's round trips (select, send, mark) per event low.
      batchSize: 5000,
      onError: (error) => logger.event('warn', 'outbox relay pass failed; will retry', { error: error.message }),
    });
    const consumer = new ReferralStateConsumer(
      kafka,
      dataSource,
      config.PROGRESSION_CONSUMER_GROUP,
      config.PROGRESSION_CONSUMER_FROM_BEGINNING,
      (letter) => logger.event('warn', 'referral event dead-lettered', letter),
    );
    return {
      module: ProgressionModule,
      imports: [
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          path: '/graphql',
          autoSchemaFile: { federation: 2 },
          sortSchema: true,
          // Referral is reached through _entities only; nothing in Query returns it.
          buildSchemaOptions: { orphanedTypes: [ReferralModel] },
          introspection: true,
          formatError: (formatted, error) => {
            const domain = toGraphqlError(unwrapResolverError(error));
            return domain ? { ...formatted, message: domain.message, extensions: domain.extensions } : formatted;
          },
        }),
      ],
      controllers: [ScalesController, MeasurementsController, ReportsController],
      providers: [
        { provide: ProgressionConfig, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: OutboxRelay, useValue: relay },
        { provide: ReferralStateConsumer, useValue: consumer },
        { provide: UnitOfWork, useValue: new UnitOfWork(dataSource, SOURCE, relay) },
        {
          provide: TokenVerifier,
          useValue: new TokenVerifier({
            jwtSecret: config.AUTH_JWT_SECRET,
            jwksUrl: config.AUTH_JWKS_URL,
            issuer: config.AUTH_ISSUER,
            audience: config.AUTH_AUDIENCE,
          }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        IdempotencyInterceptor,
        { provide: APP_INTERCEPTOR, useClass: RestIdempotencyInterceptor },
        MessagingLifecycle,
        ScaleCatalogue,
        MeasurementUseCases,
        MeasurementQueries,
        ReportUseCases,
        GraphqlAuth,
        ReferralProgressionResolver,
        ScalesResolver,
      ],
    };
  }
}
