import { describe, expect, it } from 'vitest';
import { parseListParams } from '../../../src/web/families/useListParams';

const parse = (query: string) => parseListParams(new URLSearchParams(query));
const areaId = '0b7c2d4e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';

describe('the family list read from its URL', () => {
  it('keeps the filters the list contract accepts', () => {
    expect(parse(`sort=pair&dir=desc&status=enrolled&areaId=${areaId}&mine=true&noPair=true&page=3`)).toEqual(
      {
        sort: 'pair',
        dir: 'desc',
        status: 'enrolled',
        areaId,
        mine: true,
        noPair: true,
        page: 3,
      },
    );
  });

  it('drops the values the contract refuses instead of sending them to a 400', () => {
    expect(parse('sort=cpr&dir=up&status=gone&areaId=not-a-uuid&mine=yes&noPair=1&page=0')).toEqual({
      sort: 'reference',
      dir: 'asc',
      status: undefined,
      areaId: undefined,
      mine: false,
      noPair: false,
      page: 1,
    });
  });

  it('drops a page that is not a whole number', () => {
    expect(parse('page=2.5').page).toBe(1);
    expect(parse('page=abc').page).toBe(1);
  });
});
