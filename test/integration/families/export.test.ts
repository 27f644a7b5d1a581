import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('family list export', (h) => {
  it('exports the team’s filtered list as XLSX with translated headers, no CPR numbers, and audits it', async () => {
    const m = await h().municipality({ families: 4, adults: 6, children: 6 });
    const leader = await h().signIn(staffOf(m).leader.username);
    const response = await leader.post(
      '/api/families/export',
      { format: 'xlsx', sort: 'reference' },
      {
        'accept-language': 'en',
      },
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="families-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Families')!;
    expect(sheet.getRow(1).values).toContain('Reference');
    expect(sheet.rowCount).toBe(5);
    const references = [2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(1).value);
    expect(references).toEqual(['F-0001', 'F-0002', 'F-0003', 'F-0004']);
    const everything = JSON.stringify(sheet.getSheetValues());
    for (const person of m.persons) if (person.cpr) expect(everything).not.toContain(person.cpr);

    // One audit record naming every exported family, so each family's access log shows the export.
    const audited = await h()
      .db.kysely.selectFrom('audit_event')
      .select(['action', 'household_ids'])
      .where('municipality_id', '=', m.municipality.id)
      .where('purpose', '=', 'export')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['list']);
    expect([...audited[0]!.household_ids!].sort()).toEqual(m.households.map((x) => x.id).sort());
  });

  it('writes XLSX dates as date cells in the user’s date format and counts as numbers; CSV keeps ISO dates', async () => {
    const m = await h().municipality({ families: 3, adults: 3, children: 3 });
    const k = h().db.kysely;
    const [first, second, third] = [...m.households].sort((a, b) => a.reference.localeCompare(b.reference));
    const setEnrolled = (id: string, day: string | null) =>
      k
        .updateTable('household')
        .set({ enrolled_on: day })
        .where('municipality_id', '=', m.municipality.id)
        .where('id', '=', id)
        .execute();
    await setEnrolled(first!.id, '2026-11-02');
    await setEnrolled(second!.id, '2024-02-29');
    await setEnrolled(third!.id, null);
    const counts = await k
      .selectFrom('household')
      .select(['reference', 'adult_count', 'child_count'])
      .where('municipality_id', '=', m.municipality.id)
      .orderBy('reference')
      .execute();
    const leader = await h().signIn(staffOf(m).leader.username);

    const sheetOf = async (language: 'da' | 'en') => {
      const response = await leader.post(
        '/api/families/export',
        { format: 'xlsx', sort: 'reference' },
        { 'accept-language': language },
      );
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      return workbook.worksheets[0]!;
    };

    const english = await sheetOf('en');
    expect(english.getRow(1).getCell(9).value).toBe('Enrolled');
    const dates = [2, 3, 4].map((r) => english.getRow(r).getCell(9));
    expect(dates[0]!.type).toBe(ExcelJS.ValueType.Date);
    expect(dates[0]!.value).toEqual(new Date('2026-11-02T00:00:00Z'));
    expect(dates[0]!.numFmt).toBe('yyyy-mm-dd');
    expect(dates[1]!.type).toBe(ExcelJS.ValueType.Date);
    expect(dates[1]!.value).toEqual(new Date('2024-02-29T00:00:00Z'));
    // No date: an empty cell, not an empty text.
    expect(dates[2]!.type).toBe(ExcelJS.ValueType.Null);
    for (const [i, row] of [2, 3, 4].entries()) {
      const adults = english.getRow(row).getCell(5);
      const children = english.getRow(row).getCell(6);
      expect(adults.type).toBe(ExcelJS.ValueType.Number);
      expect(children.type).toBe(ExcelJS.ValueType.Number);
      expect([adults.value, children.value]).toEqual([counts[i]!.adult_count, counts[i]!.child_count]);
    }

    const danish = await sheetOf('da');
    const danishDate = danish.getRow(2).getCell(9);
    expect(danishDate.type).toBe(ExcelJS.ValueType.Date);
    expect(danishDate.value).toEqual(new Date('2026-11-02T00:00:00Z'));
    expect(danishDate.numFmt).toBe('dd-mm-yyyy');

    const csv = await leader.post('/api/families/export', { format: 'csv', sort: 'reference' });
    const lines = csv.rawPayload.toString('utf8').split(/\r?\n/);
    expect(lines[1]).toMatch(/;2026-11-02$/);
    expect(lines[2]).toMatch(/;2024-02-29$/);
    expect(lines[3]).toMatch(/;$/);
  });

  it('neutralises a name a spreadsheet would run as a formula, in CSV with a BOM and Danish headers', async () => {
    const m = await h().municipality({ families: 1, adults: 1, children: 1 });
    await h()
      .db.kysely.updateTable('person')
      .set({ first_name: '=HYPERLINK("http://evil","x")' })
      .where('municipality_id', '=', m.municipality.id)
      .where('household_role', '=', 'parent')
      .execute();
    const leader = await h().signIn(staffOf(m).leader.username);
    const response = await leader.post('/api/families/export', { format: 'csv' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = response.rawPayload.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // Danish: semicolons, as a Danish spreadsheet splits a CSV file.
    expect(text).toContain('Reference;Voksne;Adresse');
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toMatch(/(^|[;,])"?=HYPERLINK/m);
    const english = await leader.post('/api/families/export', { format: 'csv' }, { 'accept-language': 'en' });
    expect(english.rawPayload.toString('utf8')).toContain('Reference,Adults,Address');
  });

  it('refuses analysts and administrators', async () => {
    const m = await h().municipality({ families: 1, adults: 1, children: 1 });
    for (const user of [staffOf(m).analyst, staffOf(m).admin]) {
      const client = await h().signIn(user.username);
      expect((await client.post('/api/families/export', { format: 'csv' })).statusCode).toBe(403);
    }
  });
});
