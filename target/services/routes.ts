// Manager route list for a date (contract §4.5, §6.9).
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { q } from '../db.js';
import { iso } from '../http.js';
import { arrivalDeadline } from './lifecycle.js';

export const ROUTE_STATUSES = ['assigned', 'unfilled', 'bidding', 'suspended'] as const;

/** SQL predicate: warehouse alias w is linked to manager $1 and in org $2. */
export const LINKED_WAREHOUSE = `(w.organization_id = $2 AND EXISTS (
  SELECT 1 FROM warehouse_managers wm WHERE wm.warehouse_id = w.id AND wm.user_id = $1))`;

export async function listRoutes(
  manager: { id: string; organizationId: string },
  date: string,
  filter: { status?: string; warehouseId?: string; routeId?: string } = {},
) {
  const crossOrg = isOn('routes-list-cross-org');
  const rows = await q(
    `SELECT r.id, r.name, r.start_time, r.warehouse_id, w.name AS warehouse_name, r.manager_id, r.created_at, r.updated_at,
            a.id AS assignment_id, a.status AS assignment_status, a.user_id, a.confirmed_at, a.cancelled_at,
            u.name AS driver_name, s.arrived_at, s.started_at, s.parcels_start, s.completed_at,
            bw.closes_at AS window_closes_at
     FROM routes r
     JOIN warehouses w ON w.id = r.warehouse_id
     LEFT JOIN LATERAL (
       SELECT * FROM assignments a WHERE a.route_id = r.id AND a.date = $3
       ORDER BY (a.status = 'cancelled'), a.created_at DESC, a.id LIMIT 1
     ) a ON true
     LEFT JOIN "user" u ON u.id = a.user_id
     LEFT JOIN shifts s ON s.assignment_id = a.id
     LEFT JOIN bid_windows bw ON bw.assignment_id = a.id AND bw.status = 'open'
     WHERE ($4::boolean OR ${LINKED_WAREHOUSE})
       AND ($5::uuid IS NULL OR r.warehouse_id = $5::uuid)
       AND ($6::uuid IS NULL OR r.id = $6::uuid)
     ORDER BY r.name, r.id`,
    [manager.id, manager.organizationId, date, crossOrg, filter.warehouseId ?? null, filter.routeId ?? null],
  );
  const n = now();
  const items = rows.map((r) => {
    let status: (typeof ROUTE_STATUSES)[number];
    if (!r.assignment_id) status = 'unfilled';
    else if (r.assignment_status === 'cancelled' && !r.user_id) status = 'suspended';
    else if (r.assignment_status === 'unfilled') status = r.window_closes_at ? 'bidding' : 'unfilled';
    else status = 'assigned';
    const started = n >= arrivalDeadline(date, r.start_time);
    let shiftProgress: string | null = null;
    if (status === 'assigned') {
      if (r.assignment_status === 'cancelled' || r.cancelled_at) shiftProgress = 'cancelled';
      else if (r.completed_at) shiftProgress = 'completed';
      else if (r.started_at || r.parcels_start !== null) shiftProgress = 'started';
      else if (r.arrived_at) shiftProgress = 'arrived';
      else if (started) shiftProgress = 'no_show';
      else if (r.confirmed_at) shiftProgress = 'confirmed';
      else shiftProgress = 'unconfirmed';
    }
    return {
      id: r.id as string,
      name: r.name as string,
      startTime: r.start_time as string,
      warehouseId: r.warehouse_id as string,
      warehouseName: r.warehouse_name as string,
      managerId: r.manager_id as string | null,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      status,
      assignmentStatus: (r.assignment_status ?? null) as string | null,
      isShiftStarted: started,
      isMyRoute: r.manager_id === manager.id,
      assignmentId: (r.assignment_id ?? null) as string | null,
      driverName: status === 'assigned' ? ((r.driver_name ?? null) as string | null) : null,
      bidWindowClosesAt: status === 'bidding' ? iso(r.window_closes_at) : null,
      shiftProgress,
      confirmedAt: iso(r.confirmed_at),
      arrivedAt: iso(r.arrived_at),
      startedAt: iso(r.started_at),
      completedAt: iso(r.completed_at),
    };
  });
  return filter.status ? items.filter((i) => i.status === filter.status) : items;
}
