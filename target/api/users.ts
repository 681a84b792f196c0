// Any signed-in user (contract §4.8): the caller's own profile, password, locale and push token.
import { Hono } from 'hono';
import { z } from 'zod';
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { q, q1 } from '../db.js';
import { type AppEnv, fail, readJson, readJsonOptional, requireUser } from '../http.js';

export const usersApi = new Hono<AppEnv>();

const LOCALES = ['en', 'zh', 'zh-Hant', 'ko'] as const;

usersApi.patch('/api/users/me', async (c) => {
  const user = requireUser(c, 'any');
  const parsed = z
    .object({ name: z.string().trim().min(1), email: z.email(), phone: z.string().max(32).nullable().optional() })
    .safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const email = parsed.data.email.toLowerCase();
  const taken = await q1(`SELECT 1 FROM "user" WHERE email = $1 AND id <> $2`, [email, user.id]);
  if (taken) return c.json({ message: 'email_taken' }, 409);
  const row = await q1(
    `UPDATE "user" SET name = $2, email = $3, phone = CASE WHEN $5::boolean THEN $4 ELSE phone END, updated_at = now()
     WHERE id = $1 RETURNING id, name, email, phone, role`,
    [user.id, parsed.data.name, email, parsed.data.phone ?? null, parsed.data.phone !== undefined],
  );
  if (!row) fail(404, 'User not found');
  // The credential account is keyed by the e-mail: it follows.
  await q(`UPDATE account SET account_id = $2, updated_at = now() WHERE user_id = $1 AND provider_id = 'credential'`, [user.id, email]);
  return c.json({ user: row });
});

usersApi.post('/api/users/password', async (c) => {
  const user = requireUser(c, 'any');
  const parsed = z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(8) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const account = await q1(`SELECT id, password FROM account WHERE user_id = $1 AND provider_id = 'credential'`, [user.id]);
  if (!account || !account.password) return c.json({ message: 'no_credential_account' }, 400);
  if (!(await verifyPassword({ hash: String(account.password), password: parsed.data.currentPassword }))) return c.json({ message: 'invalid_password' }, 400);
  await q(`UPDATE account SET password = $2, updated_at = now() WHERE id = $1`, [account.id, await hashPassword(parsed.data.newPassword)]);
  return c.json({ success: true });
});

usersApi.patch('/api/users/locale', async (c) => {
  const user = requireUser(c, 'any');
  const body = (await readJson(c)) as { locale?: unknown } | null;
  if (!body || typeof body !== 'object' || !('locale' in body)) fail(400, 'Missing locale field');
  if (!LOCALES.includes(body.locale as (typeof LOCALES)[number])) fail(400, 'Invalid locale');
  await q(`UPDATE "user" SET preferred_locale = $2, updated_at = now() WHERE id = $1`, [user.id, body.locale]);
  return c.json({ success: true });
});

usersApi.post('/api/users/fcm-token', async (c) => {
  const user = requireUser(c, 'any');
  const parsed = z.object({ token: z.string().min(1).max(500) }).safeParse(await readJsonOptional(c));
  if (!parsed.success) fail(400, 'Invalid token format');
  // One device token belongs to one user: it is taken from anyone else first.
  await q(`UPDATE "user" SET fcm_token = NULL WHERE fcm_token = $1 AND id <> $2`, [parsed.data.token, user.id]);
  await q(`UPDATE "user" SET fcm_token = $2, updated_at = now() WHERE id = $1`, [user.id, parsed.data.token]);
  return c.json({ success: true });
});

usersApi.delete('/api/users/fcm-token', async (c) => {
  const user = requireUser(c, 'any');
  await q(`UPDATE "user" SET fcm_token = NULL, updated_at = now() WHERE id = $1`, [user.id]);
  return c.json({ success: true });
});
