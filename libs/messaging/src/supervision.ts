import type { Consumer } from 'kafkajs';
import { JsonLogger } from '@platform/observability';

/**
 * Errors that mean "the broker cannot be reached right now" (a stopped or restarting broker, a lost connection),
 * as opposed to a mistake in what was asked of it.
 */
const UNAVAILABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
]);

export function isBrokerUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (UNAVAILABLE.has((e as { name?: string }).name ?? '')) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export type ConsumerState = 'running' | 'restarting' | 'stopped';

export interface ConsumerStatus {
  state: ConsumerState;
  /** When the state last changed. */
  since: Date;
  /** The crash that made the consumer restart, while it is restarting. */
  error?: string;
  crashes: number;
  restarts: number;
}

const consumers = new Map<string, ConsumerStatus>();

/** The supervised consumers of this process and their state, for /health and tests. */
export function consumerStatuses(): ReadonlyMap<string, Readonly<ConsumerStatus>> {
  return consumers;
}

export interface SuperviseOptions {
  /** The consumer's name (its group id): the key in consumerStatuses() and in the logs. */
  name: string;
  /**
   * Replaces the consumer with a fresh one (disconnect, connect, subscribe, run). Called when kafkajs will not
   * restart it itself; retried with back-off until it resolves.
   */
  restart: () => Promise<void>;
  onEvent?: (event: { name: string; msg: string; error?: string; restartInMs?: number }) => void;
  /** Back-off of restart attempts: from initialMs doubling to maxMs. */
  initialMs?: number;
  maxMs?: number;
}

const logger = new JsonLogger('messaging');
const defaultLog: NonNullable<SuperviseOptions['onEvent']> = ({ msg, name, ...fields }) =>
  logger.event('warn', msg, { consumer: name, ...fields });

/**
 * Keeps a kafkajs consumer alive across broker faults. kafkajs restarts a crashed consumer only when the cause is
 * retriable (and `restartOnFailure` agrees); after any other crash the consumer stays stopped for good and the
 * service silently stops consuming. This watches `consumer.events.CRASH`: a crash kafkajs restarts itself is logged;
 * a crash it does not restart triggers `restart` with back-off. Returns a function that stops the supervision
 * (call it before a deliberate stop).
 */
export function superviseConsumer(consumer: Consumer, options: SuperviseOptions): () => void {
  const { name, restart } = options;
  const onEvent = options.onEvent ?? defaultLog;
  const initialMs = options.initialMs ?? 1000;
  const maxMs = options.maxMs ?? 30_000;
  const previous = consumers.get(name);
  const status: ConsumerStatus = {
    state: 'running',
    since: new Date(),
    crashes: previous?.crashes ?? 0,
    restarts: previous?.restarts ?? 0,
  };
  consumers.set(name, status);
  let active = true;
  let timer: NodeJS.Timeout | undefined;
  const set = (state: ConsumerState, error?: string) => {
    status.state = state;
    status.since = new Date();
    status.error = error;
  };

  const removeCrash = consumer.on(consumer.events.CRASH, (event) => {
    if (!active) return;
    const { error, restart: kafkajsRestarts } = event.payload as { error: Error; restart: boolean };
    status.crashes++;
    set('restarting', error.message);
    if (kafkajsRestarts) {
      onEvent({ name, msg: 'consumer crashed; kafkajs restarts it', error: error.message });
      return;
    }
    active = false;
    const attempt = (n: number) => {
      const delay = Math.min(maxMs, initialMs * 2 ** n);
      onEvent({ name, msg: 'consumer crashed for good; restarting it', error: error.message, restartInMs: delay });
      timer = setTimeout(() => {
        restart().then(
          () => {
            status.restarts++;
          },
          (failure: unknown) => {
            set('restarting', failure instanceof Error ? failure.message : String(failure));
            attempt(n + 1);
          },
        );
      }, delay);
    };
    attempt(0);
  });
  // kafkajs' own restart ends in a new group join; so does ours (which supervises the new consumer itself).
  const removeJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
    if (active) set('running');
  });

  return () => {
    active = false;
    clearTimeout(timer);
    removeCrash();
    removeJoin();
    if (consumers.get(name) === status) set('stopped');
  };
}
