/**
 * /history (contract §5.5): the first page of the actor's past shifts — their assignments that are
 * completed or dated before Toronto today, newest first, 20 to a page — by id, with the delivered
 * count of a completed one, against the database.
 */
import type { WitnessContext } from '../context.js';
import type { ListSpec } from '../checks/list.js';

const PAGE_SIZE = 20;
const FIRST_PAGE_SQL = `select a.id, a.date, a.status, w.organization_id, s.parcels_delivered
  from assignments a join warehouses w on w.id = a.warehouse_id left join shifts s on s.assignment_id = a.id
  where a.user_id = $1 and (a.status = 'completed' or a.date < $2)
  order by a.date desc, a.id desc limit ${PAGE_SIZE}`;
const OWNERS_SQL = `select a.id, w.organization_id from assignments a join warehouses w on w.id = a.warehouse_id where a.id = any($1)`;

const key = (id: string, delivered: number | null) => (delivered === null ? id : `${id} | ${delivered} delivered`);

export function historySpec(ctx: WitnessContext): ListSpec {
  const { pool } = ctx;
  return {
    checkId: 'history',
    path: '/history',
    open: (a) => a.history.open(),
    waitLoaded: (a) => a.history.waitLoaded(),
    root: (a) => a.history.list,
    async readPage(a) {
      const rows = await a.history.read();
      const owners = await pool.query<{ id: string; organization_id: string }>(OWNERS_SQL, [rows.map((r) => r.id)]);
      const org = new Map(owners.rows.map((r) => [r.id, r.organization_id]));
      return rows.map((r) => ({ key: key(r.id, r.delivered), text: r.text, organizationId: org.get(r.id) ?? null }));
    },
    async expected(a) {
      const params = [a.user.id, ctx.clock.today()];
      const result = await pool.query<{ id: string; status: string; parcels_delivered: number | null }>(FIRST_PAGE_SQL, params);
      return {
        result: { query: FIRST_PAGE_SQL, params, rows: result.rows },
        keys: result.rows.map((r) => key(r.id, r.status === 'completed' ? r.parcels_delivered : null)),
      };
    },
    matches: (k, s) => k === s.assignmentId || k.startsWith(`${s.assignmentId} |`),
    describe: (s) => `${s.assignmentId} (${s.routeName}, ${s.date})`,
    rowLocator: (a, k) => a.history.row(k.split(' | ')[0] ?? ''),
  };
}
