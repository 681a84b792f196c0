/**
 * The global invariants (docs/architecture.md#invariants): run after each journey on the slot's orgs, and
 * once at the end of the run over the whole database (scenario RUN-SWEEP). Each query returns the
 * offending rows, so a failure carries its evidence.
 */
import type pg from 'pg';

export interface GlobalInvariant {
  id: string;
  /** `$1` is an array of organization ids, or null for the whole database */
  query: string;
}

export const GLOBAL_INVARIANTS: GlobalInvariant[] = [
  {
    id: 'TENANT-002',
    query: `select a.id as assignment_id, a.user_id, u.organization_id as user_org, w.organization_id as warehouse_org, a.date, a.status
              from assignments a join "user" u on u.id = a.user_id join warehouses w on w.id = a.warehouse_id
             where u.organization_id <> w.organization_id
               and ($1::uuid[] is null or w.organization_id = any($1) or u.organization_id = any($1))
             order by a.id`,
  },
  {
    id: 'TENANT-003',
    query: `select bw.id as bid_window_id, bw.assignment_id, bw.winner_id, u.organization_id as winner_org, w.organization_id as warehouse_org, bw.status
              from bid_windows bw join assignments a on a.id = bw.assignment_id join warehouses w on w.id = a.warehouse_id
              join "user" u on u.id = bw.winner_id
             where u.organization_id <> w.organization_id
               and ($1::uuid[] is null or w.organization_id = any($1) or u.organization_id = any($1))
             order by bw.id`,
  },
  {
    id: 'TENANT-007',
    query: `select b.id as bid_id, b.bid_window_id, b.user_id, u.organization_id as bidder_org, w.organization_id as warehouse_org, b.status
              from bids b join "user" u on u.id = b.user_id join assignments a on a.id = b.assignment_id join warehouses w on w.id = a.warehouse_id
             where u.organization_id <> w.organization_id
               and ($1::uuid[] is null or w.organization_id = any($1) or u.organization_id = any($1))
             order by b.id`,
  },
  {
    id: 'NOTIF-001',
    query: `select n.id as notification_id, n.type, n.user_id, n.organization_id as notification_org, u.organization_id as recipient_org
              from notifications n join "user" u on u.id = n.user_id
             where n.organization_id is not null and n.organization_id <> u.organization_id
               and ($1::uuid[] is null or n.organization_id = any($1) or u.organization_id = any($1))
             order by n.id`,
  },
  {
    id: 'IDEMP-003',
    query: `select b.bid_window_id, count(*)::int as won_bids, array_agg(b.user_id order by b.user_id) as winners
              from bids b join assignments a on a.id = b.assignment_id join warehouses w on w.id = a.warehouse_id
             where b.status = 'won' and ($1::uuid[] is null or w.organization_id = any($1))
             group by b.bid_window_id having count(*) > 1
             order by b.bid_window_id`,
  },
];

export interface Violation {
  id: string;
  query: string;
  params: unknown[];
  rows: Record<string, unknown>[];
}

/** Run every global invariant; returns the violated ones with their rows. */
export async function checkGlobalInvariants(pool: pg.Pool, orgIds: string[] | null): Promise<{ checked: Violation[]; violations: Violation[] }> {
  const checked: Violation[] = [];
  for (const inv of GLOBAL_INVARIANTS) {
    const q = inv.query.replace(/\s+/g, ' ').trim();
    const r = await pool.query(q, [orgIds]);
    checked.push({ id: inv.id, query: q, params: [orgIds], rows: r.rows });
  }
  return { checked, violations: checked.filter((c) => c.rows.length > 0) };
}
