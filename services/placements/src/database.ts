import type { DataSource } from 'typeorm';
import { AuditRecord } from '@platform/audit';
import { IdempotencyRecord } from '@platform/http';
import { OutboxRecord } from '@platform/messaging';
import { createDataSource } from '@platform/persistence';
import { COURSE_PROJECTION_ENTITIES } from '@platform/course';
import { MIGRATIONS } from './migrations';
import { FollowUpEntity } from './placements/follow-up.entity';
import { LogbookEntryEntity } from './placements/logbook-entry.entity';
import { PlacementHoursEntity } from './placements/placement-hours.entity';
import { PlacementEntity } from './placements/placement.entity';

export const SCHEMA = 'placements';

export const ENTITIES = [
  PlacementEntity,
  PlacementHoursEntity,
  FollowUpEntity,
  LogbookEntryEntity,
  AuditRecord,
  IdempotencyRecord,
  OutboxRecord,
  ...COURSE_PROJECTION_ENTITIES,
];

export const placementsDataSource = (url?: string): DataSource =>
  createDataSource({ schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS, url });
