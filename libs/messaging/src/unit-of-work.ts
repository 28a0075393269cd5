import type { DataSource, EntityManager } from 'typeorm';
import { addToOutbox, outboxRow, type OutgoingEvent } from './outbox';
import type { OutboxRelay } from './relay';

/**
 * A service's write transaction: state changes and the events describing them commit together; after the
 * commit the relay is nudged so the events leave at once instead of at the next poll.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly source: string,
    private readonly relay?: OutboxRelay,
  ) {}

  /** The outbox row for an event of this service, for writers that insert it themselves (hot paths). */
  outboxRow(event: OutgoingEvent): ReturnType<typeof outboxRow> {
    return outboxRow(this.source, event);
  }

  /** For writers that commit outbox rows by other means (a single-statement hot path): publish them now. */
  committed(): void {
    this.relay?.notify();
  }

  async run<T>(
    work: (manager: EntityManager, publish: (...events: OutgoingEvent[]) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    let published = false;
    const result = await this.dataSource.transaction(async (manager) =>
      work(manager, async (...events) => {
        await addToOutbox(manager, this.source, events);
        published ||= events.length > 0;
      }),
    );
    if (published) this.relay?.notify();
    return result;
  }
}
