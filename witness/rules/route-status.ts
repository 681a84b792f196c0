/**
 * Business rules the /routes witness needs (contract §5.8, §6.9, and what the real Drive showed,
 * witness/contract/observed.ts): the status chip of a route for a date and its Driver cell.
 */
import type * as probe from '../probe.js';
import { torontoInstant } from '../time.js';

/** The status chip a route shows for a date (contract §5.8, §6.9). */
export function routeStatusLabel(r: probe.RouteStatusRow, date: string, now: Date): string {
  if (!r.assignment_id) return 'Unfilled';
  if (r.assignment_status === 'cancelled' && !r.user_id) return 'Suspended';
  if (r.assignment_status === 'unfilled') return r.open_window ? 'Bidding' : 'Unfilled';
  if (r.assignment_status === 'cancelled' || r.cancelled_at) return 'Cancelled';
  if (r.completed_at) return 'Completed';
  if (r.started_at) return 'In Progress';
  if (r.arrived_at) return 'Arrived';
  if (now >= torontoInstant(date, /^\d{2}:\d{2}$/.test(r.start_time) ? r.start_time : '09:00')) return 'No Show';
  if (r.confirmed_at) return 'Confirmed';
  return 'Unconfirmed';
}

/**
 * The time left on a bidding route's window as the Driver cell of /routes shows it (observed on
 * the real Drive, witness/contract/observed.ts): `45m left`, `3h left`, `2d left`, `Closed`.
 */
export function closesLabel(closesAt: Date, now: Date): string {
  const mins = Math.round((closesAt.getTime() - now.getTime()) / 60_000);
  if (mins < 0) return 'Closed';
  if (mins < 60) return `${mins}m left`;
  const hours = Math.round(mins / 60);
  if (hours < 24) return `${hours}h left`;
  return `${Math.round(hours / 24)}d left`;
}

/**
 * What the Driver cell of /routes shows for a route (contract §5.8 and what the real app showed):
 * the driver of an assigned route; `Suspended`; the time left on a bidding route's window; else
 * `Unassigned`. The time left is computed over the span in which the page may have rendered it,
 * so a label that rolled over between render and reading is still the app's one form.
 */
export function routeDriverCell(r: probe.RouteStatusRow, label: string, span: { from: Date; to: Date }, shown?: string): string {
  if (label === 'Suspended') return 'Suspended';
  if (label === 'Unfilled') return 'Unassigned';
  if (label === 'Bidding') {
    if (!r.window_closes_at) return 'Unassigned';
    const closes = new Date(r.window_closes_at);
    const options = new Set<string>();
    for (let t = span.from.getTime(); t <= span.to.getTime(); t += 15_000) options.add(closesLabel(closes, new Date(t)));
    options.add(closesLabel(closes, span.to));
    return shown !== undefined && options.has(shown) ? shown : closesLabel(closes, span.to);
  }
  return r.driver_name ?? '';
}

export function routeKey(name: string, warehouse: string, driver: string, status: string): string {
  return `${name} | ${warehouse} | ${driver} | ${status}`;
}
