import * as pg from 'pg';

/** Receives what the pool reports about lost connections (one line per event, never a stack). */
export type ConnectionFaultListener = (event: { source: 'pool' | 'client'; error: Error }) => void;

const listeners = new Set<ConnectionFaultListener>();

/** Lets a process log the connection faults of every pool (main.ts / the HTTP bootstrap subscribes once). */
export function onConnectionFault(listener: ConnectionFaultListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function report(source: 'pool' | 'client', error: Error): void {
  for (const listener of listeners) listener({ source, error });
}

/**
 * pg's Pool with an `'error'` listener on every client for its whole life.
 *
 * Why: pg-pool removes its idle listener when it hands a client out, and TypeORM adds its own only in a later
 * microtask (PostgresQueryRunner.connect). When PostgreSQL terminates a backend that has just finished its start-up
 * (pg_terminate_backend, FATAL 57P01 during a restart), ReadyForQuery and the FATAL arrive in the same socket read;
 * the parser handles both synchronously, so the FATAL is emitted on a client with no listener and Node ends the
 * process ("Unhandled 'error' event"). Reproduced under load in docs/adr/0051-dependency-faults.md.
 * With this listener the error is still delivered to the running query (pg rejects it) and the client is marked
 * unqueryable, so the pool discards it on release; nothing else changes.
 */
class FaultTolerantPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    this.on('connect', (client: pg.PoolClient) => {
      client.on('error', (error: Error) => report('client', error));
    });
    // pg-pool re-emits an idle client's error on the pool; the client's own listener above has reported it already.
    this.on('error', () => undefined);
  }
}

/** The `pg` module as TypeORM's `driver` option, with the fault-tolerant pool. */
export const faultTolerantPg = { ...pg, Pool: FaultTolerantPool };

/** A dedicated (non-pooled) client that cannot end the process when its connection is cut. */
export function dedicatedClient(config: pg.ClientConfig): pg.Client {
  const client = new pg.Client(config);
  client.on('error', (error: Error) => report('client', error));
  return client;
}

/**
 * SQLSTATEs that say "the server or this connection is gone, try again later": class 08 (connection exception),
 * 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections), 55000 with "not currently
 * accepting connections" (a database closed for maintenance).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'not currently accepting connections',
  'the database system is starting up',
  'the database system is shutting down',
  'Database connection provided by a query runner was already released',
  'Driver not Connected',
  'Client was closed and is not queryable',
];
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * True when an error means the database could not be reached or dropped the connection (the request may succeed
 * when retried), as opposed to an error in the statement or the data. TypeORM wraps driver errors in
 * QueryFailedError; the original is on `driverError`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e !== 'object') return false;
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_STATES.has(code))) return true;
    if (typeof code === 'string' && UNAVAILABLE_ERRNOS.has(code)) return true;
    if (name === 'QueryRunnerAlreadyReleasedError') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    const next = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
    if (next === e) return false;
    e = next;
  }
  return false;
}
