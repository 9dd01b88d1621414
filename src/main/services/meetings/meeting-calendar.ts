import { TZDate } from '@date-fns/tz';
import { UK_TIME_ZONE } from '../../../shared/dates';
import { shiftDate } from '../../../shared/dates';

/** RFC 5545 text: backslash, semicolon, comma and newlines are escaped. */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines start with a space, which counts towards their 75 octets.
    if (bytes + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export interface CalendarEvent {
  uid: string;
  /** yyyy-MM-dd */
  date: string;
  /** `HH:mm` UK wall-clock time; without it the event is all-day. */
  startTime: string | null;
  durationMinutes: number | null;
  summary: string;
  description: string;
  stamp: Date;
}

function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A UK wall-clock time as a UTC instant, so calendars in any zone show the right hour. */
function ukWallClockToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, UK_TIME_ZONE).getTime());
}

/** One VEVENT in a VCALENDAR, CRLF line endings, as calendar apps expect. */
export function buildIcs(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//TPD Companion//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
  ];
  if (event.startTime) {
    const start = ukWallClockToUtc(event.date, event.startTime);
    const end = new Date(start.getTime() + (event.durationMinutes ?? 60) * 60_000);
    lines.push(`DTSTART:${utcStamp(start)}`, `DTEND:${utcStamp(end)}`);
  } else {
    lines.push(
      `DTSTART;VALUE=DATE:${event.date.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${shiftDate(event.date, 1).replace(/-/g, '')}`,
    );
  }
  lines.push(
    `SUMMARY:${escapeIcsText(event.summary)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
