/**
 * /notifications (contract §5.6): the first page of the actor's notifications — rows with the
 * caller's user id and organization, newest first, 20 to a page — by id and type, against the database.
 */
import type { WitnessContext } from '../context.js';
import type { ListSpec } from '../checks/list.js';

const PAGE_SIZE = 20;
const ALL_SQL = `select n.id, n.type, n.organization_id, n.data->>'assignmentId' as assignment_id, n.read, n.created_at
  from notifications n join "user" u on u.id = n.user_id
  where n.user_id = $1 and n.organization_id = u.organization_id
  order by n.created_at desc, n.id desc`;
const FIRST_PAGE_SQL = `${ALL_SQL} limit ${PAGE_SIZE}`;
const OWNERS_SQL = `select n.id, n.organization_id, n.data->>'assignmentId' as assignment_id from notifications n where n.id = any($1)`;

/** A row's key: its type and id, and with `withRead` whether it is read (class read / unread). */
const key = (type: string, id: string, read: boolean | null) => (read === null ? `${type} | ${id}` : `${type} | ${id} | ${read ? 'read' : 'unread'}`);

/**
 * `type`: the kind of row `showing(shift)` asks for (e.g. bid_lost about that shift). `allPages`:
 * every page loaded (infinite scroll) and each row's read state compared too.
 */
export function notificationsSpec(ctx: WitnessContext, type?: string, allPages = false): ListSpec {
  const sql = allPages ? ALL_SQL : FIRST_PAGE_SQL;
  const { pool } = ctx;
  const aboutAssignment = new Map<string, string | null>();
  return {
    checkId: allPages ? 'notifications-all' : 'notifications',
    path: '/notifications',
    open: async (a) => {
      await a.notifications.open();
      if (allPages) await a.notifications.loadAll();
    },
    waitLoaded: (a) => a.notifications.waitLoaded(),
    root: (a) => a.notifications.list,
    async readPage(a) {
      const rows = await a.notifications.read();
      const owners = await pool.query<{ id: string; organization_id: string | null; assignment_id: string | null }>(OWNERS_SQL, [rows.map((r) => r.id)]);
      const org = new Map(owners.rows.map((r) => [r.id, r.organization_id]));
      for (const r of owners.rows) aboutAssignment.set(r.id, r.assignment_id);
      return rows.map((r) => ({ key: key(r.type, r.id, allPages ? r.read : null), text: r.text, organizationId: org.get(r.id) ?? null }));
    },
    async expected(a) {
      const result = await pool.query<{ id: string; type: string; assignment_id: string | null; read: boolean }>(sql, [a.user.id]);
      for (const r of result.rows) aboutAssignment.set(r.id, r.assignment_id);
      return { result: { query: sql, params: [a.user.id], rows: result.rows }, keys: result.rows.map((r) => key(r.type, r.id, allPages ? r.read : null)) };
    },
    matches: (k, s) => {
      const [t, id] = k.split(' | ');
      return (!type || t === type) && !!id && aboutAssignment.get(id) === s.assignmentId;
    },
    describe: (s) => `${type ?? 'a notification'} about ${s.routeName} on ${s.date}`,
    rowLocator: (a, k) => a.notifications.row(k.split(' | ')[1] ?? ''),
  };
}
