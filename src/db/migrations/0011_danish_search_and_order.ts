import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/** Unicode's combining diacritical marks (U+0300–U+036F): what is left of an accent after NFKD. */
const combiningMarks = Array.from({ length: 0x70 }, (_, i) => String.fromCharCode(0x300 + i)).join('');

/**
 * Search and order as Danish users expect, the same on PGlite and on any PostgreSQL server
 * (decision 0021). Plain SQL functions, no extension (`unaccent` and ICU's Danish collation are
 * not on every installation), and nothing that depends on the database's collation:
 *
 * - `search_fold(text)`: what a search compares. Lower case, accents dropped (é→e, ü→u, å→a,
 *   ö→o), æ→ae, ø→o, and a run of a's as one a (so "Aagaard", "Ågård" and "agard" meet).
 *   Every rule turns one letter into the same letters wherever it stands, so a part of a name
 *   folds to a part of the folded name and the `like '%…%'` search still finds substrings.
 * - `search_pattern(text)`: a user's search as the `like` pattern over folded text, for the
 *   statement to compute once (`like (select search_pattern($1))`), not per row.
 * - `danish_sort_key(text)`: a key whose byte order ("C") is the Danish alphabet: æ (and ä),
 *   ø (and ö, ő), å (and aa) after z in that order, ü as y, other accents dropped, lower case.
 *
 * The household's stored `search_text`, `sort_name` and the new `street_sort` are recomputed
 * with them; `sort_name` and `street_sort` compare in "C", which every PostgreSQL has, so the
 * index on sort_name keeps serving the list sorted by name on a server of any collation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create function search_fold(t text) returns text
    language sql immutable strict parallel safe
    as $$
      select regexp_replace(
        lower(translate(
          normalize(
            replace(replace(replace(replace(replace(replace(replace(replace(
              normalize(t, NFC), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'), 'œ', 'oe'),
              'ẞ', 'ss'), 'ß', 'ss'), 'Þ', 'th'), 'þ', 'th'),
            NFKD),
          'ØøĐđÐðŁłĦħı${combiningMarks}',
          'ooddddllhhi')),
        'a{2,}', 'a', 'g')
    $$;

    create function search_pattern(q text) returns text
    language sql immutable strict parallel safe
    as $$
      select '%' || replace(replace(replace(search_fold(q), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
    $$;

    create function danish_sort_key(t text) returns text
    language sql immutable strict parallel safe
    as $$
      select lower(translate(
        normalize(
          replace(replace(replace(replace(replace(replace(
            translate(
              replace(replace(replace(replace(normalize(t, NFC), 'AA', 'Å'), 'Aa', 'Å'), 'aA', 'å'), 'aa', 'å'),
              'ÆæÄäØøÖöŐőÅåÜüŰű',
              '{{{{||||||}}yyyy'),
            'Œ', 'oe'), 'œ', 'oe'), 'ẞ', 'ss'), 'ß', 'ss'), 'Þ', 'th'), 'þ', 'th'),
          NFKD),
        'ĐđÐðŁłĦħı${combiningMarks}',
        'ddddllhhi'))
    $$;

    alter table household alter column sort_name type text collate "C";
    alter table household add column street_sort text collate "C" not null default '';

    update household h set
      sort_name = s.sort_name,
      street_sort = danish_sort_key(h.street),
      search_text = search_fold(concat_ws(' ', h.reference, h.street || ' ' || h.building_number, s.names))
    from (
      select hh.municipality_id, hh.id,
        coalesce(min(danish_sort_key(p.last_name || ' ' || p.first_name) collate "C")
          filter (where p.household_role <> 'child'), '') as sort_name,
        string_agg(p.first_name || ' ' || p.last_name, ' ') as names
      from household hh
      left join person p on p.municipality_id = hh.municipality_id and p.household_id = hh.id
      group by hh.municipality_id, hh.id
    ) s
    where h.municipality_id = s.municipality_id and h.id = s.id;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
