// Manager access checks shared by the manager route modules (contract §1.6).
import { isOn } from '../faults.js';
import { q1, type Db } from '../db.js';
import { HttpError, isUuid } from '../http.js';

/** Warehouse linked to the manager and in the manager's org. */
export async function canManageWarehouse(db: Db, userId: string, orgId: string, warehouseId: string): Promise<boolean> {
  const r = await q1(
    `SELECT 1 FROM warehouses w JOIN warehouse_managers wm ON wm.warehouse_id = w.id AND wm.user_id = $1
     WHERE w.id = $3 AND w.organization_id = $2`,
    [userId, orgId, warehouseId],
    db,
  );
  return !!r;
}

/**
 * The 403 for a warehouse or route the manager may not touch (`throw await denied(...)`). The one
 * place where the denial-leaks-entity fault names the entity.
 */
export async function denied(message: string, table: 'warehouses' | 'routes', id: string): Promise<HttpError> {
  if (isOn('denial-leaks-entity') && isUuid(id)) {
    const row = await q1<{ name: string }>(`SELECT name FROM ${table} WHERE id = $1`, [id]);
    if (row) return new HttpError(403, { message: `${message} (${row.name})` });
  }
  return new HttpError(403, { message });
}
