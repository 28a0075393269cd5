import type { Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthGuard, TokenVerifier } from '@platform/auth';
import { CourseProjection, ReadYourWritesInterceptor } from '@platform/course';
import { OutboxRelay, UnitOfWork } from '@platform/messaging';
import { KeyRing } from '@platform/persistence';
import { IDEMPOTENCY_KEY_RING, IdempotencyInterceptor } from './idempotency';

/** The authentication settings every service validates at start (API.md "Authentication"). */
export interface AuthSettings {
  AUTH_JWT_SECRET?: string;
  AUTH_JWKS_URL?: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  /** Token policy (ADR 0071); the library's defaults when absent. */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS?: number;
  AUTH_CLOCK_SKEW_SECONDS?: number;
  /** How long a write waits after COMMIT until its events are on the broker (ADR 0050); default 2000. */
  PUBLISH_WAIT_MS?: number;
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
  /**
   * The key ring (`id:base64(32 bytes)[,…]`, CPR_ENCRYPTION_KEYS format) that seals stored replays: they hold
   * personal data. Required with idempotency.
   */
  replayKeys?: string;
  /** The configuration variable replayKeys comes from, for error messages. */
  replayKeysName?: string;
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
  replayKeys,
  replayKeysName = 'REPLAY_ENCRYPTION_KEYS',
}: ServiceProvidersOptions): Provider[] {
  if (idempotency && !replayKeys) throw new Error(`${replayKeysName} is required: stored replays are encrypted`);
  return [
    { provide: DataSource, useValue: dataSource },
    {
      provide: TokenVerifier,
      useValue: new TokenVerifier({
        jwtSecret: config.AUTH_JWT_SECRET,
        jwksUrl: config.AUTH_JWKS_URL,
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        maxTokenLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
        clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
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
    ...(idempotency
      ? [
          { provide: IDEMPOTENCY_KEY_RING, useValue: new KeyRing(replayKeys!, replayKeysName) },
          { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        ]
      : []),
    ...(relay
      ? [
          { provide: OutboxRelay, useValue: relay },
          {
            provide: UnitOfWork,
            useValue: new UnitOfWork(dataSource, source, relay, { publishWaitMs: config.PUBLISH_WAIT_MS }),
          },
        ]
      : []),
  ];
}
