// Manager APIs: organization dispatch settings.
import { Hono } from 'hono';
import { z } from 'zod';
import { q, q1 } from '../db.js';
import { type AppEnv, fail, iso, readJson, requireUser } from '../http.js';
import { isOn } from '../faults.js';

export const settingsApi = new Hono<AppEnv>();

// ── Dispatch settings ────────────────────────────────────────────────────────────────────────
async function dispatchSettings(orgId: string) {
  await q(`INSERT INTO organization_dispatch_settings (organization_id) VALUES ($1) ON CONFLICT DO NOTHING`, [orgId]);
  const s = (await q1(`SELECT * FROM organization_dispatch_settings WHERE organization_id = $1`, [orgId]))!;
  return {
    emergencyBonusPercent: s.emergency_bonus_percent,
    rewardMinAttendancePercent: s.reward_min_attendance_percent,
    correctiveCompletionThresholdPercent: s.corrective_completion_threshold_percent,
    updatedBy: s.updated_by,
    updatedAt: iso(s.updated_at),
  };
}

async function isOwner(user: { id: string; organizationId: string }): Promise<boolean> {
  const r = await q1(`SELECT 1 FROM organizations WHERE id = $1 AND owner_user_id = $2`, [user.organizationId, user.id]);
  return !!r;
}

settingsApi.get('/api/settings/dispatch', async (c) => {
  const user = requireUser(c, 'manager');
  const owner = await isOwner(user);
  return c.json({ settings: await dispatchSettings(user.organizationId), permissions: { canEditEmergencyBonusPercent: owner, canEditDriverHealthSettings: owner } });
});

settingsApi.patch('/api/settings/dispatch', async (c) => {
  const user = requireUser(c, 'manager');
  // Fault dispatch-settings-no-owner-check: any manager of the organization may change them.
  if (!isOn('dispatch-settings-no-owner-check') && !(await isOwner(user))) fail(403, 'Forbidden');
  const pct = z.number().int().min(0).max(100).optional();
  const parsed = z
    .strictObject({ emergencyBonusPercent: pct, rewardMinAttendancePercent: pct, correctiveCompletionThresholdPercent: pct })
    .refine((b) => Object.values(b).some((v) => v !== undefined))
    .safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  await dispatchSettings(user.organizationId);
  const b = parsed.data;
  await q(
    `UPDATE organization_dispatch_settings SET
       emergency_bonus_percent = coalesce($2, emergency_bonus_percent),
       reward_min_attendance_percent = coalesce($3, reward_min_attendance_percent),
       corrective_completion_threshold_percent = coalesce($4, corrective_completion_threshold_percent),
       updated_by = $5, updated_at = now()
     WHERE organization_id = $1 OR $6::boolean`,
    // Fault dispatch-settings-every-org: the owner's change is written to every organization's row.
    [user.organizationId, b.emergencyBonusPercent ?? null, b.rewardMinAttendancePercent ?? null, b.correctiveCompletionThresholdPercent ?? null, user.id, isOn('dispatch-settings-every-org')],
  );
  return c.json({ settings: await dispatchSettings(user.organizationId) });
});
