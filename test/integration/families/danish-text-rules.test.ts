import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../support/harness';

/**
 * The rules of migration 0011 (decision 0021), asked of the database itself: the same answers
 * on PGlite and on the PostgreSQL server, whatever its collation.
 */
describeEachDatabase('search_fold, search_pattern and danish_sort_key', (h) => {
  async function apply(fn: 'search_fold' | 'search_pattern' | 'danish_sort_key', inputs: string[]) {
    const { rows } = await sql<{ input: string; output: string }>`
      select t.input, ${sql.raw(fn)}(t.input) as output
      from unnest(${inputs}::text[]) with ordinality as t(input, n) order by t.n
    `.execute(h().db.kysely);
    return Object.fromEntries(rows.map((r) => [r.input, r.output]));
  }

  it('folds case and accents away, æ to ae, ø to o, å and aa to a', async () => {
    expect(
      await apply('search_fold', [
        'Sørensen',
        'SØRENSEN',
        'Hånsen',
        'Müller',
        'Æblegade',
        'æblegade',
        'aeblegade',
        'Aagaard',
        'Ågård',
        'Zoë Éclair',
        'Đặng Nguyễn',
        'Łukasz Straße',
        'İlhan Çelik',
        'Ｆｕｌｌ',
        'Kaas-Jensen 12 B',
      ]),
    ).toEqual({
      Sørensen: 'sorensen',
      SØRENSEN: 'sorensen',
      Hånsen: 'hansen',
      Müller: 'muller',
      Æblegade: 'aeblegade',
      æblegade: 'aeblegade',
      aeblegade: 'aeblegade',
      Aagaard: 'agard',
      Ågård: 'agard',
      'Zoë Éclair': 'zoe eclair',
      'Đặng Nguyễn': 'dang nguyen',
      'Łukasz Straße': 'lukasz strasse',
      'İlhan Çelik': 'ilhan celik',
      Ｆｕｌｌ: 'full',
      'Kaas-Jensen 12 B': 'kas-jensen 12 b',
    });
  });

  it('folds text written with combining accents (NFD) as the composed letters', async () => {
    const decomposed = 'Sørensen Ha\u030Ansen Mu\u0308ller';
    expect(await apply('search_fold', [decomposed])).toEqual({ [decomposed]: 'sorensen hansen muller' });
    expect(await apply('danish_sort_key', ['A\u030Aberg', 'Åberg'])).toEqual({
      'A\u030Aberg': '}berg',
      Åberg: '}berg',
    });
  });

  it('makes a search a like pattern of its folded text, with %, _ and \\ taken literally', async () => {
    expect(await apply('search_pattern', ['Sørensen', '50%', 'a_b', 'c\\d'])).toEqual({
      Sørensen: '%sorensen%',
      '50%': '%50\\%%',
      a_b: '%a\\_b%',
      'c\\d': '%c\\\\d%',
    });
  });

  it('orders by the sort key in the Danish alphabet: Æ, Ø, Å after Z, aa as å, ü as y', async () => {
    const names = [
      'Åberg',
      'Zimmermann',
      'Aagaard',
      'Ærø',
      'abel',
      'Østergaard',
      'Abe',
      'Müller',
      'Mylius',
      'Myre',
      'Öberg',
      'Ølby',
      'Äbel',
      'Élise',
      'Eli',
      'hansen anna',
      'Hansena',
    ];
    const { rows } = await sql<{ name: string }>`
      select t.name from unnest(${names}::text[]) as t(name) order by danish_sort_key(t.name) collate "C"
    `.execute(h().db.kysely);
    expect(rows.map((r) => r.name)).toEqual([
      'Abe',
      'abel',
      'Eli',
      'Élise',
      'hansen anna',
      'Hansena',
      'Mylius',
      'Müller',
      'Myre',
      'Zimmermann',
      'Äbel',
      'Ærø',
      'Öberg',
      'Ølby',
      'Østergaard',
      'Åberg',
      'Aagaard',
    ]);
  });
});
