import type { DataSource } from 'typeorm';
import { runInAmbientTransaction } from './ambient';
import type { OutboxRelay } from './relay';
import { UnitOfWork } from './unit-of-work';

/** A relay that records what it was asked to wait for. */
function recordingRelay() {
  const waits: string[][] = [];
  let notifies = 0;
  const relay = {
    notify: () => void notifies++,
    awaitPublished: (seqs: readonly string[]) => {
      waits.push([...seqs]);
      return Promise.resolve(true);
    },
  } as unknown as OutboxRelay;
  return { relay, waits, notifies: () => notifies };
}

const dataSource = {
  manager: {},
  createQueryRunner: () => ({
    manager: {},
    startTransaction: () => Promise.resolve(),
    commitTransaction: () => Promise.resolve(),
    rollbackTransaction: () => Promise.resolve(),
    release: () => Promise.resolve(),
  }),
} as unknown as DataSource;

describe('UnitOfWork: waiting for publication', () => {
  it('waits right after a write of its own', async () => {
    const { relay, waits } = recordingRelay();
    await new UnitOfWork(dataSource, 'test', relay).committed(['1', '2']);
    expect(waits).toEqual([['1', '2']]);
  });

  it('in a request transaction, waits once after COMMIT for every write of the request', async () => {
    const { relay, waits } = recordingRelay();
    const uow = new UnitOfWork(dataSource, 'test', relay);
    await runInAmbientTransaction(dataSource, async () => {
      await uow.committed(['1']);
      await uow.committed(['2', '3']);
      expect(waits).toEqual([]);
    });
    expect(waits).toEqual([['1', '2', '3']]);
  });

  it('in a batch, nudges the relay per item and waits once at the end', async () => {
    const { relay, waits, notifies } = recordingRelay();
    const uow = new UnitOfWork(dataSource, 'test', relay);
    await uow.batch(async () => {
      for (let i = 1; i <= 3; i++) await uow.committed([String(i)]);
      expect(waits).toEqual([]);
    });
    expect(waits).toEqual([['1', '2', '3']]);
    expect(notifies()).toBe(4);
  });

  it('waits for nothing without rows or without a relay', async () => {
    const { relay, waits } = recordingRelay();
    await new UnitOfWork(dataSource, 'test', relay).committed([]);
    await new UnitOfWork(dataSource, 'test').committed(['1']);
    expect(waits).toEqual([]);
  });
});
