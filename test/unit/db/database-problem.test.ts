import { describe, expect, it } from 'vitest';
import { databaseProblem, isDatabaseUnavailable } from '../../../src/db/errors';

const url = 'postgres://staff:s3cret-pw@db.example:6432/staircase';
const failure = (code: string | undefined, message = 'x') => Object.assign(new Error(message), { code });

describe('the sentence for a database server that cannot be used', () => {
  it.each([
    ['ECONNREFUSED', 'Cannot reach the PostgreSQL server at db.example:6432 (ECONNREFUSED)'],
    ['ENOTFOUND', 'Cannot reach the PostgreSQL server at db.example:6432 (ENOTFOUND)'],
    ['ECONNRESET', 'Cannot reach the PostgreSQL server at db.example:6432 (ECONNRESET)'],
    ['28P01', 'refused the user "staff" (28P01)'],
    ['28000', 'pg_hba.conf lets this host in'],
    ['3D000', 'The database "staircase" does not exist on db.example:6432'],
    ['57P03', 'is starting up or shutting down (57P03)'],
    ['53300', 'has no free connections (53300)'],
  ])('%s names the server, never the password', (code, sentence) => {
    const said = databaseProblem(failure(code), url);
    expect(said).toContain(sentence);
    expect(said).not.toContain('s3cret-pw');
  });

  it('reads the address as pg does: a socket directory, and a user given as a parameter', () => {
    expect(
      databaseProblem(failure('ECONNREFUSED'), 'postgres://app:pw@/staircase?host=/run/postgresql'),
    ).toBe(
      'Cannot reach the PostgreSQL server at the socket in /run/postgresql (ECONNREFUSED). Is it running, and does DATABASE_URL name it?',
    );
    expect(databaseProblem(failure('28P01'), 'postgres://u:pw@h/db?user=app')).toContain(
      'refused the user "app"',
    );
    expect(databaseProblem(failure('ECONNREFUSED'), 'postgres://localhost/db')).toContain('localhost:5432');
  });

  it('names a TLS failure with its reason, and a connection cut without a code', () => {
    const tls = databaseProblem(failure(undefined, 'The server does not support SSL connections'), url);
    expect(tls).toContain('failed on TLS');
    expect(tls).toContain('The server does not support SSL connections');
    expect(databaseProblem(failure(undefined, 'Connection terminated unexpectedly'), url)).toContain(
      'Cannot reach the PostgreSQL server at db.example:6432 (no code)',
    );
  });

  it('leaves every other error to the caller — whatever DATABASE_URL looks like — and says nothing without one', () => {
    expect(databaseProblem(failure('23505'), url)).toBeUndefined();
    expect(databaseProblem(new TypeError('x'), url)).toBeUndefined();
    expect(databaseProblem(new TypeError('x'), 'not a url at all')).toBeUndefined();
    expect(databaseProblem(failure('ECONNREFUSED'), undefined)).toBeUndefined();
  });
});

describe('pg giving up on a connection after the connect timeout', () => {
  it.each([
    'Connection terminated due to connection timeout',
    'timeout expired',
    'timeout exceeded when trying to connect',
  ])('"%s" is said as a server that did not answer in time', (message) => {
    expect(databaseProblem(failure(undefined, message), url)).toBe(
      'The PostgreSQL server at db.example:6432 did not answer in time (timeout). Is it running, does DATABASE_URL name it, and does a firewall let this host through?',
    );
  });
});

describe('which errors make a request worth trying again (503)', () => {
  it.each([
    // The socket: pg's connect, Node's net.
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
    ['ECONNRESET', 'read ECONNRESET'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND db.example'],
    ['EAI_AGAIN', 'getaddrinfo EAI_AGAIN db.example'],
    ['ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:5432'],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.1:5432'],
    ['ENETUNREACH', 'connect ENETUNREACH 10.0.0.1:5432'],
    ['ENOENT', 'connect ENOENT /run/postgresql/.s.PGSQL.5432'],
    // pg and pg-pool's own words, without a code.
    [undefined, 'timeout expired'],
    [undefined, 'timeout exceeded when trying to connect'],
    [undefined, 'Connection terminated due to connection timeout'],
    [undefined, 'Connection terminated unexpectedly'],
    [undefined, 'Connection terminated'],
    [undefined, 'Client has encountered a connection error and is not queryable'],
    [undefined, 'Client was closed and is not queryable'],
    [undefined, 'Cannot use a pool after calling end on the pool'],
    // PGlite's, while it closes.
    [undefined, 'PGlite is closed'],
    [undefined, 'PGlite is closing'],
    // The server's: connection exceptions (08), operator intervention (57P), no connection free.
    ['08000', 'connection exception'],
    ['08003', 'connection does not exist'],
    ['08006', 'connection failure'],
    ['08001', 'could not establish connection'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection because of crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['57P05', 'terminating connection due to idle-session timeout'],
    ['53300', 'sorry, too many clients already'],
  ])('%s %s: yes', (code, message) => {
    expect(isDatabaseUnavailable(failure(code, message))).toBe(true);
  });

  it('reads the error a pool wraps in `cause`', () => {
    const wrapped = new Error('could not run the query', { cause: failure('ECONNREFUSED', 'x') });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it.each([
    ['23505', 'duplicate key'],
    ['42P01', 'relation does not exist'],
    ['57014', 'canceling statement due to statement timeout'],
    [undefined, 'Cannot read properties of undefined'],
    ['22P02', 'invalid input syntax'],
    ['40001', 'could not serialize access due to concurrent update'],
    [undefined, 'Connection terminated by a typo of ours'],
  ])('%s %s: no — a fault of ours, answered 500', (code, message) => {
    expect(isDatabaseUnavailable(failure(code, message))).toBe(false);
  });
});
