// Manager APIs: warehouses and their managers (contract §4.6).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { getPool, q, q1, tx, isUniqueViolation } from '../db.js';
import { type AppEnv, fail, iso, isUuid, readJson, readJsonOptional, requireUser } from '../http.js';
import { addDays, torontoDate } from '../time.js';
import { canManageWarehouse, denied } from './access.js';

export const warehousesApi = new Hono<AppEnv>();

// ── Warehouses ───────────────────────────────────────────────────────────────────────────────
async function warehouseRows(orgId: string, where: string, params: unknown[]) {
  const today = torontoDate(now());
  return q(
    `SELECT w.id, w.name, w.address, w.created_by, w.created_at, w.updated_at,
       (SELECT count(*)::int FROM routes r WHERE r.warehouse_id = w.id) AS route_count,
       (SELECT count(DISTINCT a.user_id) FROM assignments a WHERE a.warehouse_id = w.id AND a.user_id IS NOT NULL
          AND a.status <> 'cancelled' AND a.date >= $2 AND a.date < $3) AS assigned_next,
       (SELECT count(DISTINCT a.user_id)::int FROM assignments a WHERE a.warehouse_id = w.id AND a.user_id IS NOT NULL
          AND a.status <> 'cancelled' AND a.date >= $4 AND a.date < $2) AS assigned_prev,
       (SELECT count(*) FROM assignments a WHERE a.warehouse_id = w.id AND a.status = 'unfilled'
          AND a.date >= $2 AND a.date < $3) AS unfilled_next,
       (SELECT count(*)::int FROM assignments a WHERE a.warehouse_id = w.id AND a.status = 'unfilled'
          AND a.date >= $4 AND a.date < $2) AS unfilled_prev,
       (SELECT count(*)::int FROM bid_windows bw JOIN assignments a ON a.id = bw.assignment_id
          WHERE a.warehouse_id = w.id AND bw.status = 'open') AS open_windows,
       (SELECT count(*)::int FROM warehouse_managers wm WHERE wm.warehouse_id = w.id) AS manager_count
     FROM warehouses w WHERE $1::uuid IS NOT NULL AND ${where} ORDER BY w.name, w.id`,
    [orgId, today, addDays(today, 7), addDays(today, -7), ...params],
  );
}

function warehouseJson(r: Record<string, any>) {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    routeCount: r.route_count,
    // Serialized as strings, as the real app does (contract §4.6, §8 item 12).
    assignedDriversNext7: String(r.assigned_next),
    assignedDriversDelta7: Number(r.assigned_next) - r.assigned_prev,
    unfilledRoutesNext7: String(r.unfilled_next),
    unfilledRoutesDelta7: Number(r.unfilled_next) - r.unfilled_prev,
    openBidWindows: r.open_windows,
    managerCount: r.manager_count,
  };
}

warehousesApi.get('/api/warehouses', async (c) => {
  const user = requireUser(c, 'manager');
  const rows = await warehouseRows(
    user.organizationId,
    // Fault warehouses-list-unscoped: every warehouse of every organization.
    isOn('warehouses-list-unscoped') ? `$5::text IS NOT NULL` : `w.organization_id = $1 AND EXISTS (SELECT 1 FROM warehouse_managers wm WHERE wm.warehouse_id = w.id AND wm.user_id = $5)`,
    [user.id],
  );
  return c.json({ warehouses: rows.map(warehouseJson) });
});

const warehouseCreate = z.object({ name: z.string().trim().min(1).max(100), address: z.string().trim().min(1).max(500) });

