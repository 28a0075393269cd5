import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CourseProjection } from '@platform/course';
import { subgraphModule } from '@platform/graphql';
import { serviceProviders } from '@platform/http';
import { OutboxRelay } from '@platform/messaging';
import { JsonLogger } from '@platform/observability';
import { ProgressionConfig } from './config';
import { ReferralModel } from './graphql/progression.models';
import { ProgressionMutations, ReferralProgressionResolver, ScalesResolver } from './graphql/referral.resolver';
import { MeasurementQueries } from './measurements/measurement.queries';
import { MeasurementUseCases } from './measurements/measurement.use-cases';
import { MeasurementsController } from './measurements/measurements.controller';
import { ReportUseCases } from './reports/report.use-cases';
import { ReportsController } from './reports/reports.controller';
import { ScaleCatalogue } from './scales/scale-catalogue';
import { ScalesController } from './scales/scales.controller';

export const SOURCE = 'progression';

/** Starts the outbox relay and the referral-state consumer with the application (neither blocks it); stops both. */
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger(SOURCE);
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(CourseProjection) private readonly consumer: CourseProjection,
  ) {}
  onApplicationBootstrap(): void {
    this.relay.start();
    this.consumer.startInBackground((error) =>
      this.logger.event('warn', 'referral-state consumer could not start; will retry', { error: error.message }),
    );
  }
  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.relay.stop();
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
    const projection = new CourseProjection(kafka, dataSource, {
      group: config.PROGRESSION_CONSUMER_GROUP,
      fromBeginning: config.PROGRESSION_CONSUMER_FROM_BEGINNING,
      waitMs: config.CONSISTENCY_WAIT_MS,
      onDeadLetter: (letter) => logger.event('warn', 'referral event dead-lettered', letter),
    });
    return {
      module: ProgressionModule,
      imports: [
        // Referral is reached through _entities only; no query returns it.
        subgraphModule({ orphanedTypes: [ReferralModel] }),
      ],
      controllers: [ScalesController, MeasurementsController, ReportsController],
      providers: [
        { provide: ProgressionConfig, useValue: config },
        ...serviceProviders({
          source: SOURCE,
          config,
          dataSource,
          relay,
          projection,
          replayKeys: config.REPLAY_ENCRYPTION_KEYS,
        }),
        MessagingLifecycle,
        ScaleCatalogue,
        MeasurementUseCases,
        MeasurementQueries,
        ReportUseCases,
        ReferralProgressionResolver,
        ScalesResolver,
        ProgressionMutations,
      ],
    };
  }
}
