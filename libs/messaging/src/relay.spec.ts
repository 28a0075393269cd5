import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from './relay';

/** A data source whose outbox reports the given rows unsent for the first `unsentPolls` looks. */
function outbox(unsentPolls: number) {
  let polls = 0;
  const dataSource = {
    getMetadata: () => ({ tablePath: '"s"."outbox"' }),
    query: (_sql: string, [seqs]: [string[]]) => {
      polls++;
      return Promise.resolve(polls <= unsentPolls ? seqs.map((seq) => ({ seq })) : []);
    },
  } as unknown as DataSource;
  return { dataSource, polls: () => polls };
}

describe('OutboxRelay.awaitPublished', () => {
  it('resolves at once for no rows', async () => {
    const { dataSource, polls } = outbox(0);
    await expect(new OutboxRelay(dataSource, {} as Kafka).awaitPublished([], 1000)).resolves.toBe(true);
    expect(polls()).toBe(0);
  });

  it('sees rows another replica published by polling their seqs', async () => {
    const { dataSource, polls } = outbox(2);
    const relay = new OutboxRelay(dataSource, {} as Kafka, { publishedPollMs: 5 });
    await expect(relay.awaitPublished(['1', '2'], 2000)).resolves.toBe(true);
    expect(polls()).toBe(3);
  });

  it('gives up at the bound when the rows stay unsent', async () => {
    const { dataSource } = outbox(Number.POSITIVE_INFINITY);
    const relay = new OutboxRelay(dataSource, {} as Kafka, { publishedPollMs: 5 });
    const started = Date.now();
    await expect(relay.awaitPublished(['1'], 60)).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
