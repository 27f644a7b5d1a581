import { describe, expect, it } from 'vitest';
import { databaseProblem } from '../../../src/db/errors';

const url = 'postgres://staff:s3cret-pw@db.example:6432/staircase';

describe('the sentence for a database server that cannot be used', () => {
  it.each([
    ['ECONNREFUSED', 'Cannot reach the PostgreSQL server at db.example:6432 (ECONNREFUSED)'],
    ['ENOTFOUND', 'Cannot reach the PostgreSQL server at db.example:6432 (ENOTFOUND)'],
    ['28P01', 'refused the user "staff" (28P01)'],
    ['3D000', 'The database "staircase" does not exist on db.example:6432'],
  ])('%s names the server, never the password', (code, sentence) => {
    const said = databaseProblem(Object.assign(new Error('x'), { code }), url);
    expect(said).toContain(sentence);
    expect(said).not.toContain('s3cret-pw');
  });

  it('leaves every other error to the caller, and says nothing without DATABASE_URL', () => {
    expect(databaseProblem(Object.assign(new Error('x'), { code: '23505' }), url)).toBeUndefined();
    expect(databaseProblem(new Error('x'), url)).toBeUndefined();
    expect(
      databaseProblem(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), undefined),
    ).toBeUndefined();
  });

  it('defaults the port to 5432 and says so when DATABASE_URL is not an address', () => {
    const refused = Object.assign(new Error('x'), { code: 'ECONNREFUSED' });
    expect(databaseProblem(refused, 'postgres://localhost/db')).toContain('localhost:5432');
    expect(databaseProblem(refused, 'not a url')).toBe('DATABASE_URL is not a valid postgres:// address.');
  });
});
