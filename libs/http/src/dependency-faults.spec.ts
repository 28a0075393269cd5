import { processFaultAction } from './dependency-faults';
import { toGraphQLError, toProblem } from './problem.filter';

const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
  name: 'QueryFailedError',
  driverError: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
});

describe('dependency faults at the edge', () => {
  it('a lost database connection is a 503 problem naming the database, not a 500', () => {
    expect(toProblem(terminated)).toEqual({
      type: '/problems/dependency-unavailable',
      title: 'A dependency of the service is unavailable',
      status: 503,
      detail: 'The database is unavailable; retry after the time in Retry-After',
      dependency: 'database',
    });
  });

  it('an unreachable broker is a 503 problem naming the broker', () => {
    const error = Object.assign(new Error('Connection error: connect ECONNREFUSED'), {
      name: 'KafkaJSConnectionError',
    });
    expect(toProblem(error)).toMatchObject({ status: 503, dependency: 'kafka' });
  });

  it('is SERVICE_UNAVAILABLE over GraphQL', () => {
    expect(toGraphQLError(toProblem(terminated)).extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
  });

  it('a programming error stays a 500', () => {
    expect(toProblem(new TypeError('x is undefined')).status).toBe(500);
  });
});

describe('process fault policy', () => {
  it('keeps the process running after an uncaught database or broker fault', () => {
    // What pg emits on a client whose backend was terminated, when nothing listens.
    const fatal = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(processFaultAction(fatal)).toBe('continue');
    expect(processFaultAction(new Error('Connection terminated unexpectedly'))).toBe('continue');
    expect(processFaultAction(Object.assign(new Error('x'), { name: 'KafkaJSConnectionError' }))).toBe('continue');
  });

  it('exits on a programming error, so that a clean process is started', () => {
    expect(processFaultAction(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe('exit');
    expect(processFaultAction('a rejected string')).toBe('exit');
    expect(processFaultAction(undefined)).toBe('exit');
  });
});
