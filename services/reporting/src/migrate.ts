import 'reflect-metadata';
import { createKafka } from '@platform/messaging';
import { databaseUrl, ensureDatabase, generateMigration, migrate } from '@platform/persistence';
import { ReportingConfig } from './config';
import { reportingDataSource } from './database';
import { rebuildReadModels } from './projection/rebuild';

/**
 * `node migrate.js`: creates the database if needed and applies migrations.
 * `node migrate.js --rebuild`: also empties the read models and rewinds the projections' consumer group to the
 *   start of every topic; the (stopped) service rebuilds everything from the events when it starts.
 * `node migrate.js --generate Name`: writes a migration for entity changes (run from the repository root).
 */
async function main(): Promise<void> {
  const generate = process.argv.indexOf('--generate');
  if (generate >= 0) {
    const scratch = new URL(databaseUrl());
    scratch.pathname = '/jobplatform_migration_scratch';
    const file = await generateMigration(
      reportingDataSource,
      scratch.toString(),
      'services/reporting/src/migrations',
      process.argv[generate + 1] ?? 'Change',
    );
    process.stdout.write(file ? `wrote ${file}; add it to migrations/index.ts\n` : 'entities and migrations agree\n');
    return;
  }
  await ensureDatabase(databaseUrl());
  const dataSource = await reportingDataSource().initialize();
  try {
    const applied = await migrate(dataSource);
    process.stdout.write(`reporting: ${applied.length} migration(s) applied\n`);
    if (process.argv.includes('--rebuild')) {
      // Only the group is needed here, not the service's whole configuration (no auth keys for a rebuild).
      const group = process.env.REPORTING_CONSUMER_GROUP || new ReportingConfig().REPORTING_CONSUMER_GROUP;
      if (!/^[\w.-]{1,200}$/.test(group)) throw new Error('REPORTING_CONSUMER_GROUP is not a valid group id');
      await rebuildReadModels(dataSource, createKafka('reporting-rebuild'), group);
      process.stdout.write(`reporting: read models emptied, group ${group} rewound; start the service to rebuild\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`reporting migration failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
