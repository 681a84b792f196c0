/**
 * The database evidence snapshot written for every failed attempt (issue: triage pack): counts per
 * organization of the contract's tables, the offending rows of the failed checks, the rows of the
 * journey's key entities, and the exact queries that produced them.
 */
import fs from 'node:fs';
import type pg from 'pg';

/** How each org-scoped table reaches its organization (contract §1.2). */
const ORG_PATHS: Record<string, string> = {
  organizations: `select id as org, count(*)::int as n from organizations group by 1`,
  organization_dispatch_settings: `select organization_id as org, count(*)::int as n from organization_dispatch_settings group by 1`,
  user: `select organization_id as org, count(*)::int as n from "user" group by 1`,
  account: `select u.organization_id as org, count(*)::int as n from account x join "user" u on u.id = x.user_id group by 1`,
  session: `select u.organization_id as org, count(*)::int as n from session x join "user" u on u.id = x.user_id group by 1`,
  warehouses: `select organization_id as org, count(*)::int as n from warehouses group by 1`,
  warehouse_managers: `select w.organization_id as org, count(*)::int as n from warehouse_managers x join warehouses w on w.id = x.warehouse_id group by 1`,
  routes: `select w.organization_id as org, count(*)::int as n from routes x join warehouses w on w.id = x.warehouse_id group by 1`,
  assignments: `select w.organization_id as org, count(*)::int as n from assignments x join warehouses w on w.id = x.warehouse_id group by 1`,
  shifts: `select w.organization_id as org, count(*)::int as n from shifts x join assignments a on a.id = x.assignment_id join warehouses w on w.id = a.warehouse_id group by 1`,
  bid_windows: `select w.organization_id as org, count(*)::int as n from bid_windows x join assignments a on a.id = x.assignment_id join warehouses w on w.id = a.warehouse_id group by 1`,
  bids: `select w.organization_id as org, count(*)::int as n from bids x join assignments a on a.id = x.assignment_id join warehouses w on w.id = a.warehouse_id group by 1`,
  notifications: `select coalesce(organization_id::text, 'null') as org, count(*)::int as n from notifications group by 1`,
  driver_preferences: `select u.organization_id as org, count(*)::int as n from driver_preferences x join "user" u on u.id = x.user_id group by 1`,
  driver_metrics: `select u.organization_id as org, count(*)::int as n from driver_metrics x join "user" u on u.id = x.user_id group by 1`,
  driver_health_state: `select u.organization_id as org, count(*)::int as n from driver_health_state x join "user" u on u.id = x.user_id group by 1`,
  driver_health_snapshots: `select u.organization_id as org, count(*)::int as n from driver_health_snapshots x join "user" u on u.id = x.user_id group by 1`,
  route_completions: `select u.organization_id as org, count(*)::int as n from route_completions x join "user" u on u.id = x.user_id group by 1`,
  signup_onboarding: `select organization_id as org, count(*)::int as n from signup_onboarding group by 1`,
  audit_logs: `select coalesce(organization_id::text, 'null') as org, count(*)::int as n from audit_logs group by 1`,
};

export interface SnapshotInput {
  scenarioId: string;
  orgLabels: Record<string, string>;
  keyEntityIds: Record<string, string>;
  offendingRows: unknown[];
}

export async function writeDbSnapshot(pool: pg.Pool, file: string, input: SnapshotInput): Promise<void> {
  const queries: string[] = [];
  const counts: Record<string, Record<string, number>> = {};
  for (const [table, q] of Object.entries(ORG_PATHS)) {
    queries.push(q);
    try {
      const r = await pool.query<{ org: string; n: number }>(q);
      for (const row of r.rows) {
        const label = input.orgLabels[row.org] ?? row.org;
        (counts[label] ??= {})[table] = row.n;
      }
    } catch (e) {
      (counts['(error)'] ??= {})[table] = -1;
      queries.push(`-- failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const assignmentIds = Object.entries(input.keyEntityIds)
    .filter(([k]) => k.endsWith('.assignmentId'))
    .map(([, v]) => v);
  const keyQ = `select a.*, w.organization_id as warehouse_org,
      (select coalesce(json_agg(bw order by bw.opens_at), '[]'::json) from bid_windows bw where bw.assignment_id = a.id) as bid_windows,
      (select coalesce(json_agg(b order by b.bid_at), '[]'::json) from bids b where b.assignment_id = a.id) as bids
    from assignments a join warehouses w on w.id = a.warehouse_id where a.id::text = any($1::text[]) order by a.id`;
  let keyRows: unknown[] = [];
  try {
    keyRows = (await pool.query(keyQ, [assignmentIds])).rows;
  } catch (e) {
    keyRows = [{ error: e instanceof Error ? e.message : String(e) }];
  }
  queries.push(keyQ.replace(/\s+/g, ' ').trim());
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        scenarioId: input.scenarioId,
        at: new Date().toISOString(),
        countsPerOrg: counts,
        offendingRows: input.offendingRows,
        keyEntityRows: keyRows,
        keyEntityIds: input.keyEntityIds,
        queries,
      },
      null,
      2,
    ),
  );
}
