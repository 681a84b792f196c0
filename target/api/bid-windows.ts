// Manager APIs: bid windows — list, close, assign (contract §4.5).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { getPool, q, q1, tx } from '../db.js';
import { type AppEnv, fail, iso, isUuid, readJson, requireUser } from '../http.js';
import { HOUR } from '../time.js';
import { loadAssignment, notifyBidLost, type WindowRow } from '../services/bidding.js';
import { resolveExpiredForOrg, resolveWindow } from '../services/bid-resolution.js';
import { ConflictError, notifyAssigned, setManagerAssignee } from '../services/assign.js';
import { canManageWarehouse, denied } from './access.js';
import { isOn } from '../faults.js';

export const bidWindowsApi = new Hono<AppEnv>();

// ── Bid windows ──────────────────────────────────────────────────────────────────────────────
const WINDOW_ITEM_SQL = `
  SELECT bw.id, bw.assignment_id, a.date, r.name AS route_name, w.name AS warehouse_name, bw.opens_at, bw.closes_at,
         bw.status, bw.winner_id, u.name AS winner_name,
         (SELECT count(*)::int FROM bids b WHERE b.bid_window_id = bw.id) AS bid_count, a.warehouse_id
  FROM bid_windows bw JOIN assignments a ON a.id = bw.assignment_id
  JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
  LEFT JOIN "user" u ON u.id = bw.winner_id`;

function windowItem(r: Record<string, any>) {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    assignmentDate: r.date,
    routeName: r.route_name,
    warehouseName: r.warehouse_name,
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    status: r.status === 'open' ? 'open' : 'resolved',
    winnerId: r.winner_id,
    winnerName: r.winner_name,
    bidCount: r.bid_count,
  };
}

bidWindowsApi.get('/api/bid-windows', async (c) => {
  const user = requireUser(c, 'manager');
  const parsed = z
    .object({
      status: z.enum(['open', 'resolved', 'all']).default('all'),
      since: z.string().optional(),
      warehouseId: z.uuid().optional(),
    })
    .safeParse(c.req.query());
  if (!parsed.success) fail(400, 'Invalid query parameters');
  const { status, warehouseId } = parsed.data;
  let since = new Date(now().getTime() - 24 * HOUR);
  if (parsed.data.since !== undefined) {
    since = new Date(parsed.data.since);
    if (Number.isNaN(since.getTime())) fail(400, 'Invalid query parameters');
  }
  if (warehouseId && !(await canManageWarehouse(getPool(), user.id, user.organizationId, warehouseId))) {
    throw await denied('No access to this warehouse', 'warehouses', warehouseId);
  }
  await resolveExpiredForOrg(user.organizationId);
  const rows = await q(
    `${WINDOW_ITEM_SQL}
     WHERE w.organization_id = $2 AND EXISTS (SELECT 1 FROM warehouse_managers wm WHERE wm.warehouse_id = w.id AND wm.user_id = $1)
       AND ($3::uuid IS NULL OR a.warehouse_id = $3::uuid)
       AND bw.status <> 'closed'
       AND (CASE $4
              WHEN 'open' THEN bw.status = 'open'
              WHEN 'resolved' THEN bw.status = 'resolved' AND bw.closes_at >= $5
              ELSE bw.status = 'open' OR bw.closes_at >= $5 END)
     ORDER BY bw.closes_at, bw.id`,
    [user.id, user.organizationId, warehouseId ?? null, status, since],
  );
  return c.json({ bidWindows: rows.map(windowItem), lastUpdated: now().toISOString() });
});

async function windowForManager(user: { id: string; organizationId: string }, id: string, anyOrg = false) {
  if (!isUuid(id)) fail(400, 'Invalid bid window ID');
  const row = await q1(`${WINDOW_ITEM_SQL} WHERE bw.id = $1`, [id]);
  if (!row) fail(404, 'Bid window not found');
  if (!anyOrg && !(await canManageWarehouse(getPool(), user.id, user.organizationId, row.warehouse_id))) {
    throw await denied('No access to this warehouse', 'warehouses', row.warehouse_id);
  }
  return row;
}

bidWindowsApi.post('/api/bid-windows/:id/close', async (c) => {
  const user = requireUser(c, 'manager');
  // Fault bid-window-close-no-org-check: any organization's window is closed.
  const row = await windowForManager(user, c.req.param('id'), isOn('bid-window-close-no-org-check'));
  if (row.status !== 'open') fail(409, 'Bid window already closed');
  const pending = await q1<{ n: number }>(`SELECT count(*)::int AS n FROM bids WHERE bid_window_id = $1 AND status = 'pending'`, [row.id]);
  if ((pending?.n ?? 0) === 0) {
    await tx(async (cl) => {
      const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1 FOR UPDATE`, [row.id], cl);
      if (!w || w.status !== 'open') fail(409, 'Bid window already closed');
      await cl.query(`UPDATE bid_windows SET status = 'closed' WHERE id = $1`, [w.id]);
      await cl.query(
        `UPDATE assignments SET status = 'unfilled', user_id = NULL, updated_at = now() WHERE id = $1`,
        [w.assignment_id],
      );
    });
  } else {
    const outcome = await resolveWindow(row.id);
    if (outcome === 'skipped') fail(409, 'Bid window already closed');
  }
  const fresh = await q1(`${WINDOW_ITEM_SQL} WHERE bw.id = $1`, [row.id]);
  return c.json({ bidWindow: windowItem(fresh!) });
});

bidWindowsApi.post('/api/bid-windows/:id/assign', async (c) => {
  const user = requireUser(c, 'manager');
  const row = await windowForManager(user, c.req.param('id'));
  const parsed = z.strictObject({ driverId: z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const driverId = parsed.data.driverId;
  await tx(async (cl) => {
    const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1 FOR UPDATE`, [row.id], cl);
    if (!w) fail(404, 'Bid window not found');
    if (w.status === 'resolved') fail(409, 'Bid window already resolved');
    const a = (await loadAssignment(cl, w.assignment_id))!;
    if (a.status !== 'unfilled' && a.status !== 'cancelled') fail(409, 'Assignment already filled');
    const d = await q1<{ role: string; organization_id: string }>(`SELECT role, organization_id FROM "user" WHERE id = $1`, [driverId], cl);
    // Reference behaviour (docs/architecture.md#real-drive): a driver of another organization is "not found".
    if (!d || d.role !== 'driver' || d.organization_id !== a.org_id) fail(400, 'Driver not found');
    const at = now();
    try {
      await setManagerAssignee(cl, a, driverId, at);
    } catch (err) {
      if (err instanceof ConflictError) fail(409, err.message);
      throw err;
    }
    await cl.query(`UPDATE bid_windows SET status = 'resolved', winner_id = $2 WHERE id = $1`, [w.id, driverId]);
    await cl.query(`UPDATE bids SET status = 'won', resolved_at = $3 WHERE bid_window_id = $1 AND user_id = $2 AND status = 'pending'`, [w.id, driverId, at]);
    const losers = await q<{ user_id: string }>(
      `UPDATE bids SET status = 'lost', resolved_at = $2 WHERE bid_window_id = $1 AND status = 'pending' RETURNING user_id`,
      [w.id, at],
      cl,
    );
    await notifyAssigned(cl, a, driverId, w.id);
    for (const l of losers) await notifyBidLost(cl, l.user_id, a, w.id);
  });
  const fresh = await q1(`${WINDOW_ITEM_SQL} WHERE bw.id = $1`, [row.id]);
  return c.json({ bidWindow: windowItem(fresh!) });
});
