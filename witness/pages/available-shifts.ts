/** /bids "Available Shifts" (contract §5.4): items read by their text, against the open windows offered. */
import type { WitnessContext } from '../context.js';
import * as probe from '../probe.js';
import { routeDayKey } from '../../journeys/pages/parse.js';
import type { ListSpec } from '../checks/list.js';
import { ItemIndex, loadNames } from './names.js';

export function availableShiftsSpec(ctx: WitnessContext): ListSpec {
  const { pool } = ctx;
  let index = new ItemIndex();
  return {
    checkId: 'available-shifts',
    path: '/bids',
    open: (a) => a.bids.open(),
    waitLoaded: (a) => a.bids.waitLoaded(),
    root: (a) => a.bids.section,
    async readPage(a) {
      const { orgOf } = await loadNames(pool);
      const items = await a.bids.read();
      index = new ItemIndex();
      return items.map((it, i) => {
        const key = it.routeName && it.warehouseName && it.date ? routeDayKey(it.routeName, it.warehouseName, it.date) : `unreadable item: ${it.text}`;
        index.add(key, i);
        return { key, text: it.text, organizationId: orgOf(it.routeName, it.warehouseName) };
      });
    },
    async expected(a) {
      const result = await probe.availableWindows(pool, a.user.id, ctx.now());
      return {
        result,
        keys: result.rows.map((r) => routeDayKey(r.route_name, r.warehouse_name, r.date)),
      };
    },
    matches: (key, s) => key === routeDayKey(s.routeName, s.warehouseName, s.date),
    describe: (s) => routeDayKey(s.routeName, s.warehouseName, s.date),
    rowLocator: (a, key) => index.locator(a.bids.items, key),
  };
}
