// Manager APIs: routes (contract §4.4).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { q1, tx, type Db } from '../db.js';
import { type AppEnv, fail, isUuid, readJson, requireUser } from '../http.js';
import { addDays, HHMM, isValidDate, serverLocalDate } from '../time.js';
import { armedNow, isOn } from '../faults.js';
import { listRoutes, ROUTE_STATUSES } from '../services/routes.js';
import { canManageWarehouse, denied } from './access.js';

export const routesApi = new Hono<AppEnv>();

// ── Routes ───────────────────────────────────────────────────────────────────────────────────
routesApi.get('/api/routes', async (c) => {
  const user = requireUser(c, 'manager');
  const date = c.req.query('date') ?? serverLocalDate(now());
  if (!isValidDate(date)) fail(400, 'Invalid date');
  const status = c.req.query('status');
  if (status !== undefined && !(ROUTE_STATUSES as readonly string[]).includes(status)) fail(400, 'Invalid status');
  const warehouseId = c.req.query('warehouseId');
  if (warehouseId !== undefined && !isUuid(warehouseId)) fail(400, 'Invalid warehouse ID');
  // Fault routes-list-next-day-after-change: for a while after an override, the list holds the day after the one asked for.
  const listed = armedNow('routes-list-next-day-after-change') ? addDays(date, 1) : date;
  const routes = await listRoutes(user, listed, { status, warehouseId });
  return c.json({ routes, date });
});

const routeName = z.string().trim().min(1).max(100);
const routeStart = z.string().regex(HHMM);
const routeManager = z.string().min(1).max(128);

const routeCreate = z.object({
  name: routeName,
  warehouseId: z.uuid(),
  startTime: routeStart,
  managerId: routeManager.nullable().optional(),
});

const routePatch = z.strictObject({
  name: routeName.optional(),
  warehouseId: z.uuid().optional(),
  managerId: routeManager.nullable().optional(),
  startTime: routeStart.optional(),
});

/** The route list item for one route and date (the route must be in a linked warehouse). */
async function routeItem(user: { id: string; organizationId: string }, routeId: string, date: string) {
  const [item] = await listRoutes(user, date, { routeId });
  if (!item) fail(404, 'Route not found');
  return item;
}

/**
 * A warehouse a route may be put in: 400 when it does not exist, 403 when the manager is not linked
 * to it in their org. Locks the row so name checks in that warehouse are serialized.
 */
async function routeWarehouse(cl: Db, user: { id: string; organizationId: string }, warehouseId: string, deniedMessage: string) {
  const w = await q1(`SELECT id FROM warehouses WHERE id = $1 FOR UPDATE`, [warehouseId], cl);
  if (!w) fail(400, 'Warehouse not found');
  if (!(await canManageWarehouse(cl, user.id, user.organizationId, warehouseId))) throw await denied(deniedMessage, 'warehouses', warehouseId);
}

/** A route's primary manager: a manager of the caller's organization. */
async function checkRouteManager(cl: Db, orgId: string, managerId: string) {
  // Fault route-manager-any-org: a manager of any organization is taken.
  const m = await q1(`SELECT 1 FROM "user" WHERE id = $1 AND ($3::boolean OR organization_id = $2) AND role = 'manager'`, [managerId, orgId, isOn('route-manager-any-org')], cl);
  if (!m) fail(400, 'Manager not found');
}

