import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readUrlList, urlFlag, urlPage, urlValue, writeUrlList } from '../../../src/web/app/useUrlListState';

const fields = {
  sort: urlValue(z.enum(['name', 'createdAt']), 'name'),
  dir: urlValue(z.enum(['asc', 'desc']), 'asc'),
  teamId: urlValue(z.uuid()),
  mine: urlFlag,
  page: urlPage,
};
const id = '0b7c2d4e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';

describe('a list page’s state in its URL', () => {
  it('reads what its fields accept and drops the rest to their defaults', () => {
    expect(
      readUrlList(fields, new URLSearchParams(`sort=createdAt&dir=desc&teamId=${id}&mine=true&page=3`)),
    ).toEqual({
      sort: 'createdAt',
      dir: 'desc',
      teamId: id,
      mine: true,
      page: 3,
    });
    expect(readUrlList(fields, new URLSearchParams('sort=cpr&dir=up&teamId=x&mine=1&page=2.5'))).toEqual({
      sort: 'name',
      dir: 'asc',
      teamId: undefined,
      mine: false,
      page: 1,
    });
    expect(readUrlList(fields, new URLSearchParams('page=0')).page).toBe(1);
  });

  it('writes only what differs from the defaults, in the fields’ order', () => {
    expect(
      writeUrlList(fields, { sort: 'name', dir: 'asc', teamId: undefined, mine: false, page: 1 }).toString(),
    ).toBe('');
    expect(
      writeUrlList(fields, { sort: 'createdAt', dir: 'desc', teamId: id, mine: true, page: 2 }).toString(),
    ).toBe(`sort=createdAt&dir=desc&teamId=${id}&mine=true&page=2`);
  });
});
