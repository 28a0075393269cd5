import type { DataSource } from 'typeorm';
import { ProcessedEvent } from '@platform/messaging';
import { createDataSource } from '@platform/persistence';
import { MIGRATIONS } from './migrations';
import { CourseFact } from './projection/course-fact.entity';
import { MeasurementFact } from './projection/measurement-fact.entity';
import { OutcomeFollowUp } from './projection/outcome-follow-up.entity';
import { PlacementFact } from './projection/placement-fact.entity';

export const SCHEMA = 'reporting';

export const ENTITIES = [CourseFact, MeasurementFact, PlacementFact, OutcomeFollowUp, ProcessedEvent];

export const reportingDataSource = (url?: string): DataSource =>
  createDataSource({ schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS, url });
