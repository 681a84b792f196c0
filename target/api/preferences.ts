// Driver APIs: preferences and the preferred-route search (contract §4.1).
import { Hono } from 'hono';
import { z } from 'zod';
import { q, q1 } from '../db.js';
import { type AppEnv, fail, iso, readJson, requireUser } from '../http.js';

export const preferencesApi = new Hono<AppEnv>();

// ── Preferences ──────────────────────────────────────────────────────────────────────────────
async function preferencesPayload(userId: string) {
  const p = await q1<{ id: string; user_id: string; preferred_days: number[]; preferred_routes: string[]; updated_at: Date; locked_at: Date | null }>(
    `SELECT * FROM driver_preferences WHERE user_id = $1`,
    [userId],
  );
  if (!p) return null;
  const details = await q<{ id: string; name: string; warehouse_name: string }>(
    `SELECT r.id, r.name, w.name AS warehouse_name FROM routes r JOIN warehouses w ON w.id = r.warehouse_id WHERE r.id = ANY($1::uuid[])`,
    [p.preferred_routes],
  );
  const byId = new Map(details.map((d) => [d.id, d]));
  return {
    id: p.id,
    userId: p.user_id,
    preferredDays: p.preferred_days,
    preferredRoutes: p.preferred_routes,
    updatedAt: iso(p.updated_at),
    lockedAt: iso(p.locked_at),
    preferredRoutesDetails: p.preferred_routes
      .map((id) => byId.get(id))
      .filter((d): d is NonNullable<typeof d> => !!d)
      .map((d) => ({ id: d.id, name: d.name, warehouseName: d.warehouse_name })),
  };
}

preferencesApi.get('/api/preferences', async (c) => {
  const user = requireUser(c, 'driver');
  const preferences = await preferencesPayload(user.id);
  const dayRows = await q<{ day: number; n: number }>(
    `SELECT d AS day, count(*)::int AS n FROM driver_preferences p JOIN "user" u ON u.id = p.user_id,
            unnest(p.preferred_days) AS d
     WHERE u.organization_id = $1 AND u.role = 'driver' GROUP BY d`,
    [user.organizationId],
  );
  const dayCounts: Record<string, number> = {};
  for (let d = 0; d < 7; d++) dayCounts[String(d)] = 0;
  for (const r of dayRows) if (r.day >= 0 && r.day <= 6) dayCounts[String(r.day)] = r.n;
  const me = await q1<{ weekly_cap: number }>(`SELECT weekly_cap FROM "user" WHERE id = $1`, [user.id]);
  return c.json({ preferences, isLocked: false, lockDeadline: null, lockedUntil: null, dayCounts, weeklyCap: me?.weekly_cap ?? 4 });
});

const prefsBody = z.object({
  preferredDays: z.array(z.number().int().min(0).max(6)).max(7),
  preferredRoutes: z.array(z.uuid()).max(3),
});

preferencesApi.put('/api/preferences', async (c) => {
  const user = requireUser(c, 'driver');
  const parsed = prefsBody.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const days = [...new Set(parsed.data.preferredDays)];
  const routes = [...new Set(parsed.data.preferredRoutes)];
  if (routes.length) {
    const ok = await q1<{ n: number }>(
      `SELECT count(*)::int AS n FROM routes r JOIN warehouses w ON w.id = r.warehouse_id
       WHERE r.id = ANY($1::uuid[]) AND w.organization_id = $2`,
      [routes, user.organizationId],
    );
    if ((ok?.n ?? 0) !== routes.length) fail(400, 'One or more route IDs are invalid');
  }
  await q(
    `INSERT INTO driver_preferences (user_id, preferred_days, preferred_routes, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (user_id) DO UPDATE SET preferred_days = EXCLUDED.preferred_days,
       preferred_routes = EXCLUDED.preferred_routes, updated_at = now()`,
    [user.id, days, routes],
  );
  return c.json({ preferences: await preferencesPayload(user.id), isLocked: false, lockDeadline: null, lockedUntil: null });
});

preferencesApi.get('/api/preferences/routes', async (c) => {
  const user = requireUser(c, 'driver');
  const term = (c.req.query('q') ?? '').trim();
  const rows = await q<{ id: string; name: string; warehouse_name: string }>(
    `SELECT r.id, r.name, w.name AS warehouse_name FROM routes r JOIN warehouses w ON w.id = r.warehouse_id
     WHERE w.organization_id = $1 AND ($2 = '' OR r.name ILIKE '%' || $2 || '%' OR w.name ILIKE '%' || $2 || '%')
     ORDER BY r.name LIMIT 50`,
    [user.organizationId, term],
  );
  return c.json({ routes: rows.map((r) => ({ id: r.id, name: r.name, warehouseName: r.warehouse_name })) });
});
