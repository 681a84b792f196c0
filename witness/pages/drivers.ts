/**
 * /drivers (contract §5.9, §4.7): every driver of the manager's organization, by name and email,
 * with the weekly cap the database holds.
 */
import type { WitnessContext } from '../context.js';
import type { ListSpec } from '../checks/list.js';

const DRIVERS_SQL = `select d.id, d.name, d.email, d.weekly_cap, d.organization_id from "user" d join "user" m on m.id = $1
  where d.role = 'driver' and d.organization_id = m.organization_id order by d.name, d.id`;
const ORG_OF_SQL = `select email, organization_id from "user" where email = any($1)`;

const key = (name: string, email: string, cap: string | number) => `${name} | ${email} | cap ${cap}`;

export function driversSpec(ctx: WitnessContext): ListSpec {
  const { pool } = ctx;
  return {
    checkId: 'drivers',
    path: '/drivers',
    open: (a) => a.drivers.open(),
    waitLoaded: (a) => a.drivers.waitLoaded(),
    root: (a) => a.drivers.table,
    async readPage(a) {
      const rows = await a.drivers.read();
      const owners = (await pool.query<{ email: string; organization_id: string }>(ORG_OF_SQL, [rows.map((r) => r.email)])).rows;
      return rows.map((r) => ({ key: key(r.name, r.email, r.weeklyCap), text: `${r.name} ${r.email} ${r.weeklyCap}`, organizationId: owners.find((o) => o.email === r.email)?.organization_id ?? null }));
    },
    async expected(a) {
      const result = await pool.query<{ name: string; email: string; weekly_cap: number }>(DRIVERS_SQL, [a.user.id]);
      return { result: { query: DRIVERS_SQL, params: [a.user.id], rows: result.rows }, keys: result.rows.map((r) => key(r.name, r.email, r.weekly_cap)) };
    },
    // A driver's "shift" here is the driver who holds it (userId): her row, whatever its cap.
    matches: () => false,
    describe: (s) => `the driver of ${s.assignmentId}`,
    rowLocator: (a, k) => a.drivers.row(k.split(' | ')[0]!),
  };
}
