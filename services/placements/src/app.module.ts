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
import { PlacementsConfig } from './config';
import { ProjectionController } from './courses/projection.controller';
import { PlacementQueries } from './placements/placement.queries';
import { PlacementResolver, ReferralPlacementsResolver } from './placements/placement.resolver';
import { PlacementUseCases } from './placements/placement.use-cases';
import { PlacementsController, ReferralPlacementsController } from './placements/placements.controller';

export const SOURCE = 'placements';

/** Starts the outbox relay and the referral projection with the application (neither blocks it); stops both. */
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger(SOURCE);
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(CourseProjection) private readonly projection: CourseProjection,
  ) {}
  onApplicationBootstrap(): void {
    this.relay.start();
    this.projection.startInBackground((error) =>
      this.logger.event('warn', 'referral projection could not start; will retry', { error: error.message }),
    );
  }
  async onApplicationShutdown(): Promise<void> {
    await this.projection.stop();
    await this.relay.stop();
  }
}

export interface PlacementsInfrastructure {
  config: PlacementsConfig;
  /** Initialised and migrated by the caller, who also closes it. */
  dataSource: DataSource;
  kafka: Kafka;
}

@Module({})
export class PlacementsModule {
  static register({ config, dataSource, kafka }: PlacementsInfrastructure): DynamicModule {
    const logger = new JsonLogger(SOURCE);
    const relay = new OutboxRelay(dataSource, kafka, {
      onError: (error) => logger.event('warn', 'outbox relay pass failed; will retry', { error: error.message }),
    });
    const projection = new CourseProjection(kafka, dataSource, {
      group: config.PLACEMENTS_CONSUMER_GROUP,
      waitMs: config.CONSISTENCY_WAIT_MS,
      onDeadLetter: (dead) => logger.event('warn', 'referral event dead-lettered', dead),
    });
    return {
      module: PlacementsModule,
      imports: [subgraphModule()],
      controllers: [ReferralPlacementsController, PlacementsController, ProjectionController],
      providers: [
        { provide: PlacementsConfig, useValue: config },
        ...serviceProviders({
          source: SOURCE,
          config,
          dataSource,
          relay,
          projection,
          replayKeys: config.REPLAY_ENCRYPTION_KEYS,
        }),
        MessagingLifecycle,
        PlacementUseCases,
        PlacementQueries,
        PlacementResolver,
        ReferralPlacementsResolver,
      ],
    };
  }
}
