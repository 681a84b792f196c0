// Driver APIs: shift history (contract §4.1).
import { Hono } from 'hono';
import { now } from '../clock.js';
import { q, q1 } from '../db.js';
import { type AppEnv, iso, requireUser } from '../http.js';
import { torontoDate } from '../time.js';
import { isOn } from '../faults.js';

export const historyApi = new Hono<AppEnv>();

// ── History ──────────────────────────────────────────────────────────────────────────────────
function intParam(v: string | undefined, def: number, min: number, max: number): number {
  if (v === undefined || !/^\d+$/.test(v)) return def;
  const n = Number(v);
  return n < min || n > max ? def : n;
}

historyApi.get('/api/history', async (c) => {
  const user = requireUser(c, 'driver');
  const offset = intParam(c.req.query('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(c.req.query('limit'), 20, 1, 50);
  const today = torontoDate(now());
  // Fault history-unscoped-by-driver: every driver of the caller's organization, not the caller alone.
  const who = isOn('history-unscoped-by-driver')
    ? `a.user_id IN (SELECT id FROM "user" WHERE organization_id = (SELECT organization_id FROM "user" WHERE id = $1))`
    : `a.user_id = $1`;
  const where = `${who} AND (a.status = 'completed' OR a.date < $2)`;
  const total = (await q1<{ n: number }>(`SELECT count(*)::int AS n FROM assignments a WHERE ${where}`, [user.id, today]))!.n;
  const rows = await q(
    `SELECT a.id, a.date, a.status, r.name AS route_name, w.name AS warehouse_name,
            s.id AS shift_id, s.parcels_start, s.parcels_delivered, s.parcels_returned, s.excepted_returns,
            s.exception_notes, s.arrived_at, s.completed_at
     FROM assignments a JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
     LEFT JOIN shifts s ON s.assignment_id = a.id
     WHERE ${where} ORDER BY a.date DESC, a.id LIMIT $3 OFFSET $4`,
    [user.id, today, limit, offset],
  );
  return c.json({
    history: rows.map((r) => ({
      id: r.id,
      date: r.date,
      status: r.status,
      routeName: r.route_name,
      warehouseName: r.warehouse_name,
      shift: r.shift_id
        ? {
            parcelsStart: r.parcels_start,
            parcelsDelivered: r.parcels_delivered,
            parcelsReturned: r.parcels_returned,
            exceptedReturns: r.excepted_returns,
            exceptionNotes: r.exception_notes,
            arrivedAt: iso(r.arrived_at),
            completedAt: iso(r.completed_at),
          }
        : null,
    })),
    pagination: { offset, limit, total, hasMore: offset + rows.length < total },
  });
});
