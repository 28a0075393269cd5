import 'reflect-metadata';
import { databaseUrl, ensureDatabase, generateMigration, migrate } from '@platform/persistence';
import { seedDemoCatalogue } from './catalogue/catalogue.use-cases';
import { referralsDataSource } from './database';

/**
 * `node migrate.js [--seed]`: creates the database if needed, applies migrations, loads the demo catalogue.
 * `node migrate.js --generate Name`: writes a migration for entity changes (run from the repository root).
 */
async function main(): Promise<void> {
  const generate = process.argv.indexOf('--generate');
  if (generate >= 0) {
    const scratch = new URL(databaseUrl());
    scratch.pathname = '/jobplatform_migration_scratch';
    const file = await generateMigration(
      referralsDataSource,
      scratch.toString(),
      'services/referrals/src/migrations',
      process.argv[generate + 1] ?? 'Change',
    );
    process.stdout.write(file ? `wrote ${file}; add it to migrations/index.ts\n` : 'entities and migrations agree\n');
    return;
  }
  await ensureDatabase(databaseUrl());
  const dataSource = await referralsDataSource().initialize();
  try {
    const applied = await migrate(dataSource);
    process.stdout.write(`referrals: ${applied.length} migration(s) applied\n`);
    if (process.argv.includes('--seed')) {
      const offers = await seedDemoCatalogue(dataSource);
      process.stdout.write(
        offers > 0 ? `referrals: demo catalogue loaded (${offers} offers)\n` : 'referrals: catalogue already present\n',
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`referrals migration failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
