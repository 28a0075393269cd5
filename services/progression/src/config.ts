import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { KEY_RING_PATTERN } from '@platform/persistence';
import { AuthSettings } from '@platform/auth';

/** Everything the progression service reads from its environment, validated once at start-up. */
export class ProgressionConfig extends AuthSettings {
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
  PROGRESSION_PORT = 3003;

  /** Internal port of /metrics (Prometheus), apart from the public one: never routed by the gateway (ADR 0075). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PROGRESSION_METRICS_PORT = 9403;

  /** Kafka consumer group (and inbox scope) of the referral-state projection. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: 'PROGRESSION_CONSUMER_GROUP must be 1-200 of [A-Za-z0-9._-]' })
  PROGRESSION_CONSUMER_GROUP = 'progression.referral-state';

  /**
   * Where a consumer group without committed offsets starts: from the beginning of the topic (a new installation
   * must learn every course), or at its end (throwaway groups in tests, which only care about what they publish).
   */
  @Transform(({ value }: { value: unknown }) => (value === 'false' ? false : value === 'true' ? true : value))
  @IsBoolean()
  PROGRESSION_CONSUMER_FROM_BEGINNING = true;

  /** Read-your-writes: how long a request may wait for the course projection before it is answered 503. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30_000)
  CONSISTENCY_WAIT_MS = 3000;

  /** How long a write waits after COMMIT until its events are on the broker (ADR 0050); 0 answers at once. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30000)
  PUBLISH_WAIT_MS = 2000;

  /**
   * Seals stored Idempotency-Key replays (they hold personal and health data, ADR 0050):
   * `id:base64(32 bytes)[,id:base64(32 bytes)…]`, current key first, rotated like CPR_ENCRYPTION_KEYS.
   */
  @Matches(KEY_RING_PATTERN, {
    message: 'REPLAY_ENCRYPTION_KEYS must be id:base64(32 bytes)[,id:base64(32 bytes)...]',
  })
  REPLAY_ENCRYPTION_KEYS: string;
}
