/**
 * /notifications (contract §5.6): the first page of the actor's notifications — rows with the
 * caller's user id and organization, newest first, 20 to a page — by id and type, against the database.
 */
import type { WitnessContext } from '../context.js';
import type { ListSpec } from '../checks/list.js';

const PAGE_SIZE = 20;
const FIRST_PAGE_SQL = `select n.id, n.type, n.organization_id, n.data->>'assignmentId' as assignment_id, n.read, n.created_at
  from notifications n join "user" u on u.id = n.user_id
  where n.user_id = $1 and n.organization_id = u.organization_id
  order by n.created_at desc, n.id desc limit ${PAGE_SIZE}`;
const OWNERS_SQL = `select n.id, n.organization_id, n.data->>'assignmentId' as assignment_id from notifications n where n.id = any($1)`;

const key = (type: string, id: string) => `${type} | ${id}`;

/** `type`: the kind of row `showing(shift)` asks for (e.g. bid_lost about that shift). */
export function notificationsSpec(ctx: WitnessContext, type?: string): ListSpec {
  const { pool } = ctx;
  const aboutAssignment = new Map<string, string | null>();
  return {
    checkId: 'notifications',
    path: '/notifications',
    open: (a) => a.notifications.open(),
    waitLoaded: (a) => a.notifications.waitLoaded(),
    root: (a) => a.notifications.list,
    async readPage(a) {
      const rows = await a.notifications.read();
      const owners = await pool.query<{ id: string; organization_id: string | null; assignment_id: string | null }>(OWNERS_SQL, [rows.map((r) => r.id)]);
      const org = new Map(owners.rows.map((r) => [r.id, r.organization_id]));
      for (const r of owners.rows) aboutAssignment.set(r.id, r.assignment_id);
      return rows.map((r) => ({ key: key(r.type, r.id), text: r.text, organizationId: org.get(r.id) ?? null }));
    },
    async expected(a) {
      const result = await pool.query<{ id: string; type: string; assignment_id: string | null }>(FIRST_PAGE_SQL, [a.user.id]);
      for (const r of result.rows) aboutAssignment.set(r.id, r.assignment_id);
      return { result: { query: FIRST_PAGE_SQL, params: [a.user.id], rows: result.rows }, keys: result.rows.map((r) => key(r.type, r.id)) };
    },
    matches: (k, s) => {
      const [t, id] = k.split(' | ');
      return (!type || t === type) && !!id && aboutAssignment.get(id) === s.assignmentId;
    },
    describe: (s) => `${type ?? 'a notification'} about ${s.routeName} on ${s.date}`,
    rowLocator: (a, k) => a.notifications.row(k.split(' | ')[1] ?? ''),
  };
}
