/** Business time is America/Toronto (contract §0). Dates are plain YYYY-MM-DD strings. */
export const BUSINESS_TZ = 'America/Toronto';

/**
 * The scenario's "now" (docs/architecture.md#time): real time shifted by the run's WITNESS_NOW
 * offset (0 unless the run was started at another instant), or the instant a @clock journey froze
 * the target's clock at. One per test (the `scenarioTime` fixture): builders, probes and page
 * readings all ask it, never `new Date()`.
 */
export class ScenarioClock {
  private fixed: Date | null = null;

  constructor(readonly offsetMs = 0) {}

  now(): Date {
    return new Date(this.fixed ? this.fixed.getTime() : Date.now() + this.offsetMs);
  }

  /** the scenario's Toronto calendar date */
  today(): string {
    return torontoDate(this.now());
  }

  /** the instant a @clock journey froze the scenario at, if it did */
  get frozenAt(): Date | null {
    return this.fixed;
  }

  /** A @clock journey froze the clock at `at` (null: back to the run's time). */
  freeze(at: Date | null): void {
    this.fixed = at ? new Date(at.getTime()) : null;
  }

  /** Whether the run is shifted (WITNESS_NOW), so browsers need their clock set to the scenario's now. */
  get shifted(): boolean {
    return this.offsetMs !== 0;
  }
}

const partsFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallParts(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFmt.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The Toronto calendar date of an instant. */
export function torontoDate(instant: Date): string {
  const p = wallParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/** The Monday of the Monday–Sunday week holding `date`. */
export function weekStart(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** The instant at which Toronto's wall clock shows `date` `hh:mm`. */
export function torontoInstant(date: string, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const p = wallParts(new Date(guess));
    const wallAsUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    const diff = wallAsUtc - asUtc;
    if (diff === 0) break;
    guess -= diff;
  }
  return new Date(guess);
}

/** A shift's start as bid windows count it (contract §6.2): its date at 07:00 Toronto, whatever the route's start time. */
export function shiftStart(date: string): Date {
  return torontoInstant(date, '07:00');
}

const HHMM = new Intl.DateTimeFormat('en-GB', { timeZone: BUSINESS_TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * A route start (HH:MM, Toronto) 90 minutes from `now`, so that today's arrival cutoff is still
 * ahead; late in the evening 23:59; null when the Toronto day has under three minutes left.
 */
export function routeStartLaterToday(now: Date): string | null {
  const later = new Date(now.getTime() + 90 * 60_000);
  if (torontoDate(later) === torontoDate(now)) return HHMM.format(later);
  return HHMM.format(now) < '23:57' ? '23:59' : null;
}
