import 'reflect-metadata';
import { databaseUrl, ensureDatabase, generateMigration, migrate } from '@platform/persistence';
import { progressionDataSource } from './database';
import { ensureBuiltInScales } from './scales/scale-catalogue';

/**
 * `node migrate.js [--seed]`: creates the database if needed and applies migrations (which include the built-in
 * scales); `--seed` re-checks that the built-in scales are present.
 * `node migrate.js --generate Name`: writes a migration for entity changes (run from the repository root).
 */
async function main(): Promise<void> {
  const generate = process.argv.indexOf('--generate');
  if (generate >= 0) {
    const scratch = new URL(databaseUrl());
    scratch.pathname = '/jobplatform_progression_migration_scratch';
    const file = await generateMigration(
      progressionDataSource,
      scratch.toString(),
      'services/progression/src/migrations',
      process.argv[generate + 1] ?? 'Change',
    );
    process.stdout.write(file ? `wrote ${file}; add it to migrations/index.ts\n` : 'entities and migrations agree\n');
    return;
  }
  await ensureDatabase(databaseUrl());
  const dataSource = await progressionDataSource().initialize();
  try {
    const applied = await migrate(dataSource);
    process.stdout.write(`progression: ${applied.length} migration(s) applied\n`);
    if (process.argv.includes('--seed')) {
      const added = await ensureBuiltInScales(dataSource.manager);
      process.stdout.write(`progression: built-in scales ${added > 0 ? `added (${added})` : 'present'}\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`progression migration failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
