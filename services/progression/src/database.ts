import type { DataSource } from 'typeorm';
import { AuditRecord } from '@platform/audit';
import { IdempotencyRecord } from '@platform/http';
import { OutboxRecord } from '@platform/messaging';
import { createDataSource } from '@platform/persistence';
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
  AuditRecord,
  IdempotencyRecord,
  OutboxRecord,
  ...COURSE_PROJECTION_ENTITIES,
];

export const progressionDataSource = (url?: string): DataSource =>
  createDataSource({ schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS, url });
