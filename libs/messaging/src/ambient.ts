import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * The request's one database transaction (ADR 0050): opened by the Idempotency-Key interceptor so that the key's
 * stored response commits together with the change it guards. Everything the handler does on the same data
 * source joins it: `UnitOfWork.run` as a savepoint, reads and single-statement writes through `managerOf`.
 */
export interface AmbientTransaction {
  readonly dataSource: DataSource;
  /** Bound to the transaction's connection. */
  readonly manager: EntityManager;
  /** Run after COMMIT, awaited before the response (e.g. wait until the outbox rows are on the broker). */
  readonly afterCommit: Array<() => Promise<void>>;
}

interface AmbientState extends AmbientTransaction {
  open: boolean;
}

const storage = new AsyncLocalStorage<AmbientState>();

/** The ambient transaction on this data source, if the current request runs in one. */
export function ambientTransaction(dataSource: DataSource): AmbientTransaction | undefined {
  const state = storage.getStore();
  return state?.open && state.dataSource === dataSource ? state : undefined;
}

/**
 * The one way a handler path gets an entity manager: the ambient transaction's (so it sees its own uncommitted
 * rows and uses no second connection), or the data source's outside one.
 */
export function managerOf(dataSource: DataSource): EntityManager {
  return ambientTransaction(dataSource)?.manager ?? dataSource.manager;
}

/** Test seams: faults injected at the moments a crash is hardest to survive. Never set outside tests. */
export const faults: {
  /** Called right after the ambient transaction committed, before the response: a throw loses the response. */
  afterCommit?: () => void;
} = {};

export type AmbientOutcome<T> = { commit: true; value: T } | { commit: false; error: unknown };

/**
 * Runs `work` in a new ambient transaction: committed when it returns normally, rolled back when it throws.
 * After the commit the registered after-commit hooks run (their failures are theirs: the write is durable),
 * then the seam `faults.afterCommit`.
 */
export async function runInAmbientTransaction<T>(
  dataSource: DataSource,
  work: (tx: AmbientTransaction, queryRunner: QueryRunner) => Promise<T>,
): Promise<T> {
  const queryRunner = dataSource.createQueryRunner();
  const state: AmbientState = { dataSource, manager: queryRunner.manager, afterCommit: [], open: true };
  let value: T;
  try {
    await queryRunner.startTransaction();
    value = await storage.run(state, () => work(state, queryRunner));
    await queryRunner.commitTransaction();
  } catch (error) {
    // Savepoints the work left open included: a connection must never go back to the pool inside a transaction
    // (it would keep the key's advisory lock and hand a stale transaction to the next request).
    try {
      while (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
    } catch {
      await queryRunner.query('ROLLBACK').catch(() => undefined);
    }
    throw error;
  } finally {
    state.open = false;
    await queryRunner.release().catch(() => undefined);
  }
  for (const hook of state.afterCommit) await hook().catch(() => undefined);
  faults.afterCommit?.();
  return value;
}
