import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { AuthSettings } from '@platform/auth';

/** Everything the reporting service reads from its environment, validated once at start-up. */
export class ReportingConfig extends AuthSettings {
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
  REPORTING_PORT = 3004;

  /** Internal port of /metrics (Prometheus), apart from the public one: never routed by the gateway (ADR 0075). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  REPORTING_METRICS_PORT = 9404;

  /** Kafka group id of the projections; a rebuild resets this group's offsets to the earliest. */
  @IsString()
  @Matches(/^[\w.-]{1,200}$/, { message: 'REPORTING_CONSUMER_GROUP must be letters, digits, ".", "_" or "-"' })
  REPORTING_CONSUMER_GROUP = 'reporting';

  /**
   * Key for the export pseudonym: the CSV carries HMAC(key, citizen pseudonym), so an export can count distinct
   * citizens but cannot be joined with the platform-wide pseudonym of the events.
   */
  @IsString()
  @MinLength(32, { message: 'REPORTING_EXPORT_KEY must be at least 32 characters' })
  REPORTING_EXPORT_KEY: string;

  /**
   * The disclosure rule (ADR 0071): an analyst's aggregate cell (a KPI row or figure, a status count, a curve point)
   * computed from fewer courses than this is suppressed: figures null, `suppressed: true`.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  MIN_CELL_SIZE = 5;
}
