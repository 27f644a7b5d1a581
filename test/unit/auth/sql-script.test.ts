import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../../src/db/sql-script';

describe('splitStatements', () => {
  it('splits a script on semicolons at line ends and trims each statement', () => {
    const script = `
      create table a (id int);

      create table b (
        id int
      );
      insert into a values (1);
    `;
    expect(splitStatements(script)).toEqual([
      'create table a (id int);',
      'create table b (\n        id int\n      );',
      'insert into a values (1);',
    ]);
  });

  it('keeps a $$ function body whose lines end in semicolons as one statement', () => {
    const fn = `create function f() returns trigger language plpgsql as $$
begin
  new.updated_at = now();
  return new;
end;
$$;`;
    expect(splitStatements(`${fn}\nselect 1;`)).toEqual([fn, 'select 1;']);
  });

  it('does not enter a body when $$ opens and closes on one line', () => {
    expect(splitStatements('select $$a;b$$;\nselect 2;')).toEqual(['select $$a;b$$;', 'select 2;']);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('select 1;\nselect 2')).toEqual(['select 1;', 'select 2']);
  });

  it('does not split on a semicolon in the middle of a line', () => {
    expect(splitStatements("select ';' as x, 1;")).toEqual(["select ';' as x, 1;"]);
  });

  it('returns nothing for a blank script', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements('\n   \n')).toEqual([]);
  });
});
