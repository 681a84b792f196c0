// Manager APIs (contract §4.7): the organization's signup approvals (the whitelist).
import { Hono } from 'hono';
import { z } from 'zod';
import { q, q1 } from '../db.js';
import { type AppEnv, fail, iso, isUuid, readJson, requireUser } from '../http.js';
import { isOn } from '../faults.js';

export const onboardingApi = new Hono<AppEnv>();

const ENTRY_SQL = `
  SELECT o.*, cb.name AS created_by_name, rb.name AS revoked_by_name
    FROM signup_onboarding o
    LEFT JOIN "user" cb ON cb.id = o.created_by
    LEFT JOIN "user" rb ON rb.id = o.revoked_by_user_id`;

function entry(r: Record<string, unknown>) {
  const expired = r.status === 'pending' && r.expires_at !== null && new Date(r.expires_at as string).getTime() < Date.now();
  return {
    id: r.id,
    organizationId: r.organization_id,
    email: r.email,
    kind: r.kind,
    status: r.status,
    resolvedStatus: expired ? 'expired' : r.status,
    createdBy: r.created_by,
    createdByName: r.created_by_name ?? null,
    createdAt: iso(r.created_at as Date),
    expiresAt: iso(r.expires_at as Date | null),
    consumedAt: iso(r.consumed_at as Date | null),
    consumedByUserId: r.consumed_by_user_id,
    revokedAt: iso(r.revoked_at as Date | null),
    revokedByUserId: r.revoked_by_user_id,
    revokedByName: r.revoked_by_name ?? null,
    updatedAt: iso(r.updated_at as Date),
  };
}

async function entryOf(id: string, orgId: string) {
  return q1(`${ENTRY_SQL} WHERE o.id = $1 AND o.organization_id = $2`, [id, orgId]);
}

onboardingApi.get('/api/onboarding', async (c) => {
  const user = requireUser(c, 'manager');
  // Fault onboarding-list-unscoped: every organization's approvals are listed.
  const rows = await q(`${ENTRY_SQL} WHERE o.organization_id = $1 OR $2::boolean ORDER BY o.created_at DESC, o.id LIMIT 200`, [user.organizationId, isOn('onboarding-list-unscoped')]);
  return c.json({ entries: rows.map(entry) });
});

onboardingApi.post('/api/onboarding', async (c) => {
  const user = requireUser(c, 'manager');
  const parsed = z.object({ kind: z.literal('approval'), email: z.string().trim().toLowerCase().pipe(z.email()) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const open = await q1(`${ENTRY_SQL} WHERE o.organization_id = $1 AND o.email = $2 AND o.kind = 'approval' AND o.status IN ('pending', 'reserved')`, [user.organizationId, parsed.data.email]);
  if (open) return c.json({ message: 'entry_already_pending', entry: entry(open) }, 409);
  const made = await q1(`INSERT INTO signup_onboarding (organization_id, email, kind, created_by) VALUES ($1, $2, 'approval', $3) RETURNING id`, [user.organizationId, parsed.data.email, user.id]);
  return c.json({ entry: entry((await entryOf(String(made!.id), user.organizationId))!) }, 201);
});

onboardingApi.patch('/api/onboarding/:id/revoke', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  if (!isUuid(id)) fail(400, 'Invalid onboarding entry ID');
  const row = await q1(
    `UPDATE signup_onboarding SET status = 'revoked', revoked_at = now(), revoked_by_user_id = $3, updated_at = now()
     WHERE id = $1 AND organization_id = $2 AND status = 'pending' RETURNING id`,
    [id, user.organizationId, user.id],
  );
  if (!row) fail(404, 'Onboarding entry not found');
  return c.json({ entry: entry((await entryOf(id, user.organizationId))!) });
});

onboardingApi.patch('/api/onboarding/:id/restore', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  if (!isUuid(id)) fail(400, 'Invalid onboarding entry ID');
  const found = await entryOf(id, user.organizationId);
  if (!found) fail(404, 'Onboarding entry not found');
  if (found.status !== 'revoked') fail(400, 'Entry is not revoked');
  const active = await q1(
    `SELECT 1 FROM signup_onboarding WHERE organization_id = $1 AND email = $2 AND kind = $3 AND status IN ('pending', 'reserved') AND id <> $4`,
    [user.organizationId, found.email, found.kind, id],
  );
  if (active) fail(409, 'Another active entry exists for this email');
  await q(`UPDATE signup_onboarding SET status = 'pending', revoked_at = NULL, revoked_by_user_id = NULL, updated_at = now() WHERE id = $1`, [id]);
  return c.json({ entry: entry((await entryOf(id, user.organizationId))!) });
});
