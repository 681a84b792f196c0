// Business calendar helpers for America/Toronto, built on Intl only.
export const TZ = 'America/Toronto';

const partsFmt = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function wallParts(d: Date): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, string> = {};
  for (const part of partsFmt.formatToParts(d)) p[part.type] = part.value;
  return { y: +p.year!, m: +p.month!, d: +p.day!, h: +p.hour! % 24, mi: +p.minute!, s: +p.second! };
}

/** Offset (ms) of Toronto wall time from UTC at instant t. */
function offsetAt(t: number): number {
  const w = wallParts(new Date(t));
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** Calendar date (YYYY-MM-DD) in Toronto at instant d. */
export function torontoDate(d: Date): string {
  const w = wallParts(d);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}`;
}

/** Wall clock HH:MM in Toronto at instant d. */
export function torontoTime(d: Date): string {
  const w = wallParts(d);
  return `${pad(w.h)}:${pad(w.mi)}`;
}

/** Instant of `date` at wall time `hhmm` (HH:MM[:SS]) in Toronto. */
export function torontoInstant(date: string, hhmm: string, seconds = 0, ms = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, h, mi, seconds, ms);
  let t = guess - offsetAt(guess);
  const second = guess - offsetAt(t);
  if (second !== t) t = second;
  return new Date(t);
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday for a calendar date. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Monday of the Monday–Sunday week containing `date`. */
export function weekStartOf(date: string): string {
  const wd = weekday(date);
  return addDays(date, wd === 0 ? -6 : 1 - wd);
}

/** Server-local calendar date (process TZ), used where the real app uses the server's local date. */
export function serverLocalDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
