import type { DataSource } from 'typeorm';
import { IdempotencyRecord } from '@platform/http';
import { OutboxRecord } from '@platform/messaging';
import { createDataSource } from '@platform/persistence';
import { AuditEntity } from './audit/audit.entity';
import { COURSE_PROJECTION_ENTITIES } from '@platform/course';
import { MeasurementEntity, MeasurementSeriesEntity } from './measurements/measurement.entity';
import { MIGRATIONS } from './migrations';
import { ReportEntity } from './reports/report.entity';
import { ScaleEntity } from './scales/scale.entity';

export const SCHEMA = 'progression';

export const ENTITIES = [
  ScaleEntity,
  MeasurementEntity,
  MeasurementSeriesEntity,
  ReportEntity,
  AuditEntity,
  IdempotencyRecord,
  OutboxRecord,
  ...COURSE_PROJECTION_ENTITIES,
];

export const progressionDataSource = (url?: string): DataSource =>
  createDataSource({ schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS, url });
