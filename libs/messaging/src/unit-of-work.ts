import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { ambientTransaction, type AmbientTransaction } from './ambient';
import { addToOutbox, outboxRow, type OutgoingEvent } from './outbox';
import type { OutboxRelay } from './relay';

export interface UnitOfWorkOptions {
  /**
   * How long a write waits after its commit until its events are on the broker (PUBLISH_WAIT_MS, ADR 0050): a
   * client that got a 2xx can rely on the event being published. When the bound passes (broker down) the write
   * still answers; its rows go out later.
   */
  publishWaitMs?: number;
}

/**
 * A service's write transaction: state changes and the events describing them commit together. Inside a
 * request's ambient transaction (a keyed POST, ADR 0050) it joins that transaction as a savepoint, so the
 * Idempotency-Key record commits with it. After the commit the relay is nudged and the write waits (bounded)
 * until its events are on the broker.
 */
export class UnitOfWork {
  private readonly publishWaitMs: number;
  /** Seqs awaiting publication per ambient transaction: one after-commit wait for all of a request's writes. */
  private readonly pending = new WeakMap<AmbientTransaction, string[]>();
  /** Seqs of a `batch` outside an ambient transaction: waited for once, at its end. */
  private readonly batches = new AsyncLocalStorage<string[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly source: string,
    private readonly relay?: OutboxRelay,
    options: UnitOfWorkOptions = {},
  ) {
    this.publishWaitMs = options.publishWaitMs ?? 2000;
  }

  /** The outbox row for an event of this service, for writers that insert it themselves (hot paths). */
  outboxRow(event: OutgoingEvent): ReturnType<typeof outboxRow> {
    return outboxRow(this.source, event);
  }

  /**
   * For a single-statement hot path: outside an ambient transaction the statement runs on its own (atomic, one
   * round trip); inside one it runs in a savepoint, so a refused statement (a unique violation) leaves the
   * request's transaction usable.
   */
  async statement<T>(write: (manager: EntityManager) => Promise<T>): Promise<T> {
    const ambient = ambientTransaction(this.dataSource);
    return ambient ? ambient.manager.transaction(write) : write(this.dataSource.manager);
  }

  /**
   * For writers that insert outbox rows themselves: call with the rows' seqs once the statement or transaction
   * that wrote them returned. Outside an ambient transaction they are committed: publish them and wait (bounded).
   * Inside one, the wait is registered to run after the request's commit.
   */
  async committed(seqs: readonly string[]): Promise<void> {
    if (!this.relay || seqs.length === 0) return;
    const ambient = ambientTransaction(this.dataSource);
    if (ambient) {
      const pending = this.pending.get(ambient);
      if (pending) pending.push(...seqs);
      else {
        const all = [...seqs];
        this.pending.set(ambient, all);
        ambient.afterCommit.push(() => this.published(all));
      }
      return;
    }
    const batch = this.batches.getStore();
    if (batch) {
      batch.push(...seqs);
      this.relay.notify();
    } else await this.published(seqs);
  }

  /**
   * Many independent writes (a batch endpoint's items, each its own transaction): their events are waited for
   * once, after the last, instead of after each.
   */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.batches.getStore() || ambientTransaction(this.dataSource)) return work();
    const seqs: string[] = [];
    const result = await this.batches.run(seqs, work);
    await this.published(seqs);
    return result;
  }

  async run<T>(
    work: (manager: EntityManager, publish: (...events: OutgoingEvent[]) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const seqs: string[] = [];
    const inTransaction = (manager: EntityManager) =>
      work(manager, async (...events) => {
        seqs.push(...(await addToOutbox(manager, this.source, events)));
      });
    const ambient = ambientTransaction(this.dataSource);
    const result = await (ambient
      ? ambient.manager.transaction(inTransaction)
      : this.dataSource.transaction(inTransaction));
    await this.committed(seqs);
    return result;
  }

  private async published(seqs: readonly string[]): Promise<void> {
    if (!this.relay || seqs.length === 0) return;
    this.relay.notify();
    await this.relay.awaitPublished(seqs, this.publishWaitMs);
  }
}
