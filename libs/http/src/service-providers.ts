import type { Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthGuard, TokenVerifier } from '@platform/auth';
import { CourseProjection, ReadYourWritesInterceptor } from '@platform/course';
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
  /**
   * For a service that keeps the course projection: it is provided, and requests refused on the projected state
   * wait for it (read-your-writes).
   */
  projection?: CourseProjection;
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
  projection,
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
    // Registered before the idempotency interceptor so that it wraps it: a request waits for the projection
    // outside the transaction that the idempotency interceptor holds, then runs again.
    ...(projection
      ? [
          { provide: CourseProjection, useValue: projection },
          { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        ]
      : []),
    ...(idempotency ? [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }] : []),
    ...(relay
      ? [
          { provide: OutboxRelay, useValue: relay },
          { provide: UnitOfWork, useValue: new UnitOfWork(dataSource, source, relay) },
        ]
      : []),
  ];
}
