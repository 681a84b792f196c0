/**
 * /warehouses (contract §5.10, §1.5): the warehouses the manager is linked to in her organization,
 * by name and address, against the database.
 */
import type { WitnessContext } from '../context.js';
import type { ListSpec } from '../checks/list.js';

const LINKED_SQL = `select w.id, w.name, w.address, w.organization_id from warehouses w
  join warehouse_managers wm on wm.warehouse_id = w.id join "user" u on u.id = wm.user_id
  where wm.user_id = $1 and w.organization_id = u.organization_id order by w.name, w.id`;
const ORG_OF_SQL = `select name, address, organization_id from warehouses where name = any($1)`;

const key = (name: string, address: string) => `${name} | ${address}`;

export function warehousesSpec(ctx: WitnessContext): ListSpec {
  const { pool } = ctx;
  return {
    checkId: 'warehouses',
    path: '/warehouses',
    open: (a) => a.warehouses.open(),
    waitLoaded: (a) => a.warehouses.waitLoaded(),
    root: (a) => a.warehouses.table,
    async readPage(a) {
      const rows = await a.warehouses.read();
      const owners = (await pool.query<{ name: string; address: string; organization_id: string }>(ORG_OF_SQL, [rows.map((r) => r.name)])).rows;
      return rows.map((r) => ({
        key: key(r.name, r.address),
        text: `${r.name} ${r.address}`,
        organizationId: owners.find((o) => o.name === r.name && o.address === r.address)?.organization_id ?? null,
      }));
    },
    async expected(a) {
      const result = await pool.query<{ name: string; address: string }>(LINKED_SQL, [a.user.id]);
      return { result: { query: LINKED_SQL, params: [a.user.id], rows: result.rows }, keys: result.rows.map((r) => key(r.name, r.address)) };
    },
    // A warehouse "shift" is the warehouse of the shift (its name).
    matches: (k, s) => k.startsWith(`${s.warehouseName} |`),
    describe: (s) => `warehouse ${s.warehouseName}`,
    rowLocator: (a, k) => a.warehouses.row(k.split(' | ')[0]!),
  };
}
