// Manager APIs: routes, overrides, manual assignment, bid windows, warehouses, drivers (contract §4.4–§4.7).
import { Hono } from 'hono';
import { now } from '../clock.js';
import { type AppEnv, fail, isUuid, requireUser } from '../http.js';
import { isValidDate, serverLocalDate } from '../time.js';
import { listRoutes, ROUTE_STATUSES } from '../services/routes.js';

export const managerApi = new Hono<AppEnv>();

managerApi.get('/api/routes', async (c) => {
  const user = requireUser(c, 'manager');
  const date = c.req.query('date') ?? serverLocalDate(now());
  if (!isValidDate(date)) fail(400, 'Invalid date');
  const status = c.req.query('status');
  if (status !== undefined && !(ROUTE_STATUSES as readonly string[]).includes(status)) fail(400, 'Invalid status');
  const warehouseId = c.req.query('warehouseId');
  if (warehouseId !== undefined && !isUuid(warehouseId)) fail(400, 'Invalid warehouse ID');
  const routes = await listRoutes(user, date, { status, warehouseId });
  return c.json({ routes, date });
});
