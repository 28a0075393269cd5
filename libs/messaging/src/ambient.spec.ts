import type { DataSource } from 'typeorm';
import { ambientTransaction, faults, managerOf, runInAmbientTransaction } from './ambient';

const step = (log: string[], name: string) => () => {
  log.push(name);
  return Promise.resolve();
};

/** A data source whose query runner records what the transaction did. */
function fakeDataSource() {
  const log: string[] = [];
  const own = { own: true };
  const runnerManager = { runner: true };
  const dataSource = {
    manager: own,
    createQueryRunner: () => {
      // Nested startTransaction is a savepoint, as in TypeORM: each level is closed by its own commit or rollback.
      let depth = 0;
      const level = (name: string, change: number) => () => {
        depth += change;
        return step(log, name)();
      };
      return {
        manager: runnerManager,
        get isTransactionActive() {
          return depth > 0;
        },
        startTransaction: level('BEGIN', 1),
        commitTransaction: level('COMMIT', -1),
        rollbackTransaction: level('ROLLBACK', -1),
        release: step(log, 'release'),
      };
    },
  } as unknown as DataSource;
  return { dataSource, log, own, runnerManager };
}

describe('the ambient transaction', () => {
  afterEach(() => {
    faults.afterCommit = undefined;
  });

  it('hands the transaction manager to the work and the data source manager outside it', async () => {
    const { dataSource, own, runnerManager } = fakeDataSource();
    expect(managerOf(dataSource)).toBe(own);
    const inside = await runInAmbientTransaction(dataSource, () => Promise.resolve(managerOf(dataSource)));
    expect(inside).toBe(runnerManager);
    expect(managerOf(dataSource)).toBe(own);
    // Another data source in the same request is not joined.
    await runInAmbientTransaction(dataSource, () => {
      expect(managerOf(fakeDataSource().dataSource)).not.toBe(runnerManager);
      return Promise.resolve();
    });
  });

  it('commits, releases, then runs the after-commit hooks; a failing hook does not undo the answer', async () => {
    const { dataSource, log } = fakeDataSource();
    const value = await runInAmbientTransaction(dataSource, (tx) => {
      tx.afterCommit.push(step(log, 'hook'));
      tx.afterCommit.push(() => Promise.reject(new Error('broker down')));
      return Promise.resolve(42);
    });
    expect(value).toBe(42);
    expect(log).toEqual(['BEGIN', 'COMMIT', 'release', 'hook']);
  });

  it('rolls back and runs no hook when the work throws; a stale context is not joined later', async () => {
    const { dataSource, log, own } = fakeDataSource();
    let later: (() => unknown) | undefined;
    await expect(
      runInAmbientTransaction(dataSource, (tx) => {
        tx.afterCommit.push(step(log, 'hook'));
        later = () => ambientTransaction(dataSource) ?? managerOf(dataSource);
        return Promise.reject(new Error('refused'));
      }),
    ).rejects.toThrow('refused');
    expect(log).toEqual(['BEGIN', 'ROLLBACK', 'release']);
    expect(later?.()).toBe(own);
  });

  it('rolls back a savepoint the work left open too, so no connection goes back to the pool in a transaction', async () => {
    const { dataSource, log } = fakeDataSource();
    await expect(
      runInAmbientTransaction(dataSource, async (_tx, queryRunner) => {
        await queryRunner.startTransaction();
        throw new Error('refused inside the savepoint');
      }),
    ).rejects.toThrow('refused');
    expect(log).toEqual(['BEGIN', 'BEGIN', 'ROLLBACK', 'ROLLBACK', 'release']);
  });

  it('lets a test lose the answer after COMMIT', async () => {
    const { dataSource, log } = fakeDataSource();
    faults.afterCommit = () => {
      throw new Error('crash');
    };
    await expect(runInAmbientTransaction(dataSource, () => Promise.resolve(1))).rejects.toThrow('crash');
    expect(log).toContain('COMMIT');
  });
});
