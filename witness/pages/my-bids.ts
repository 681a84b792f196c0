/** /bids "My Bids" (contract §5.4): each bid's route-day with its status chip, against the database. */
import type { WitnessContext } from '../context.js';
import * as probe from '../probe.js';
import { routeDayKey } from '../../journeys/pages/parse.js';
import type { ListSpec } from '../checks/list.js';
import { ItemIndex, loadNames } from './names.js';

const BID_LABEL: Record<string, string> = { pending: 'Pending', won: 'Won', lost: 'Lost' };

/** /bids "My Bids": each bid's route-day with its status chip. */
export function myBidsSpec(ctx: WitnessContext): ListSpec {
  const { pool } = ctx;
  let index = new ItemIndex();
  return {
    checkId: 'my-bids',
    path: '/bids (My Bids)',
    async open(a) {
      await a.bids.open();
      await a.bids.waitMyBidsLoaded();
    },
    waitLoaded: (a) => a.bids.waitMyBidsLoaded(),
    root: (a) => a.bids.myBids,
    async readPage(a) {
      const { orgOf } = await loadNames(pool);
      const items = await a.bids.readMyBids();
      index = new ItemIndex();
      return items.map((it, i) => {
        const key = `${routeDayKey(it.routeName, it.warehouseName, it.date)} | ${it.status ?? '?'}`;
        index.add(key, i);
        return { key, text: it.text, organizationId: orgOf(it.routeName, it.warehouseName) };
      });
    },
    async expected(a) {
      const result = await probe.myBids(pool, a.user.id);
      return {
        result,
        keys: result.rows.map((r) => `${routeDayKey(r.route_name, r.warehouse_name, r.date)} | ${BID_LABEL[r.status] ?? r.status}`),
      };
    },
    matches: (key, s) => key.startsWith(`${routeDayKey(s.routeName, s.warehouseName, s.date)} |`),
    describe: (s) => routeDayKey(s.routeName, s.warehouseName, s.date),
    rowLocator: (a, key) => index.locator(a.bids.myBidItems, key),
  };
}
