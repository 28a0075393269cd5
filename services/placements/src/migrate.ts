import 'reflect-metadata';
import { databaseUrl, ensureDatabase, generateMigration, migrate } from '@platform/persistence';
import { placementsDataSource } from './database';

/**
 * `node migrate.js [--seed]`: creates the database if needed and applies migrations (there is no seed data: the
 * course projection fills from referrals.events.v1).
 * `node migrate.js --generate Name`: writes a migration for entity changes (run from the repository root).
 */
async function main(): Promise<void> {
  const generate = process.argv.indexOf('--generate');
  if (generate >= 0) {
    const scratch = new URL(databaseUrl());
    scratch.pathname = '/jobplatform_migration_scratch_placements';
    const file = await generateMigration(
      placementsDataSource,
      scratch.toString(),
      'services/placements/src/migrations',
      process.argv[generate + 1] ?? 'Change',
    );
    process.stdout.write(file ? `wrote ${file}; add it to migrations/index.ts\n` : 'entities and migrations agree\n');
    return;
  }
  await ensureDatabase(databaseUrl());
  const dataSource = await placementsDataSource().initialize();
  try {
    const applied = await migrate(dataSource);
    process.stdout.write(`placements: ${applied.length} migration(s) applied\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`placements migration failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