async function routeNameTaken(cl: Db, warehouseId: string, name: string, exceptId: string | null): Promise<boolean> {
  const r = await q1(
    `SELECT 1 FROM routes WHERE warehouse_id = $1 AND name = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [warehouseId, name, exceptId],
    cl,
  );
  return !!r;
}

/** The route (404) and the manager's access to its warehouse (403 `No access to this route`). */
async function accessibleRoute(cl: Db, user: { id: string; organizationId: string }, id: string) {
  if (!isUuid(id)) fail(404, 'Route not found');
  const r = await q1<{ id: string; name: string; warehouse_id: string }>(
    `SELECT id, name, warehouse_id FROM routes WHERE id = $1 FOR UPDATE`,
    [id],
    cl,
  );
  if (!r) fail(404, 'Route not found');
  // Fault route-access-no-org-check: any organization's route is changed or deleted.
  if (isOn('route-access-no-org-check')) return r;
  if (!(await canManageWarehouse(cl, user.id, user.organizationId, r.warehouse_id))) throw await denied('No access to this route', 'routes', r.id);
  return r;
}

routesApi.post('/api/routes', async (c) => {
  const user = requireUser(c, 'manager');
  const parsed = routeCreate.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const body = parsed.data;
  const id = await tx(async (cl) => {
    await routeWarehouse(cl, user, body.warehouseId, 'No access to this warehouse');
    const managerId = body.managerId === undefined ? user.id : body.managerId;
    if (managerId !== null) await checkRouteManager(cl, user.organizationId, managerId);
    if (await routeNameTaken(cl, body.warehouseId, body.name, null)) fail(409, 'Route name must be unique within warehouse');
    // Fault route-create-wrong-warehouse: the route lands in the manager's first linked warehouse, not the one asked for.
    const into = isOn('route-create-wrong-warehouse')
      ? ((await q1<{ id: string }>(`SELECT w.id FROM warehouses w JOIN warehouse_managers wm ON wm.warehouse_id = w.id WHERE wm.user_id = $1 ORDER BY w.created_at, w.id LIMIT 1`, [user.id], cl))?.id ?? body.warehouseId)
      : body.warehouseId;
    const row = (await q1<{ id: string }>(
      `INSERT INTO routes (name, warehouse_id, manager_id, start_time, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [body.name, into, managerId, body.startTime, user.id],
      cl,
    ))!;
    return row.id;
  });
  return c.json({ route: await routeItem(user, id, serverLocalDate(now())) }, 201);
});

routesApi.patch('/api/routes/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const date = c.req.query('date') ?? serverLocalDate(now());
  if (!isValidDate(date)) fail(400, 'Invalid date');
  const parsed = routePatch.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const body = parsed.data;
  const id = c.req.param('id');
  await tx(async (cl) => {
    const r = await accessibleRoute(cl, user, id);
    const warehouseId = body.warehouseId ?? r.warehouse_id;
    if (warehouseId !== r.warehouse_id) await routeWarehouse(cl, user, warehouseId, 'No access to target warehouse');
    else await q1(`SELECT id FROM warehouses WHERE id = $1 FOR UPDATE`, [warehouseId], cl);
    if (body.managerId) await checkRouteManager(cl, user.organizationId, body.managerId);
    const name = body.name ?? r.name;
    if ((name !== r.name || warehouseId !== r.warehouse_id) && (await routeNameTaken(cl, warehouseId, name, r.id))) {
      fail(409, 'Route name must be unique within warehouse');
    }
    await cl.query(
      `UPDATE routes SET name = $2, warehouse_id = $3, start_time = coalesce($4, start_time),
              manager_id = CASE WHEN $5::boolean THEN $6 ELSE manager_id END, updated_at = now()
       WHERE id = $1`,
      [r.id, name, warehouseId, body.startTime ?? null, body.managerId !== undefined, body.managerId ?? null],
    );
  });
  return c.json({ route: await routeItem(user, id, date) });
});

routesApi.delete('/api/routes/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  await tx(async (cl) => {
    const r = await accessibleRoute(cl, user, id);
    const future = await q1(`SELECT 1 FROM assignments WHERE route_id = $1 AND date > $2 LIMIT 1`, [r.id, serverLocalDate(now())], cl);
    if (future) fail(400, 'Cannot delete route with future assignments');
    // Past assignments keep their route (no cascade): such a route stays.
    const past = await q1(`SELECT 1 FROM assignments WHERE route_id = $1 LIMIT 1`, [r.id], cl);
    if (past) fail(409, 'Cannot delete route with assignment history');
    await cl.query(`DELETE FROM routes WHERE id = $1`, [r.id]);
  });
  return c.json({ success: true });
});
