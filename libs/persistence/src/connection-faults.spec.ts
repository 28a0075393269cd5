import { isDatabaseUnavailable } from './connection-faults';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });
/** TypeORM's QueryFailedError keeps pg's error on driverError. */
const queryFailed = (driverError: Error) =>
  Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError });

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a backend terminated by an administrator (57P01)',
      queryFailed(pgError('57P01', 'terminating connection due to administrator command')),
    ],
    ['a server shutting down (57P02 crash shutdown)', pgError('57P02')],
    ['a server that cannot accept connections yet (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (class 08)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', pgError('ECONNRESET', 'read ECONNRESET')],
    ['pg: connection cut', new Error('Connection terminated unexpectedly')],
    ['pg: client unusable after a cut', new Error('Client has encountered a connection error and is not queryable')],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect')],
    ['a database closed to connections', pgError('55000', 'database "x" is not currently accepting connections')],
    [
      'TypeORM: its query runner lost the connection',
      Object.assign(new Error('released'), { name: 'QueryRunnerAlreadyReleasedError' }),
    ],
  ])('%s', (_label, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', queryFailed(pgError('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', queryFailed(pgError('42601', 'syntax error at or near'))],
    ['a serialization failure', pgError('40001')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'a string'],
  ])('not for %s', (_label, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
