import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { subgraphModule } from '@platform/graphql';
import { serviceProviders } from '@platform/http';
import { ConsumerHost } from '@platform/messaging';
import { JsonLogger } from '@platform/observability';
import { ReportingConfig } from './config';
import { CoursesExport } from './export/courses-export';
import { ExportController } from './export/export.controller';
import { FollowUpController } from './follow-up/follow-up.controller';
import { FollowUpQueries } from './follow-up/follow-up.queries';
import { ReferralReference, ReferralReferenceResolver } from './graphql/referral.resolver';
import { ReportResolver } from './graphql/report.resolver';
import { ReportQueries } from './kpis/report.queries';
import { createReportingConsumer } from './projection/reporting.consumer';
import type { Change } from './projection/changes';

export const SOURCE = 'reporting';

/**
 * Starts the projections with the application without holding it up (while the broker is unreachable the service
 * answers from the read model as it is, and /health reports Kafka down), and stops them on shutdown.
 */
class ProjectionLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger(SOURCE);
  constructor(@Inject(ConsumerHost) private readonly consumer: ConsumerHost<Change>) {}
  onApplicationBootstrap(): void {
    this.consumer.startInBackground((error) =>
      this.logger.event('warn', 'reporting projections could not start; will retry', { error: error.message }),
    );
  }
  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

export interface ReportingInfrastructure {
  config: ReportingConfig;
  /** Initialised and migrated by the caller, who also closes it. */
  dataSource: DataSource;
  kafka: Kafka;
}

@Module({})
export class ReportingModule {
  static register({ config, dataSource, kafka }: ReportingInfrastructure): DynamicModule {
    const logger = new JsonLogger(SOURCE);
    return {
      module: ReportingModule,
      imports: [
        // The Referral entity is reached only through `_entities`; it must still be in the schema.
        subgraphModule({ orphanedTypes: [ReferralReference] }),
      ],
      controllers: [ExportController, FollowUpController],
      providers: [
        { provide: ReportingConfig, useValue: config },
        ...serviceProviders({ source: SOURCE, config, dataSource, idempotency: false }),
        {
          provide: ConsumerHost,
          useValue: createReportingConsumer(kafka, dataSource, config.REPORTING_CONSUMER_GROUP, logger),
        },
        ProjectionLifecycle,
        ReportQueries,
        FollowUpQueries,
        CoursesExport,
        ReportResolver,
        ReferralReferenceResolver,
      ],
    };
  }
}
