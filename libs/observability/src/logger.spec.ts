import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { accessLine } from './access-log';
import { runWithContext } from './context';
import { JsonLogger, routeProcessWarnings, scrub } from './logger';

/** A logger whose lines are collected, parsed, instead of written to stdout. */
function capture(): { logger: JsonLogger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = new JsonLogger('test', stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('JsonLogger (pino)', () => {
  it('writes one JSON object per line with service, level name, ISO time and the request context', () => {
    const { logger, lines } = capture();
    runWithContext({ requestId: 'req-1', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: '01' }, () =>
      logger.event('info', 'hello', { count: 2 }),
    );
    logger.warn('plain', 'SomeScope');
    const [first, second] = lines();
    expect(first).toMatchObject({
      level: 'info',
      service: 'test',
      msg: 'hello',
      count: 2,
      requestId: 'req-1',
      traceId: 'a'.repeat(32),
    });
    expect(new Date(first.time as string).toISOString()).toBe(first.time);
    expect(second).toMatchObject({ level: 'warn', msg: 'plain', scope: 'SomeScope' });
    expect(second).not.toHaveProperty('requestId');
  });

  it('redacts credentials and personal data at the top level, one object down and in headers', () => {
    const { logger, lines } = capture();
    logger.event('warn', 'bad', {
      authorization: 'Bearer eyJhbGciOi.secret.token',
      cpr: '0101901234',
      citizen: { cpr: '0101901234', name: 'Jens Jensen', email: 'jens@example.dk', phone: '+4512345678' },
      request: { headers: { authorization: 'Bearer abc', cookie: 'session=1' } },
      body: { anything: 'at all' },
      service: 'referrals',
    });
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of ['eyJhbGciOi', '0101901234', 'Jens', 'jens@example.dk', '4512345678', 'session=1', 'at all'])
      expect(text).not.toContain(secret);
    expect(line).toMatchObject({
      authorization: '[redacted]',
      cpr: '[redacted]',
      citizen: { cpr: '[redacted]', name: '[redacted]', email: '[redacted]', phone: '[redacted]' },
      request: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
      body: '[redacted]',
      service: 'referrals',
    });
  });

  it('masks CPR numbers and sensitive query parameters in messages and string fields', () => {
    const { logger, lines } = capture();
    logger.error(new Error('citizen 010190-1234 not found'));
    logger.event('info', 'lookup', { url: '/api/v1/citizens?cpr=0101901234&page=2', note: 'cpr 3112995678 twice' });
    const [error, lookup] = lines();
    expect(error.msg).toBe('citizen [cpr] not found');
    expect(JSON.stringify(error)).not.toContain('010190-1234');
    expect(lookup.url).toBe('/api/v1/citizens?cpr=[redacted]&page=2');
    expect(lookup.note).toBe('cpr [cpr] twice');
  });

  it('leaves what only looks like a number alone: ids, offsets, durations', () => {
    expect(scrub('offset 12345678901 of partition 2')).toBe('offset 12345678901 of partition 2');
    expect(scrub('took 1234 ms')).toBe('took 1234 ms');
    expect(scrub('?page=2&token=abc')).toBe('?page=2&token=[redacted]');
  });

  it('writes the access line with the route template, status, duration, ids, role and tenant only', () => {
    const { logger, lines } = capture();
    accessLine(logger, {
      method: 'GET',
      route: '/api/v1/referrals/{id}',
      status: 200,
      durationMs: 12.345,
      requestId: 'r',
      traceId: 't',
      role: 'jobcenter',
      org: '0101',
    });
    accessLine(logger, { method: 'POST', route: '/graphql', status: 503, durationMs: 1, requestId: 'r', traceId: 't' });
    const [ok, failed] = lines();
    expect(ok).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: '/api/v1/referrals/{id}',
      status: 200,
      durationMs: 12.3,
      requestId: 'r',
      traceId: 't',
      role: 'jobcenter',
      org: '0101',
    });
    expect(failed.level).toBe('error');
  });

  it("routes Node's process warnings into the JSON log, kafkajs's TimeoutNegativeWarning at debug only", () => {
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'debug';
    const { logger, lines } = capture();
    process.env.LOG_LEVEL = previous;
    // jest's sandboxed `process` does not receive the real process's events: an emitter with Node's printing
    // listener stands in for it (the e2e stdout test covers the real process).
    const target = new EventEmitter();
    const printed: Error[] = [];
    target.on('warning', (warning: Error) => printed.push(warning));
    routeProcessWarnings(logger, target);
    routeProcessWarnings(logger, target);
    expect(target.listenerCount('warning')).toBe(1);
    // What Node 24 emits when kafkajs's request queue schedules its check with a negative delay.
    const negative = Object.assign(new Error('-5 is a negative number.\nTimeout duration was set to 1.'), {
      name: 'TimeoutNegativeWarning',
    });
    target.emit('warning', negative);
    target.emit('warning', Object.assign(new Error('something odd'), { name: 'CustomWarning' }));
    expect(printed).toEqual([]);
    expect(lines()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'debug', warning: 'TimeoutNegativeWarning' }),
        expect.objectContaining({ level: 'warn', warning: 'CustomWarning', msg: 'something odd' }),
      ]),
    );
  });
});
