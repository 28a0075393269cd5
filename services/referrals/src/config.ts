import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { KEY_RING_PATTERN } from '@platform/persistence';
import { AuthSettings } from '@platform/auth';

/** Everything the referrals service reads from its environment, validated once at start-up. */
export class ReferralsConfig extends AuthSettings {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  REFERRALS_PORT = 3001;

  /** Internal port of /metrics (Prometheus), apart from the public one: never routed by the gateway (ADR 0075). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  REFERRALS_METRICS_PORT = 9401;

  /** `id:base64(32 bytes)[,id:base64(32 bytes)…]`, current key first. */
  @Matches(KEY_RING_PATTERN, {
    message: 'CPR_ENCRYPTION_KEYS must be id:base64(32 bytes)[,id:base64(32 bytes)...]',
  })
  CPR_ENCRYPTION_KEYS: string;

  @IsString()
  @MinLength(32, { message: 'PSEUDONYM_KEY must be at least 32 characters' })
  PSEUDONYM_KEY: string;

  /** Platform defaults for offers without their own service levels (UK programmes use 2 and 15). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  SLA_ANSWER_WORKING_DAYS = 2;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120)
  SLA_START_WORKING_DAYS = 15;

  /** How long a write waits after COMMIT until its events are on the broker (ADR 0050); 0 answers at once. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30000)
  PUBLISH_WAIT_MS = 2000;
}
