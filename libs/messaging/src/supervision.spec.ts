import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { consumerStatuses, isBrokerUnavailable, superviseConsumer } from './supervision';

/** Just enough of a kafkajs consumer to emit its instrumentation events. */
function fakeConsumer(): Consumer & { emitEvent(type: string, payload?: unknown): void } {
  const emitter = new EventEmitter();
  const events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' };
  return {
    events,
    on: (type: string, listener: (event: { payload: unknown }) => void) => {
      emitter.on(type, listener);
      return () => emitter.off(type, listener);
    },
    emitEvent: (type: string, payload?: unknown) => emitter.emit(type, { type, payload }),
  } as unknown as Consumer & { emitEvent(type: string, payload?: unknown): void };
}

const named = (name: string, message = 'boom') => Object.assign(new Error(message), { name });

describe('superviseConsumer', () => {
  afterEach(() => jest.useRealTimers());

  it('leaves a crash kafkajs restarts itself to kafkajs, and reports the consumer restarting until it rejoins', () => {
    const consumer = fakeConsumer();
    const restart = jest.fn(() => Promise.resolve());
    superviseConsumer(consumer, { name: 'self-healing', restart, onEvent: () => undefined });
    consumer.emitEvent('consumer.crash', { error: named('KafkaJSConnectionError'), restart: true });
    expect(consumerStatuses().get('self-healing')?.state).toBe('restarting');
    expect(restart).not.toHaveBeenCalled();
    consumer.emitEvent('consumer.group_join');
    expect(consumerStatuses().get('self-healing')?.state).toBe('running');
  });

  it('restarts a consumer kafkajs gave up on, with back-off until the restart succeeds', async () => {
    jest.useFakeTimers();
    const consumer = fakeConsumer();
    let calls = 0;
    const restart = jest.fn(() => (++calls < 3 ? Promise.reject(new Error('broker still down')) : Promise.resolve()));
    const events: Array<{ restartInMs?: number }> = [];
    superviseConsumer(consumer, { name: 'given-up', restart, onEvent: (e) => events.push(e), initialMs: 100 });
    consumer.emitEvent('consumer.crash', { error: named('KafkaJSNonRetriableError'), restart: false });

    await jest.advanceTimersByTimeAsync(99);
    expect(restart).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(restart).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(200);
    expect(restart).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(400);
    expect(restart).toHaveBeenCalledTimes(3);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(restart).toHaveBeenCalledTimes(3);
    expect(events.map((e) => e.restartInMs)).toEqual([100, 200, 400]);
    expect(consumerStatuses().get('given-up')?.restarts).toBe(1);
  });

  it('does nothing after it was stopped (a deliberate stop is not a crash)', async () => {
    jest.useFakeTimers();
    const consumer = fakeConsumer();
    const restart = jest.fn(() => Promise.resolve());
    const unwatch = superviseConsumer(consumer, { name: 'stopped', restart, onEvent: () => undefined });
    unwatch();
    consumer.emitEvent('consumer.crash', { error: named('KafkaJSNonRetriableError'), restart: false });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(restart).not.toHaveBeenCalled();
    expect(consumerStatuses().get('stopped')?.state).toBe('stopped');
  });
});

describe('isBrokerUnavailable', () => {
  it.each(['KafkaJSConnectionError', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSRequestTimeoutError'])('%s', (name) =>
    expect(isBrokerUnavailable(named(name))).toBe(true),
  );
  it('looks through the cause', () =>
    expect(
      isBrokerUnavailable(Object.assign(named('KafkaJSNonRetriableError'), { cause: named('KafkaJSConnectionError') })),
    ).toBe(true));
  it('is false for a protocol or programming error', () => {
    expect(isBrokerUnavailable(named('KafkaJSProtocolError'))).toBe(false);
    expect(isBrokerUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
