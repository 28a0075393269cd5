import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentContext } from './context';

export type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Fields that never reach a log line, at the top level or one object down (pino's redaction, `[redacted]`): tokens
 * and credentials, and a citizen's personal data (ADR 0003). Names of things (a service, a scale) are logged as
 * `service`/`scale`, never as a bare `name`.
 */
export const REDACTED_FIELDS = [
  'authorization',
  'cookie',
  'token',
  'accessToken',
  'password',
  'secret',
  'cpr',
  'name',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'address',
  'body',
] as const;

const REDACT_PATHS = REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.headers.${field}`]);

/** A Danish CPR number (DDMMYY-SSSS or ten digits) anywhere in a string. */
const CPR = /(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/g;
/** A query parameter that carries personal data or a credential, e.g. `?cpr=...` or `access_token=...`. */
const SENSITIVE_QUERY = /([?&](?:cpr|name|email|token|access_token)=)[^&#\s]*/gi;

/** Masks CPR numbers and sensitive query parameters in a string (a message, a URL, an error text). */
export function scrub(text: string): string {
  return text.replace(SENSITIVE_QUERY, '$1[redacted]').replace(CPR, '[cpr]');
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: scrubDeep(value.stack) };
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, depth + 1)]));
}

const LEVELS = new Set<string>(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/**
 * The one logger of every process: pino writing one JSON object per line to stdout, with the service, the request
 * and trace ids of the current context, redaction of credentials and personal data, ISO times and level names.
 * Level from LOG_LEVEL (default info).
 */
export function createLogger(service: string, destination?: DestinationStream): Logger {
  const level = process.env.LOG_LEVEL && LEVELS.has(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : 'info';
  return pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubDeep(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // The message itself may carry a CPR number (an error text quoting input).
          if (typeof args[args.length - 1] === 'string') args[args.length - 1] = scrub(args[args.length - 1] as string);
          method.apply(this, args);
        },
      },
      mixin: () => {
        const context = currentContext();
        return context ? { requestId: context.requestId, traceId: context.traceId } : {};
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * Nest's LoggerService over pino, plus `event` for structured lines (an access line, an audit record). The name is
 * kept from the hand-written JSON logger it replaces, so no caller changed.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(service: string, destination?: DestinationStream) {
    this.pino = createLogger(service, destination);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  /** Structured event with fields, e.g. an access line or an audit record. */
  event(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
    this.pino[level](fields, msg);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    // Nest passes the logger context (a class name) as the last string argument.
    const scope = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const error = message instanceof Error ? message : undefined;
    const stack = rest.find((r): r is string => typeof r === 'string' && r.includes('\n    at '));
    this.event(level, error ? error.message : typeof message === 'string' ? message : JSON.stringify(message), {
      scope,
      stack: error?.stack ?? stack,
    });
  }
}

const routed = new WeakSet<NodeJS.EventEmitter>();

/**
 * Node's own warnings into the JSON log instead of its plain-text `(node:1) Warning: ...` lines on stderr. Node 24
 * warns `TimeoutNegativeWarning` whenever kafkajs 2.2.4's request queue schedules its pending-request check
 * (network/requestQueue `scheduleCheckPendingRequests`) with `throttledUntil - Date.now()` as the delay: that is
 * negative whenever the broker is not throttling the client (`throttledUntil` starts at -1). Node runs such a timer
 * after 1 ms, which is what kafkajs means, so that warning is logged at debug only; any other at warn.
 */
export function routeProcessWarnings(logger: JsonLogger, target: NodeJS.EventEmitter = process): void {
  if (routed.has(target)) return;
  routed.add(target);
  // Node's own listener is what prints the plain-text line.
  target.removeAllListeners('warning');
  target.on('warning', (warning: Error) => {
    const level: Level = warning.name === 'TimeoutNegativeWarning' ? 'debug' : 'warn';
    logger.event(level, warning.message, { warning: warning.name });
  });
}
