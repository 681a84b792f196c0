/** /routes (contract §5.8): the table's rows (name, warehouse, driver cell, status chip) against the database. */
import type { WitnessContext } from '../context.js';
import * as probe from '../probe.js';
import type { ListSpec } from '../checks/list.js';
import { compareMultisets, isEmptyDiff } from '../multiset.js';
import { addDays } from '../time.js';
import { loadNames } from './names.js';
import { routeDriverCell, routeKey, routeStatusLabel } from '../rules/route-status.js';

/** `date`: the table filtered to that day (the filter drawer); default today, as the page opens. */
export function routesSpec(ctx: WitnessContext, date?: string): ListSpec {
  const { pool } = ctx;
  const keysFor = async (managerId: string, d: string) => {
    const result = await probe.managerRoutes(pool, managerId, d);
    const now = ctx.now();
    const span = { from: new Date(openedAt.getTime() - 60_000), to: new Date(now.getTime() + 60_000) };
    return {
      result,
      keys: result.rows.map((r) => {
        const label = routeStatusLabel(r, d, now);
        return routeKey(r.name, r.warehouse_name, routeDriverCell(r, label, span, shownDriver.get(`${r.name} | ${r.warehouse_name}`)), label);
      }),
    };
  };
  /** what the page showed in the Driver cell, by route name, and since when it may have been rendered */
  let shownDriver = new Map<string, string>();
  let openedAt = ctx.now();
  return {
    checkId: date ? 'routes-on-date' : 'routes',
    path: '/routes',
    async open(a) {
      openedAt = ctx.now();
      await a.routes.open();
      if (date && date !== ctx.clock.today()) await a.routes.filterToDate(date);
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
      return keysFor(a.user.id, date ?? ctx.clock.today());
    },
    /**
     * A table that differs from today's rows may be another day's: when it is exactly the day
     * before's or after's (the server's UTC date, late in Toronto's evening), say so; that is a
     * finding of its own, not a stale or leaking table.
     */
    async diagnose(a, pageKeys) {
      if (date && date !== ctx.clock.today()) return null;
      const today = ctx.clock.today();
      const utc = ctx.now().toISOString().slice(0, 10);
      for (const d of [...new Set([utc, addDays(today, 1), addDays(today, -1)])].filter((x) => x !== today)) {
        const { keys } = await keysFor(a.user.id, d);
        if (isEmptyDiff(compareMultisets(pageKeys, keys))) {
          const why = d === utc ? ' — the date of a server on UTC' : '';
          return { kind: 'other-date', problem: `the table holds the routes of ${d}${why}, not of today (${today}, Toronto)` };
        }
      }
      return null;
    },
    matches: (key, s) => key.startsWith(`${s.routeName} | ${s.warehouseName} |`),
    describe: (s) => `${s.routeName} (${s.warehouseName})`,
    rowLocator: (a, key) => a.routes.row(key.split(' | ')[0]!),
  };
}
