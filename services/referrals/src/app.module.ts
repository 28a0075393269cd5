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
import { OutboxRelay } from '@platform/messaging';
import { JsonLogger } from '@platform/observability';
import { CatalogueCache } from './catalogue/catalogue.cache';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueUseCases } from './catalogue/catalogue.use-cases';
import { ChangeRequestsController } from './change-requests/change-requests.controller';
import { ChangeRequestResolver } from './change-requests/change-request.resolver';
import { ChangeRequestUseCases } from './change-requests/change-request.use-cases';
import { CitizenVault } from './citizen/citizen-vault';
import { ReferralsConfig } from './config';
import { ReferralQueries } from './referrals/referral.queries';
import { ReferralResolver } from './referrals/referral.resolver';
import { ReferralUseCases } from './referrals/referral.use-cases';
import { ReferralsController } from './referrals/referrals.controller';

export const SOURCE = 'referrals';

/** Starts the outbox relay with the application and stops it (after in-flight work) on shutdown. */
class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}
  onApplicationBootstrap(): void {
    this.relay.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

export interface ReferralsInfrastructure {
  config: ReferralsConfig;
  /** Initialised and migrated by the caller, who also closes it. */
  dataSource: DataSource;
  kafka: Kafka;
}

@Module({})
export class ReferralsModule {
  static register({ config, dataSource, kafka }: ReferralsInfrastructure): DynamicModule {
    const logger = new JsonLogger(SOURCE);
    const relay = new OutboxRelay(dataSource, kafka, {
      onError: (error) => logger.event('warn', 'outbox relay pass failed; will retry', { error: error.message }),
    });
    return {
      module: ReferralsModule,
      imports: [subgraphModule()],
      controllers: [CatalogueController, ReferralsController, ChangeRequestsController],
      providers: [
        { provide: ReferralsConfig, useValue: config },
        ...serviceProviders({
          source: SOURCE,
          config,
          dataSource,
          relay,
          replayKeys: config.CPR_ENCRYPTION_KEYS,
          replayKeysName: 'CPR_ENCRYPTION_KEYS',
        }),
        { provide: CitizenVault, useValue: new CitizenVault(config.CPR_ENCRYPTION_KEYS, config.PSEUDONYM_KEY) },
        RelayLifecycle,
        CatalogueUseCases,
        CatalogueCache,
        ReferralUseCases,
        ReferralQueries,
        ReferralResolver,
        ChangeRequestUseCases,
        ChangeRequestResolver,
      ],
    };
  }
}
