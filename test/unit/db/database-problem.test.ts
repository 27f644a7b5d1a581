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
    ['ECONNREFUSED', 'x'],
    [undefined, 'timeout exceeded when trying to connect'],
    [undefined, 'Connection terminated unexpectedly'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'too many connections'],
  ])('%s %s: yes', (code, message) => {
    expect(isDatabaseUnavailable(failure(code, message))).toBe(true);
  });

  it.each([
    ['23505', 'duplicate key'],
    ['42P01', 'relation does not exist'],
    ['57014', 'canceling statement due to statement timeout'],
    [undefined, 'Cannot read properties of undefined'],
  ])('%s %s: no — a fault of ours, answered 500', (code, message) => {
    expect(isDatabaseUnavailable(failure(code, message))).toBe(false);
  });
});
