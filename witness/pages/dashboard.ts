/**
 * /dashboard (contract §5.2) against the database, as three readings: the route of today's shift
 * (or none), the `Coming Up (N)` count and the number of Pending Bids rows. The app's dashboard rows
 * carry no ids, so its readings are the keys the multiset compares.
 */
import type { WitnessContext } from '../context.js';
import type { ListSpec } from '../checks/list.js';
import { addDays } from '../time.js';

// Today's shift: an active assignment, else today's one that is not cancelled (route name).
const TODAY_SQL = `select a.id, a.status, r.name as route_name from assignments a join routes r on r.id = a.route_id
  where a.user_id = $1 and (a.status = 'active' or (a.date = $2 and a.status <> 'cancelled'))
  order by (a.status = 'active') desc, a.date, a.id limit 1`;
// Coming Up: the driver's shifts after today up to a week ahead, in the dashboard's two weeks, neither completed nor cancelled.
const COMING_UP_SQL = `select a.id, a.date, a.status from assignments a
  where a.user_id = $1 and a.date > $2 and a.date <= $3 and a.date < $4 and a.status not in ('completed', 'cancelled') and a.id <> coalesce($5::uuid, '00000000-0000-0000-0000-000000000000')
  order by a.date, a.id`;
// Pending bids whose window has not closed; the page shows at most three.
const PENDING_SQL = `select b.id, b.assignment_id, b.window_closes_at from bids b where b.user_id = $1 and b.status = 'pending' and b.window_closes_at >= $2 order by b.window_closes_at, b.id`;

const todayKey = (route: string | null) => `today's shift: ${route ?? 'none'}`;

export function dashboardSpec(ctx: WitnessContext): ListSpec {
  const { pool } = ctx;
  const routeNames: string[] = [];
  return {
    checkId: 'dashboard',
    path: '/dashboard',
    open: (a) => a.dashboard.open(),
    waitLoaded: (a) => a.dashboard.waitLoaded(),
    root: (a) => a.page.locator('main').first(),
    async readPage(a) {
      const r = await a.dashboard.read();
      const route = /No shift today/.test(r.today) ? null : (routeNames.find((n) => r.today.includes(n)) ?? `unreadable: ${r.today.slice(0, 80)}`);
      return [
        { key: todayKey(route), text: r.today, organizationId: null },
        { key: `coming up: ${r.comingUp}`, organizationId: null },
        { key: `pending bids shown: ${r.pendingBids.length}`, text: r.pendingBids.join(' / '), organizationId: null },
      ];
    },
    async expected(a) {
      const today = ctx.clock.today();
      const weekStart = (() => {
        const d = new Date(`${today}T12:00:00Z`).getUTCDay();
        return addDays(today, -((d + 6) % 7));
      })();
      const names = await pool.query<{ name: string }>(`select r.name from routes r order by length(r.name) desc`);
      routeNames.splice(0, routeNames.length, ...names.rows.map((n) => n.name));
      const t = await pool.query<{ id: string; status: string; route_name: string }>(TODAY_SQL, [a.user.id, today]);
      const todayShift = t.rows[0] ?? null;
      const comingParams = [a.user.id, today, addDays(today, 7), addDays(weekStart, 14), todayShift?.id ?? null];
      const coming = await pool.query(COMING_UP_SQL, comingParams);
      const pending = await pool.query(PENDING_SQL, [a.user.id, ctx.now()]);
      return {
        result: {
          query: [`-- today's shift\n${TODAY_SQL}`, `-- Coming Up\n${COMING_UP_SQL}`, `-- Pending Bids\n${PENDING_SQL}`].join('\n'),
          params: [[a.user.id, today], comingParams, [a.user.id, ctx.now()]],
          rows: [{ todayShift }, { comingUp: coming.rows }, { pendingBids: pending.rows }],
        },
        keys: [todayKey(todayShift?.route_name ?? null), `coming up: ${coming.rows.length}`, `pending bids shown: ${Math.min(3, pending.rows.length)}`],
      };
    },
    matches: (k, s) => k === todayKey(s.routeName),
    describe: (s) => `today's shift ${s.routeName} on ${s.date}`,
    rowLocator: (a, k) => (k.startsWith("today's") ? a.dashboard.todaySection : k.startsWith('coming') ? a.dashboard.comingUpSection : a.dashboard.pendingBidsSection),
  };
}
