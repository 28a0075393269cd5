import type { LoggerService } from '@nestjs/common';
import { currentContext } from './context';

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line on stdout, with the request and trace ids of the current context, so logs of one
 * request can be followed across services. Level from LOG_LEVEL (default info).
 */
export class JsonLogger implements LoggerService {
  private readonly threshold = RANK[(process.env.LOG_LEVEL as Level | undefined) ?? 'info'] ?? RANK.info;

  constructor(private readonly service: string) {}

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

  /** Structured event with fields, e.g. an audit record. */
  event(level: Level, msg: string, fields: Record<string, unknown>): void {
    if (RANK[level] < this.threshold) return;
    const context = currentContext();
    process.stdout.write(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        service: this.service,
        requestId: context?.requestId,
        traceId: context?.traceId,
        msg,
        ...fields,
      }) + '\n',
    );
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
