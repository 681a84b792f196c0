/** /routes (contract §5.8): the table's rows (name, warehouse, driver cell, status chip) against the database. */
import type { WitnessContext } from '../context.js';
import * as probe from '../probe.js';
import type { ListSpec } from '../checks/list.js';
import { loadNames } from './names.js';
import { routeDriverCell, routeKey, routeStatusLabel } from '../rules/route-status.js';

export function routesSpec(ctx: WitnessContext): ListSpec {
  const { pool } = ctx;
  /** what the page showed in the Driver cell, by route name, and since when it may have been rendered */
  let shownDriver = new Map<string, string>();
  let openedAt = ctx.now();
  return {
    checkId: 'routes',
    path: '/routes',
    async open(a) {
      openedAt = ctx.now();
      await a.routes.open();
    },
    waitLoaded: (a) => a.routes.waitLoaded(),
    root: (a) => a.routes.table,
    async readPage(a) {
      const { orgOf } = await loadNames(pool);
      const rows = await a.routes.read();
      shownDriver = new Map(rows.map((r) => [`${r.name} | ${r.warehouse}`, r.driver]));
      return rows.map((r) => ({
        key: routeKey(r.name, r.warehouse, r.driver, r.status),
        text: `${r.name} ${r.warehouse} ${r.start} ${r.driver} ${r.status}`,
        organizationId: orgOf(r.name, r.warehouse),
      }));
    },
    async expected(a) {
      const d = ctx.clock.today();
      const result = await probe.managerRoutes(pool, a.user.id, d);
      const now = ctx.now();
      const span = { from: new Date(openedAt.getTime() - 60_000), to: new Date(now.getTime() + 60_000) };
      return {
        result,
        keys: result.rows.map((r) => {
          const label = routeStatusLabel(r, d, now);
          return routeKey(r.name, r.warehouse_name, routeDriverCell(r, label, span, shownDriver.get(`${r.name} | ${r.warehouse_name}`)), label);
        }),
      };
    },
    matches: (key, s) => key.startsWith(`${s.routeName} | ${s.warehouseName} |`),
    describe: (s) => `${s.routeName} (${s.warehouseName})`,
    rowLocator: (a, key) => a.routes.row(key.split(' | ')[0]!),
  };
}
