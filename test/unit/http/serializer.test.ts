import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from '../../../src/server/http/serializer';
import { FamilyList, type FamilySummary } from '../../../src/shared/families/families.contract';

const route = (schema: z.ZodType, check: boolean) =>
  responseSerializer(check)({ schema, method: 'GET', url: '/test', httpStatus: '200' } as never);

const family: FamilySummary = {
  id: '0b6c3a52-6a4a-4c8e-9d53-2b1f5b1a7c11',
  reference: 'F-0001',
  street: 'Gudrunsvej',
  buildingNumber: '12',
  entrance: null,
  floor: '2',
  door: 'tv',
  areaName: 'Gellerup',
  status: 'enrolled',
  enrolledOn: '2026-01-05',
  adultNames: ['Amina "Mina" Hassan', 'Ali\nHassan'],
  adultCount: 2,
  childCount: 3,
  pair: [{ id: '5e0c3a52-6a4a-4c8e-9d53-2b1f5b1a7c22', displayName: 'Jens Ø. Madsen' }],
  coveredFor: null,
  updatedAt: '2026-11-25T20:24:45.824Z',
};
const page = { items: [family], total: 1, page: 1, pageSize: 25 };

describe('the response writer', () => {
  it('writes exactly what zod encoding and JSON.stringify wrote, quotes and line breaks included', () => {
    expect(route(FamilyList, false)(page)).toBe(JSON.stringify(FamilyList.encode(page)));
  });

  it('never sends a property the contract does not name, checked or not', () => {
    const leaky = { ...page, items: [{ ...family, cpr: '0102031234' }], secret: 'x' };
    for (const check of [false, true]) {
      const written = JSON.parse(route(FamilyList, check)(leaky));
      expect(written).not.toHaveProperty('secret');
      expect(written.items[0]).not.toHaveProperty('cpr');
      expect(written.items[0].reference).toBe('F-0001');
    }
  });

  it('refuses a response that breaks its contract where responses are checked', () => {
    const broken = { ...page, items: [{ ...family, reference: null }] };
    expect(() => route(FamilyList, true)(broken)).toThrow(/Response doesn't match the schema/);
  });

  it('writes a contract JSON Schema cannot express (a codec to a Date) through zod’s encoding', () => {
    const Stamp = z.object({
      at: z.codec(z.iso.datetime(), z.date(), {
        decode: (s) => new Date(s),
        encode: (d) => d.toISOString(),
      }),
    });
    expect(route(Stamp, false)({ at: new Date('2026-12-02T10:00:00Z'), dropped: 1 })).toBe(
      '{"at":"2026-12-02T10:00:00.000Z"}',
    );
  });
});

describe('the response writer, where fast-json-stringify and zod differ in form', () => {
  it('accepts an optional property written in another place than the contract has it', () => {
    const Event = z.object({ id: z.string(), commandLine: z.boolean().optional(), action: z.string() });
    const written = route(Event, true)({ id: '1', commandLine: true, action: 'create' });
    expect(JSON.parse(written)).toEqual({ id: '1', commandLine: true, action: 'create' });
  });

  it('strips an unnamed property of a nullable object instead of failing the request', () => {
    const Consent = z.object({
      recordedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    });
    const extra = { recordedBy: { id: 'u1', displayName: 'Jens', cpr: '0102031234' } };
    for (const check of [false, true])
      expect(route(Consent, check)(extra)).toBe('{"recordedBy":{"id":"u1","displayName":"Jens"}}');
    expect(route(Consent, true)({ recordedBy: null })).toBe('{"recordedBy":null}');
  });
  it('writes nullable values and literal unions as zod does, null and every literal alike', () => {
    const Task = z.object({
      goalId: z.uuid().nullable(),
      routedTo: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
      level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      // A real choice between types stays a choice.
      value: z.union([z.string(), z.number()]),
    });
    const id = '0b6c3a52-6a4a-4c8e-9d53-2b1f5b1a7c11';
    const values = [
      { goalId: null, routedTo: null, level: 1, value: 'a' },
      { goalId: id, routedTo: { id, displayName: 'Yasmin "Y" Lund' }, level: 3, value: 2 },
    ];
    for (const value of values)
      for (const check of [false, true])
        expect(route(Task, check)(value)).toBe(JSON.stringify(Task.encode(value as z.input<typeof Task>)));
  });
});
