import type { Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthGuard, TokenVerifier } from '@platform/auth';
import { OutboxRelay, UnitOfWork } from '@platform/messaging';
import { IdempotencyInterceptor } from './idempotency';

/** The authentication settings every service validates at start (API.md "Authentication"). */
export interface AuthSettings {
  AUTH_JWT_SECRET?: string;
  AUTH_JWKS_URL?: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
}

export interface ServiceProvidersOptions {
  /** The service's name: the events' ce_source. */
  source: string;
  config: AuthSettings;
  dataSource: DataSource;
  /** For a service that publishes events: its outbox relay (the unit of work is built on it). */
  relay?: OutboxRelay;
  /** Idempotency-Key replay of POSTs (default true; a read-only service has no idempotency table). */
  idempotency?: boolean;
}

/**
 * What every service's module provides alike: its data source, bearer-token verification as the global guard,
 * Idempotency-Key replay and, for a publishing service, the outbox relay and the unit of work.
 */
export function serviceProviders({
  source,
  config,
  dataSource,
  relay,
  idempotency = true,
}: ServiceProvidersOptions): Provider[] {
  return [
    { provide: DataSource, useValue: dataSource },
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
    ...(idempotency ? [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }] : []),
    ...(relay
      ? [
          { provide: OutboxRelay, useValue: relay },
          { provide: UnitOfWork, useValue: new UnitOfWork(dataSource, source, relay) },
        ]
      : []),
  ];
}
