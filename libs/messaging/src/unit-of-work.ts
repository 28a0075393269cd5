import type { DataSource, EntityManager } from 'typeorm';
import { ambientTransaction } from './ambient';
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
    if (ambient) ambient.afterCommit.push(() => this.published(seqs));
    else await this.published(seqs);
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
    if (!this.relay) return;
    this.relay.notify();
    await this.relay.awaitPublished(seqs, this.publishWaitMs);
  }
}
