import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { dedicatedClient, faultTolerantPg } from './connection-faults';
import { SnakeNamingStrategy } from './naming';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/jobplatform';

export const databaseUrl = (env: NodeJS.ProcessEnv = process.env): string => env.DATABASE_URL || DEFAULT_DATABASE_URL;

export interface DataSourceSpec {
  /** The service's own PostgreSQL schema: no service reads another's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  url?: string;
  poolSize?: number;
  /** Longest wait for a connection (a new one or a free pool slot) before the query fails; default 5 s. */
  connectTimeoutMs?: number;
}

/** The one way a service gets its TypeORM data source: its schema, snake_case names, migrations, never synchronize. */
export function createDataSource(spec: DataSourceSpec): DataSource {
  return new DataSource({
    type: 'postgres',
    // TypeORM 1 resolves `pg` lazily; handing it the module avoids "reading 'Pool'" under jest's module loader.
    // The pool is pg's with an error listener on every client: a terminated connection must not end the process.
    driver: faultTolerantPg,
    url: spec.url ?? databaseUrl(),
    schema: spec.schema,
    entities: spec.entities,
    migrations: spec.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    poolSize: spec.poolSize ?? 20,
    // Bounded waits: with the database unreachable a request fails (503) instead of hanging on the pool.
    connectTimeoutMS: spec.connectTimeoutMs ?? 5000,
    // TCP keep-alive notices a server that vanished without closing the socket (a host or network failure).
    extra: { application_name: spec.schema, keepAlive: true },
  });
}

/** Creates the schema if missing and applies pending migrations. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (schema) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/**
 * SQL that would still be needed to bring the database in line with the entities after all migrations ran.
 * Empty means the migrations cover every entity change; the drift test fails otherwise.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

/** Creates the database named in the URL when it does not exist yet (local development and tests). */
export async function ensureDatabase(url: string = databaseUrl()): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = dedicatedClient({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Drops a database (test teardown), terminating leftover connections first. */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = dedicatedClient({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
