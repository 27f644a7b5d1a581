import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsCalendar } from '../../../src/server/journal/appointments.ics';
import {
  copenhagenInstant,
  copenhagenParts,
  isoWeekOf,
  mondayOf,
  shiftWeek,
} from '../../../src/shared/journal/appointments.time';

describe('appointment times in Danish time', () => {
  it('takes a winter and a summer clock time to the right instant', () => {
    expect(copenhagenInstant('2026-12-07', '09:30').toISOString()).toBe('2026-12-07T08:30:00.000Z');
    expect(copenhagenInstant('2026-07-07', '09:30').toISOString()).toBe('2026-07-07T07:30:00.000Z');
  });

  it('moves the hour skipped in spring on by an hour, and takes the first of the hour repeated in autumn', () => {
    expect(copenhagenInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(copenhagenInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('reads an instant back as Danish date and time', () => {
    expect(copenhagenParts(new Date('2026-12-13T23:30:00Z'))).toEqual({ date: '2026-12-14', time: '00:30' });
  });

  it('knows ISO weeks: week 1 holds 4 January; 53-week years; a week that does not exist', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(mondayOf('2026-W50')).toBe('2026-12-07');
    expect(mondayOf('2026-W53')).toBe('2026-12-28');
    expect(mondayOf('2025-W53')).toBeNull();
    expect(mondayOf('2026-W00')).toBeNull();
    expect(mondayOf('2026-50')).toBeNull();
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52');
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
  });
});

describe('iCalendar by hand (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'æøå'.repeat(30)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('writes a calendar with CRLF line ends, UTC times and the cancelled status', () => {
    const text = icsCalendar([
      {
        uid: 'x@staircase',
        start: new Date('2026-12-09T08:30:00Z'),
        end: new Date('2026-12-09T09:30:00Z'),
        stamp: new Date('2026-12-01T10:00:00Z'),
        sequence: 2,
        summary: 'Hjemmebesøg · A. H.',
        cancelled: true,
      },
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Staircase//Appointments//DA',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:x@staircase',
      'DTSTAMP:20261201T100000Z',
      'DTSTART:20261209T083000Z',
      'DTEND:20261209T093000Z',
      'SEQUENCE:2',
      'STATUS:CANCELLED',
      'SUMMARY:Hjemmebesøg · A. H.',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });
});
