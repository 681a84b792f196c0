// Assignment lifecycle flags (contract §6.7) and the Assignment JSON object.
import { now } from '../clock.js';
import { iso } from '../http.js';
import { HHMM, DAY, HOUR, torontoDate, torontoInstant } from '../time.js';

export interface AssignmentRow {
  id: string;
  date: string;
  status: string;
  user_id: string | null;
  confirmed_at: Date | null;
  route_name: string;
  route_start_time: string;
  warehouse_name: string;
  shift_id: string | null;
  arrived_at: Date | null;
  parcels_start: number | null;
  parcels_delivered: number | null;
  parcels_returned: number | null;
  started_at: Date | null;
  completed_at: Date | null;
  editable_until: Date | null;
  excepted_returns: number | null;
  exception_notes: string | null;
}

/** SELECT list + joins producing AssignmentRow columns for alias a. */
export const ASSIGNMENT_SELECT = `
  a.id, a.date, a.status, a.user_id, a.confirmed_at,
  r.name AS route_name, r.start_time AS route_start_time, w.name AS warehouse_name,
  s.id AS shift_id, s.arrived_at, s.parcels_start, s.parcels_delivered, s.parcels_returned,
  s.started_at, s.completed_at, s.editable_until, s.excepted_returns, s.exception_notes
  FROM assignments a
  JOIN routes r ON r.id = a.route_id
  JOIN warehouses w ON w.id = a.warehouse_id
  LEFT JOIN shifts s ON s.assignment_id = a.id`;

/** Shift start used for lifecycle math: date at the route start (07:00 when invalid). */
export function lifecycleStart(date: string, startTime: string): Date {
  return torontoInstant(date, HHMM.test(startTime) ? startTime : '07:00');
}

/** Arrival deadline: date at the route start (09:00 when invalid). */
export function arrivalDeadline(date: string, startTime: string): Date {
  return torontoInstant(date, HHMM.test(startTime) ? startTime : '09:00');
}

export function confirmationWindow(date: string, startTime: string): { opensAt: Date; deadline: Date } {
  const s = lifecycleStart(date, startTime).getTime();
  return { opensAt: new Date(s - 7 * DAY), deadline: new Date(s - 48 * HOUR) };
}

export function toAssignment(row: AssignmentRow) {
  const n = now();
  const today = torontoDate(n);
  const { opensAt, deadline } = confirmationWindow(row.date, row.route_start_time);
  const confirmed = row.confirmed_at !== null;
  const isConfirmable = !confirmed && row.status === 'scheduled' && opensAt <= n && n <= deadline;
  const isCancelable = row.date > today && row.status !== 'cancelled';
  const isLateCancel = isCancelable && n >= deadline;
  const arrived = row.arrived_at !== null;
  const isArrivable =
    row.date === today && row.status === 'scheduled' && confirmed && !arrived &&
    n < arrivalDeadline(row.date, row.route_start_time);
  const isStartable = row.status === 'active' && arrived && row.parcels_start === null;
  const isCompletable = row.status === 'active' && row.parcels_start !== null && row.completed_at === null;
  return {
    id: row.id,
    date: row.date,
    status: row.status,
    confirmedAt: iso(row.confirmed_at),
    confirmationOpensAt: opensAt.toISOString(),
    confirmationDeadline: deadline.toISOString(),
    isConfirmable,
    routeName: row.route_name,
    routeStartTime: row.route_start_time,
    warehouseName: row.warehouse_name,
    isCancelable,
    isLateCancel,
    isArrivable,
    isStartable,
    isCompletable,
    shift: row.shift_id
      ? {
          id: row.shift_id,
          arrivedAt: iso(row.arrived_at),
          parcelsStart: row.parcels_start,
          parcelsDelivered: row.parcels_delivered,
          parcelsReturned: row.parcels_returned,
          startedAt: iso(row.started_at),
          completedAt: iso(row.completed_at),
          editableUntil: iso(row.editable_until),
          exceptedReturns: row.excepted_returns ?? 0,
          exceptionNotes: row.exception_notes,
        }
      : null,
  };
}
