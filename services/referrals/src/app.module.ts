import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AuthGuard, TokenVerifier } from '@platform/auth';
import { subgraphModule } from '@platform/graphql';
import { IdempotencyInterceptor } from '@platform/http';
import { OutboxRelay, UnitOfWork } from '@platform/messaging';
import { JsonLogger } from '@platform/observability';
import { CatalogueCache } from './catalogue/catalogue.cache';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueUseCases } from './catalogue/catalogue.use-cases';
import { ChangeRequestsController } from './change-requests/change-requests.controller';
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
        { provide: DataSource, useValue: dataSource },
        { provide: OutboxRelay, useValue: relay },
        { provide: UnitOfWork, useValue: new UnitOfWork(dataSource, SOURCE, relay) },
        { provide: CitizenVault, useValue: new CitizenVault(config.CPR_ENCRYPTION_KEYS, config.PSEUDONYM_KEY) },
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
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        RelayLifecycle,
        CatalogueUseCases,
        CatalogueCache,
        ReferralUseCases,
        ReferralQueries,
        ReferralResolver,
        ChangeRequestUseCases,
      ],
    };
  }
}
