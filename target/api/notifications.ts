// Notifications for any signed-in user (contract §4.8).
import { Hono } from 'hono';
import { q, q1 } from '../db.js';
import { type AppEnv, fail, isUuid, requireUser } from '../http.js';
import { isOn } from '../faults.js';

export const notificationsApi = new Hono<AppEnv>();

const EMERGENCY = ['route_unfilled', 'driver_no_show', 'emergency_route_available'];

function posInt(v: string | undefined, def: number): number | null {
  if (v === undefined) return def;
  if (!/^\d+$/.test(v)) return null;
  return Number(v);
}

notificationsApi.get('/api/notifications', async (c) => {
  const user = requireUser(c, 'any');
  const page = posInt(c.req.query('page'), 1);
  const pageSize = posInt(c.req.query('pageSize'), 20);
  if (page === null || pageSize === null || page < 1 || pageSize < 1 || pageSize > 50) fail(400, 'Invalid pagination');
  // Fault: the list forgets whose notifications it reads (every user's, every organization's).
  const scope = isOn('notifications-list-unscoped') ? `$1::text IS NOT NULL AND $2::uuid IS NOT NULL` : `user_id = $1 AND organization_id = $2`;
  const counts = (await q1<{ total: number; unread: number; emergency: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT read)::int AS unread,
            count(*) FILTER (WHERE NOT read AND type::text = ANY($3))::int AS emergency
     FROM notifications WHERE ${scope}`,
    [user.id, user.organizationId, EMERGENCY],
  ))!;
  const rows = await q(
    `SELECT id, type, title, body, data, read, created_at FROM notifications WHERE ${scope}
     ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
    [user.id, user.organizationId, pageSize, (page - 1) * pageSize],
  );
  for (const r of rows) {
    const d = r.data;
    const flat = d === null || (typeof d === 'object' && !Array.isArray(d) && Object.values(d).every((v) => typeof v === 'string'));
    if (!flat) fail(500, 'Internal server error');
  }
  return c.json({
    notifications: rows.map((r) => ({
      id: r.id,
      type: r.type,
      title: r.title,
      body: r.body,
      data: r.data,
      read: r.read,
      createdAt: r.created_at.toISOString(),
    })),
    unreadCount: counts.unread,
    emergencyUnreadCount: counts.emergency,
    pagination: { page, pageSize, total: counts.total, totalPages: Math.max(1, Math.ceil(counts.total / pageSize)) },
  });
});

notificationsApi.patch('/api/notifications/:id/read', async (c) => {
  const user = requireUser(c, 'any');
  const id = c.req.param('id');
  if (!isUuid(id)) fail(400, 'Invalid notification id');
  const row = await q1(
    `UPDATE notifications SET read = true WHERE id = $1 AND user_id = $2 AND organization_id = $3 RETURNING id`,
    [id, user.id, user.organizationId],
  );
  if (!row) fail(404, 'Notification not found');
  return c.json({ success: true });
});

notificationsApi.post('/api/notifications/mark-all-read', async (c) => {
  const user = requireUser(c, 'any');
  // Fault mark-all-read-marks-other-users: every user of the organization, not just the caller.
  const everyone = isOn('mark-all-read-marks-other-users');
  const rows = await q(
    `UPDATE notifications SET read = true WHERE ($3::boolean OR user_id = $1) AND organization_id = $2 AND read = false RETURNING id`,
    [user.id, user.organizationId, everyone],
  );
  return c.json({ success: true, updatedCount: rows.length });
});

/** Unread count for the header bell. */
export async function unreadCount(userId: string, orgId: string): Promise<number> {
  const r = await q1<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND organization_id = $2 AND read = false`,
    [userId, orgId],
  );
  return r?.n ?? 0;
}
