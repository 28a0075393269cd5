import { dedicatedClient } from '@platform/persistence';

/**
 * Database faults for one test database, as PostgreSQL produces them: terminated backends (FATAL 57P01, what a
 * restart or an operator does to a session) and an outage (the database refuses new connections). Acts only on
 * the test's own database — never on another database of the shared server — and refuses any database that is
 * not a test database (createTestDatabase's `jp_test_` names).
 */
export class DatabaseFaults {
  readonly database: string;
  private readonly admin: ReturnType<typeof dedicatedClient>;
  private connected?: Promise<unknown>;

  constructor(databaseUrl: string) {
    this.database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    if (!this.database.startsWith('jp_test_')) {
      throw new Error(`DatabaseFaults acts only on test databases (jp_test_…), not on ${this.database}`);
    }
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    this.admin = dedicatedClient({ connectionString: admin.toString(), application_name: 'fault-injector' });
  }

  private async client() {
    this.connected ??= this.admin.connect();
    await this.connected;
    return this.admin;
  }

  /** pg_terminate_backend on every session of this database; returns how many were terminated. */
  async terminateConnections(): Promise<number> {
    const client = await this.client();
    const result = await client.query<{ terminated: string }>(
      `SELECT count(pg_terminate_backend(pid)) AS terminated FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [this.database],
    );
    return Number(result.rows[0].terminated);
  }

  /** The database goes down: new connections are refused and every open one is terminated. */
  async down(): Promise<void> {
    const client = await this.client();
    await client.query(`ALTER DATABASE "${this.database.replace(/"/g, '""')}" WITH ALLOW_CONNECTIONS false`);
    await this.terminateConnections();
  }

  /** The database is back. */
  async up(): Promise<void> {
    const client = await this.client();
    await client.query(`ALTER DATABASE "${this.database.replace(/"/g, '""')}" WITH ALLOW_CONNECTIONS true`);
  }

  /** Terminates the database's connections every `everyMs` until the returned function is called. */
  terminateRepeatedly(everyMs: number): () => Promise<{ rounds: number; terminated: number }> {
    let rounds = 0;
    let terminated = 0;
    let running = true;
    const loop = (async () => {
      while (running) {
        terminated += await this.terminateConnections();
        rounds++;
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
    return async () => {
      running = false;
      await loop;
      return { rounds, terminated };
    };
  }

  async close(): Promise<void> {
    await this.up().catch(() => undefined);
    await this.admin.end().catch(() => undefined);
  }
}
