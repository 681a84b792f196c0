/**
 * The database probe: what a page should show a user, read straight from PostgreSQL with the
 * contract's rules (contract §4, §5). Each query is returned with its text and parameters so the
 * evidence shows exactly what produced the rows.
 */
import type pg from 'pg';
import { addDays, torontoDate, weekStart } from './time.js';

export interface ProbeResult<Row> {
  query: string;
  params: unknown[];
  rows: Row[];
}

async function run<Row extends pg.QueryResultRow>(pool: pg.Pool, query: string, params: unknown[]): Promise<ProbeResult<Row>> {
  const q = query.replace(/\s+/g, ' ').trim();
  const r = await pool.query<Row>(q, params);
  return { query: q, params, rows: r.rows };
}

export interface ScheduleRow {
  assignment_id: string;
  date: string;
  status: string;
  route_name: string;
  warehouse_name: string;
  organization_id: string;
}

/**
 * /schedule (contract §5.3): the user's assignments from this Toronto week's Monday for 14 days;
 * `active` always shows; completed never; other rows only from today on.
 */
export function scheduleRows(pool: pg.Pool, userId: string, now: Date): Promise<ProbeResult<ScheduleRow>> {
  const today = torontoDate(now);
  const from = weekStart(today);
  const to = addDays(from, 14);
  return run<ScheduleRow>(
    pool,
    `select a.id as assignment_id, a.date, a.status, r.name as route_name, w.name as warehouse_name, w.organization_id
       from assignments a join routes r on r.id = a.route_id join warehouses w on w.id = a.warehouse_id
      where a.user_id = $1 and a.date >= $2 and a.date < $3
        and (a.status = 'active' or (a.status <> 'completed' and a.date >= $4))
      order by a.date, a.id`,
    [userId, from, to, today],
  );
}

export interface AvailableRow {
  bid_window_id: string;
  assignment_id: string;
  date: string;
  mode: string;
  route_name: string;
  warehouse_name: string;
  organization_id: string;
}

/**
 * /bids "Available Shifts" (contract §4.3): open, not-yet-closed windows in the user's org,
 * without those the user bid on, without weeks where the user is at the weekly cap; a flagged
 * user sees none.
 */
export function availableWindows(pool: pg.Pool, userId: string, now: Date): Promise<ProbeResult<AvailableRow>> {
  return run<AvailableRow>(
    pool,
    `select bw.id as bid_window_id, a.id as assignment_id, a.date, bw.mode, r.name as route_name, w.name as warehouse_name, w.organization_id
       from bid_windows bw join assignments a on a.id = bw.assignment_id
       join routes r on r.id = a.route_id join warehouses w on w.id = a.warehouse_id
       join "user" u on u.id = $1
      where bw.status = 'open' and bw.closes_at > $2 and w.organization_id = u.organization_id and not u.is_flagged
        and not exists (select 1 from bids b where b.bid_window_id = bw.id and b.user_id = u.id)
        and (select count(*) from assignments x join warehouses xw on xw.id = x.warehouse_id
              where x.user_id = u.id and x.status <> 'cancelled' and xw.organization_id = u.organization_id
                and x.date >= (a.date - ((extract(isodow from a.date)::int - 1) * interval '1 day'))::date
                and x.date < (a.date - ((extract(isodow from a.date)::int - 1) * interval '1 day') + interval '7 days')::date) < u.weekly_cap
      order by a.date, bw.id`,
    [userId, now],
  );
}

export interface NameRow {
  name: string;
  warehouse_name: string;
  organization_id: string;
}

/** Every route and warehouse name of every org: the vocabulary to read text-only lists with. */
export function routeVocabulary(pool: pg.Pool): Promise<ProbeResult<NameRow>> {
  return run<NameRow>(
    pool,
    `select r.name, w.name as warehouse_name, w.organization_id from routes r join warehouses w on w.id = r.warehouse_id order by r.name`,
    [],
  );
}

export interface OwnerRow {
  id: string;
  organization_id: string | null;
}

/** The org of each assignment id (through its warehouse, the contract's root of scoping). */
export function assignmentOrgs(pool: pg.Pool, ids: string[]): Promise<ProbeResult<OwnerRow>> {
  return run<OwnerRow>(
    pool,
    `select a.id, w.organization_id from assignments a join warehouses w on w.id = a.warehouse_id where a.id::text = any($1::text[])`,
    [ids],
  );
}

export interface AssignmentState {
  assignment: Record<string, unknown> | null;
  windows: Record<string, unknown>[];
  bids: Record<string, unknown>[];
  shifts: Record<string, unknown>[];
}

/** Everything the database holds for one assignment. */
export async function assignmentState(pool: pg.Pool, assignmentId: string): Promise<{ queries: string[]; state: AssignmentState }> {
  const a = await run(pool, `select * from assignments where id = $1`, [assignmentId]);
  const w = await run(pool, `select * from bid_windows where assignment_id = $1 order by opens_at, id`, [assignmentId]);
  const b = await run(pool, `select * from bids where assignment_id = $1 order by bid_at, id`, [assignmentId]);
  const s = await run(pool, `select * from shifts where assignment_id = $1 order by id`, [assignmentId]);
  return {
    queries: [a.query, w.query, b.query, s.query],
    state: { assignment: a.rows[0] ?? null, windows: w.rows, bids: b.rows, shifts: s.rows },
  };
}

