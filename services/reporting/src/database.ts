import type { DataSource } from 'typeorm';
import { CONSUMER_ENTITIES } from '@platform/messaging';
import { createDataSource, databaseUrl } from '@platform/persistence';
import { MIGRATIONS } from './migrations';
import { CourseFact } from './projection/course-fact.entity';
import { MeasurementFact } from './projection/measurement-fact.entity';
import { OutcomeFollowUp } from './projection/outcome-follow-up.entity';
import { PlacementFact } from './projection/placement-fact.entity';

export const SCHEMA = 'reporting';

export const ENTITIES = [CourseFact, MeasurementFact, PlacementFact, OutcomeFollowUp, ...CONSUMER_ENTITIES];

/**
 * Session settings for aggregate queries: the medians sort tens of thousands of rows per municipality-year, which
 * must stay in memory. (The group key is sorted with COLLATE "C" in the queries: several times faster than the
 * database's linguistic collation, and CVRs are digits.)
 */
const SESSION_OPTIONS = '-c work_mem=64MB';

export const reportingDataSource = (url: string = databaseUrl()): DataSource => {
  const withOptions = new URL(url);
  withOptions.searchParams.set('options', SESSION_OPTIONS);
  return createDataSource({ schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS, url: withOptions.toString() });
};
