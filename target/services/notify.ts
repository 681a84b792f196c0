// In-app notifications (contract §6.8). A notification is stamped with the recipient's organization;
// when the recipient is not in the org the event belongs to, it is silently skipped.
import { q, q1, type Db } from '../db.js';
import { now } from '../clock.js';

export type NotificationType =
  | 'bid_open' | 'emergency_route_available' | 'bid_won' | 'bid_lost' | 'assignment_confirmed'
  | 'shift_cancelled' | 'route_cancelled' | 'route_unfilled' | 'driver_no_show' | 'return_exception'
  | 'shift_auto_dropped' | 'confirmation_reminder' | 'shift_reminder' | 'stale_shift_reminder'
  | 'warning' | 'corrective_warning' | 'streak_advanced' | 'bonus_eligible' | 'streak_reset'
  | 'schedule_locked' | 'manual';

export interface NewNotification {
  userId: string;
  orgId: string;
  type: NotificationType;
  title: string;
  body: string;
  data?: Record<string, string> | null;
}

export async function insertNotification(db: Db, n: NewNotification, stampOrgId: string): Promise<string> {
  const row = await q1<{ id: string }>(
    `INSERT INTO notifications (user_id, organization_id, type, title, body, data, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    // created_at on the server's clock, as every domain timestamp (WITNESS_NOW runs it elsewhere)
    [n.userId, stampOrgId, n.type, n.title, n.body, n.data ? JSON.stringify(n.data) : null, now()],
    db,
  );
  return row!.id;
}

/** Insert when the recipient belongs to n.orgId; returns whether a row was written. */
export async function notify(db: Db, n: NewNotification): Promise<boolean> {
  const u = await q1<{ organization_id: string }>(`SELECT organization_id FROM "user" WHERE id = $1`, [n.userId], db);
  if (!u || u.organization_id !== n.orgId) return false;
  await insertNotification(db, n, n.orgId);
  return true;
}

/** Manager alert to routes.manager_id (only when that manager is in the same org). */
export async function notifyRouteManager(
  db: Db,
  routeId: string,
  orgId: string,
  type: NotificationType,
  title: string,
  body: string,
  data: Record<string, string>,
): Promise<boolean> {
  const r = await q1<{ manager_id: string | null }>(`SELECT manager_id FROM routes WHERE id = $1`, [routeId], db);
  if (!r?.manager_id) return false;
  return notify(db, { userId: r.manager_id, orgId, type, title, body, data });
}

/** Every organization but this one, by id (for the faults that reach across organizations). */
export async function otherOrgs(db: Db, orgId: string): Promise<string[]> {
  return (await q<{ id: string }>(`SELECT id FROM organizations WHERE id <> $1 ORDER BY id`, [orgId], db)).map((r) => r.id);
}

/** The first other organization (the faults that stamp or read the wrong one). */
export async function otherOrgThan(db: Db, orgId: string): Promise<string> {
  return (await otherOrgs(db, orgId))[0] ?? orgId;
}
