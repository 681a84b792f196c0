// Better Auth on the contract's snake_case tables (user, session, account, verification).
import { betterAuth } from 'better-auth';
import type pg from 'pg';

export function createAuth(opts: { pool: pg.Pool; baseURL: string; secret: string }) {
  return betterAuth({
    appName: 'Drive',
    baseURL: opts.baseURL,
    basePath: '/api/auth',
    secret: opts.secret,
    trustedOrigins: [opts.baseURL],
    database: opts.pool,
    telemetry: { enabled: false },
    logger: {
      level: 'error',
      log: (level, message) => {
        process.stderr.write(`[auth] ${level}: ${message}\n`);
      },
    },
    // Drive limits sign-in failures per email itself (see app.ts); no IP limiter.
    rateLimit: { enabled: false },
    emailAndPassword: { enabled: true, autoSignIn: true },
    session: {
      modelName: 'session',
      fields: {
        userId: 'user_id',
        expiresAt: 'expires_at',
        ipAddress: 'ip_address',
        userAgent: 'user_agent',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
      cookieCache: { enabled: false },
    },
    account: {
      modelName: 'account',
      fields: {
        userId: 'user_id',
        accountId: 'account_id',
        providerId: 'provider_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
    },
    verification: {
      modelName: 'verification',
      fields: {
        expiresAt: 'expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
    },
    user: {
      modelName: 'user',
      fields: {
        emailVerified: 'email_verified',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'driver', input: false, fieldName: 'role' },
        organizationId: { type: 'string', required: false, input: false, fieldName: 'organization_id' },
        phone: { type: 'string', required: false, input: true, fieldName: 'phone' },
        weeklyCap: { type: 'number', required: false, defaultValue: 4, input: false, fieldName: 'weekly_cap' },
        isFlagged: { type: 'boolean', required: false, defaultValue: false, input: false, fieldName: 'is_flagged' },
        flagWarningDate: { type: 'date', required: false, input: false, fieldName: 'flag_warning_date' },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * Drive (Better Auth 1.4) stores credential accounts with account_id = the email (contract §3.3, §7.1),
 * and the suite seeds them that way. Better Auth 1.7's email sign-in only accepts a credential account
 * whose accountId equals the user id. After the auth context is built, this presents a user's
 * credential account with accountId = user id when Better Auth looks the user up by email, so seeded
 * accounts sign in unchanged (nothing is written to the account table).
 */
export async function acceptLegacyCredentialAccounts(auth: Auth): Promise<void> {
  const ctx = await auth.$context;
  const adapter = ctx.internalAdapter;
  const findUserByEmail = adapter.findUserByEmail.bind(adapter);
  adapter.findUserByEmail = (async (email: string, options?: { includeAccounts: boolean }) => {
    const found = await findUserByEmail(email, options);
    if (found && 'accounts' in found && Array.isArray(found.accounts)) {
      found.accounts = found.accounts.map((a) => (a.providerId === 'credential' ? { ...a, accountId: found.user.id } : a));
    }
    return found;
  }) as typeof adapter.findUserByEmail;
}