export function sessionCount(pool: pg.Pool, userId: string): Promise<ProbeResult<{ sessions: number }>> {
  return run<{ sessions: number }>(pool, `select count(*)::int as sessions from session where user_id = $1`, [userId]);
}

/** Every row of one organization, as one JSON value: to prove a request changed nothing of it. */
export async function orgState(pool: pg.Pool, orgId: string): Promise<{ query: string; state: unknown }> {
  const wh = `(select id from warehouses where organization_id = $1)`;
  const asg = `(select id from assignments where warehouse_id in ${wh})`;
  const users = `(select id from "user" where organization_id = $1)`;
  const agg = (table: string, where: string, alias = 't') =>
    `(select coalesce(json_agg(${alias} order by ${alias}.id), '[]'::json) from ${table} ${alias} where ${where})`;
  const query = `select json_build_object(
      'organization', (select row_to_json(o) from organizations o where o.id = $1),
      'dispatch_settings', (select row_to_json(d) from organization_dispatch_settings d where d.organization_id = $1),
      'warehouses', ${agg('warehouses', 't.organization_id = $1')},
      'warehouse_managers', ${agg('warehouse_managers', `t.warehouse_id in ${wh} or t.user_id in ${users}`)},
      'routes', ${agg('routes', `t.warehouse_id in ${wh}`)},
      'assignments', ${agg('assignments', `t.warehouse_id in ${wh}`)},
      'bid_windows', ${agg('bid_windows', `t.assignment_id in ${asg}`)},
      'bids', ${agg('bids', `t.assignment_id in ${asg} or t.user_id in ${users}`)},
      'shifts', ${agg('shifts', `t.assignment_id in ${asg}`)},
      'users', ${agg('"user"', 't.organization_id = $1')},
      'driver_metrics', (select coalesce(json_agg(m order by m.user_id), '[]'::json) from driver_metrics m where m.user_id in ${users}),
      'driver_health_state', (select coalesce(json_agg(h order by h.user_id), '[]'::json) from driver_health_state h where h.user_id in ${users}),
      'driver_preferences', ${agg('driver_preferences', `t.user_id in ${users}`)},
      'notifications', ${agg('notifications', `t.organization_id = $1 or t.user_id in ${users}`)},
      'signup_onboarding', ${agg('signup_onboarding', 't.organization_id = $1')}
    ) as state`;
  const q = query.replace(/\s+/g, ' ').trim();
  const r = await pool.query<{ state: unknown }>(q, [orgId]);
  return { query: q, state: r.rows[0]?.state ?? null };
}

export interface RouteStatusRow {
  route_id: string;
  name: string;
  warehouse_name: string;
  start_time: string;
  organization_id: string;
  assignment_id: string | null;
  assignment_status: string | null;
  user_id: string | null;
  driver_name: string | null;
  confirmed_at: string | null;
  cancelled_at: string | null;
  arrived_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  open_window: boolean;
  /** closes_at of the open window, if any */
  window_closes_at: Date | null;
}

/**
 * /routes for a manager (contract §4.5, §5.8): the routes of the warehouses linked to the manager
 * in their org, each with its assignment of the given date and what the status chip derives from.
 */
export function managerRoutes(pool: pg.Pool, managerId: string, date: string): Promise<ProbeResult<RouteStatusRow>> {
  return run<RouteStatusRow>(
    pool,
    `select r.id as route_id, r.name, w.name as warehouse_name, r.start_time, w.organization_id,
            a.id as assignment_id, a.status::text as assignment_status, a.user_id, u.name as driver_name,
            a.confirmed_at, a.cancelled_at, s.arrived_at, s.started_at, s.completed_at,
            exists (select 1 from bid_windows bw where bw.assignment_id = a.id and bw.status = 'open') as open_window,
            (select min(bw.closes_at) from bid_windows bw where bw.assignment_id = a.id and bw.status = 'open') as window_closes_at
       from routes r join warehouses w on w.id = r.warehouse_id
       join "user" m on m.id = $1
       join warehouse_managers wm on wm.warehouse_id = w.id and wm.user_id = m.id
       left join lateral (select * from assignments x where x.route_id = r.id and x.date = $2 order by x.created_at desc, x.id limit 1) a on true
       left join "user" u on u.id = a.user_id
       left join shifts s on s.assignment_id = a.id
      where w.organization_id = m.organization_id
      order by r.name, r.id`,
    [managerId, date],
  );
}

export interface MyBidRow {
  bid_id: string;
  status: string;
  date: string;
  route_name: string;
  warehouse_name: string;
  organization_id: string;
}

/** /bids "My Bids" (contract §4.3 `GET /api/bids/mine`): every bid of the user, newest first. */
export function myBids(pool: pg.Pool, userId: string): Promise<ProbeResult<MyBidRow>> {
  return run<MyBidRow>(
    pool,
    `select b.id as bid_id, b.status::text as status, a.date, r.name as route_name, w.name as warehouse_name, w.organization_id
       from bids b join assignments a on a.id = b.assignment_id join routes r on r.id = a.route_id join warehouses w on w.id = a.warehouse_id
      where b.user_id = $1 order by b.bid_at desc, b.id desc`,
    [userId],
  );
}
