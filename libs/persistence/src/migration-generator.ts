import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, migrate } from './data-source';

/**
 * Writes a migration with the SQL that brings a database migrated up to now in line with the entities.
 * Runs against a scratch database, never the real one. Returns the file written, or null when nothing changed.
 */
export async function generateMigration(
  makeDataSource: (url: string) => DataSource,
  scratchUrl: string,
  directory: string,
  name: string,
): Promise<string | null> {
  await dropDatabase(scratchUrl);
  await ensureDatabase(scratchUrl);
  const dataSource = await makeDataSource(scratchUrl).initialize();
  try {
    await migrate(dataSource);
    const log = await dataSource.driver.createSchemaBuilder().log();
    if (log.upQueries.length === 0) return null;
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const lines = (queries: { query: string; parameters?: unknown[] }[]) =>
      queries
        .map(
          (q) =>
            `    await queryRunner.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
        )
        .join('\n');
    const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities; review before committing.
export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(log.upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines([...log.downQueries].reverse())}
  }
}
`;
    const file = join(directory, `${timestamp}-${name}.ts`);
    writeFileSync(file, source);
    return file;
  } finally {
    await dataSource.destroy();
    await dropDatabase(scratchUrl);
  }
}
