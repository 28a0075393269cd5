export {
  dedicatedClient,
  faultTolerantPg,
  isDatabaseUnavailable,
  onConnectionFault,
  type ConnectionFaultListener,
} from './connection-faults';
export {
  createDataSource,
  databaseUrl,
  DEFAULT_DATABASE_URL,
  dropDatabase,
  ensureDatabase,
  migrate,
  pendingSchemaChanges,
  type DataSourceSpec,
} from './data-source';
export { insertTogether } from './insert-together';
export { KEY_RING_PATTERN, KeyRing } from './key-ring';
export { generateMigration } from './migration-generator';
export { SnakeNamingStrategy } from './naming';
