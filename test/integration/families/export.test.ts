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

    // One audit record per exported family, so each family's access log shows the export.
    const audited = await h()
      .db.kysely.selectFrom('audit_event')
      .select(['action', 'household_id'])
      .where('municipality_id', '=', m.municipality.id)
      .where('purpose', '=', 'export')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['list', 'list', 'list', 'list']);
    expect(audited.map((a) => a.household_id).sort()).toEqual(m.households.map((x) => x.id).sort());
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
