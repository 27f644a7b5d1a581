/*
 * iCalendar (RFC 5545) written by hand (decision 0038; no `ics` package is installed): CRLF line
 * ends, TEXT values escaped (backslash, semicolon, comma, line breaks), lines folded at 75 octets
 * without splitting a UTF-8 character, times in UTC (`…Z`), so no VTIMEZONE is needed.
 */

export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  /** When the event last changed (DTSTAMP of a published calendar). */
  stamp: Date;
  /** Moves on with every change, so calendars replace their copy. */
  sequence: number;
  summary: string;
  location?: string | null;
  description?: string | null;
  cancelled: boolean;
}

/** TEXT escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (§3.1): the next part starts with CRLF and one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    // The first line may hold 75 octets; a continuation line 74 after its leading space.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** A UTC date-time: 20261207T083000Z. */
export const icsTime = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function eventLines(e: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${icsTime(e.stamp)}`,
    `DTSTART:${icsTime(e.start)}`,
    `DTEND:${icsTime(e.end)}`,
    `SEQUENCE:${e.sequence}`,
    `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** A whole calendar: one event (a download) or a person's feed. */
export function icsCalendar(events: IcsEvent[], name?: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Staircase//Appointments//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(name ? [`X-WR-CALNAME:${escapeText(name)}`] : []),
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