warehousesApi.post('/api/warehouses', async (c) => {
  const user = requireUser(c, 'manager');
  const parsed = warehouseCreate.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const id = await tx(async (cl) => {
    const w = (await q1<{ id: string }>(
      `INSERT INTO warehouses (name, address, organization_id, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [parsed.data.name, parsed.data.address, user.organizationId, user.id],
      cl,
    ))!;
    await cl.query(`INSERT INTO warehouse_managers (warehouse_id, user_id) VALUES ($1, $2)`, [w.id, user.id]);
    return w.id;
  });
  const rows = await warehouseRows(user.organizationId, `w.id = $5`, [id]);
  return c.json({ warehouse: warehouseJson(rows[0]!) }, 201);
});

/** 403 first (also for unknown ids), then 404 — contract §1.6. */
async function warehouseAccess(c: { req: { param: (k: string) => string } }, user: { id: string; organizationId: string }): Promise<string> {
  const id = c.req.param('id');
  if (!isUuid(id)) fail(400, 'Invalid warehouse ID');
  if (isOn('warehouse-detail-no-org-check')) {
    const exists = await q1(`SELECT 1 FROM warehouses WHERE id = $1`, [id]);
    if (exists) return id;
  }
  if (!(await canManageWarehouse(getPool(), user.id, user.organizationId, id))) throw await denied('No access to this warehouse', 'warehouses', id);
  return id;
}

warehousesApi.get('/api/warehouses/:id', async (c) => {
  const user = requireUser(c, 'manager');
  if (isOn('warehouse-detail-always-403')) throw await denied('No access to this warehouse', 'warehouses', c.req.param('id'));
  const id = await warehouseAccess(c, user);
  const rows = await warehouseRows(user.organizationId, `w.id = $5`, [id]);
  if (!rows[0]) fail(404, 'Warehouse not found');
  return c.json({ warehouse: warehouseJson(rows[0]) });
});

warehousesApi.patch('/api/warehouses/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const parsed = z
    .strictObject({ name: z.string().trim().min(1).max(100).optional(), address: z.string().trim().min(1).max(500).optional() })
    .safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const upd = await q1(
    `UPDATE warehouses SET name = coalesce($2, name), address = coalesce($3, address), updated_at = now() WHERE id = $1 RETURNING id`,
    [id, parsed.data.name ?? null, parsed.data.address ?? null],
  );
  if (!upd) fail(404, 'Warehouse not found');
  const rows = await warehouseRows(user.organizationId, `w.id = $5`, [id]);
  return c.json({ warehouse: warehouseJson(rows[0]!) });
});

warehousesApi.delete('/api/warehouses/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const routes = await q1<{ n: number }>(`SELECT count(*)::int AS n FROM routes WHERE warehouse_id = $1`, [id]);
  if ((routes?.n ?? 0) > 0) fail(400, 'Cannot delete warehouse with attached routes');
  const del = await q1(`DELETE FROM warehouses WHERE id = $1 RETURNING id`, [id]);
  if (!del) fail(404, 'Warehouse not found');
  return c.json({ success: true });
});

warehousesApi.get('/api/warehouses/:id/managers', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const rows = await q(
    `SELECT wm.id, wm.user_id, u.name, u.email, wm.created_at FROM warehouse_managers wm JOIN "user" u ON u.id = wm.user_id
     WHERE wm.warehouse_id = $1 ORDER BY wm.created_at, wm.id`,
    [id],
  );
  return c.json({
    managers: rows.map((r) => ({ id: r.id, userId: r.user_id, userName: r.name, userEmail: r.email, createdAt: iso(r.created_at) })),
  });
});

warehousesApi.post('/api/warehouses/:id/managers', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const parsed = z.object({ userId: z.string().min(1) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const exists = await q1(`SELECT 1 FROM warehouses WHERE id = $1`, [id]);
  if (!exists) fail(404, 'Warehouse not found');
  const target = await q1<{ role: string; organization_id: string }>(`SELECT role, organization_id FROM "user" WHERE id = $1`, [parsed.data.userId]);
  // Reference behaviour (docs/architecture.md#real-drive): a user of another organization is "not found".
  if (!target || target.organization_id !== user.organizationId) fail(404, 'User not found');
  if (target.role !== 'manager') fail(400, 'User must be a manager');
  try {
    const row = (await q1(
      `INSERT INTO warehouse_managers (warehouse_id, user_id) VALUES ($1, $2) RETURNING id, warehouse_id, user_id, created_at`,
      [id, parsed.data.userId],
    ))!;
    return c.json({ warehouseManager: { id: row.id, warehouseId: row.warehouse_id, userId: row.user_id, createdAt: iso(row.created_at) } }, 201);
  } catch (err) {
    if (isUniqueViolation(err)) fail(409, 'Manager already assigned to warehouse');
    throw err;
  }
});

warehousesApi.delete('/api/warehouses/:id/managers', async (c) => {
  const user = requireUser(c, 'manager');
  // Fault manager-unlink-no-org-check: a manager is unlinked from any organization's warehouse.
  const id = isOn('manager-unlink-no-org-check') ? c.req.param('id') : await warehouseAccess(c, user);
  const parsed = z.object({ userId: z.string().min(1) }).safeParse(await readJsonOptional(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const count = await q1<{ n: number }>(`SELECT count(*)::int AS n FROM warehouse_managers WHERE warehouse_id = $1`, [id]);
  if (parsed.data.userId === user.id && (count?.n ?? 0) <= 1) fail(400, 'Cannot remove last manager from warehouse');
  const del = await q1(`DELETE FROM warehouse_managers WHERE warehouse_id = $1 AND user_id = $2 RETURNING id`, [id, parsed.data.userId]);
  if (!del) fail(404, 'Manager assignment not found');
  return c.json({ success: true });
});
