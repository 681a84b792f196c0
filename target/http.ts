// Shared HTTP plumbing: context types, JSON errors, guards and small validators.
import type { Context } from 'hono';
import { z } from 'zod';

export interface AppUser {
  id: string;
  name: string;
  email: string;
  role: string;
  organizationId: string | null;
  weeklyCap: number;
  isFlagged: boolean;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    user: AppUser | null;
  };
};

export type Ctx = Context<AppEnv>;

/** Thrown by handlers; turned into a JSON response by the app's error handler. */
export class HttpError extends Error {
  constructor(
    public status: number,
    public body: Record<string, unknown>,
  ) {
    super(String(body.message ?? body.code ?? status));
  }
}

export function fail(status: number, message: string): never {
  throw new HttpError(status, { message });
}

export type Role = 'driver' | 'manager' | 'any';

/** The org-bound signed-in user, or a 401/403 per contract §1.3. */
export function requireUser(c: Ctx, role: Role): AppUser & { organizationId: string } {
  const user = c.get('user');
  if (!user) fail(401, 'Unauthorized');
  if (typeof user.organizationId !== 'string' || !user.organizationId) fail(403, 'Forbidden');
  if (role !== 'any' && user.role !== role) fail(403, 'Forbidden');
  return user as AppUser & { organizationId: string };
}

/** Parse a JSON body; 400 `Invalid JSON body` when it is not JSON. */
export async function readJson(c: Ctx): Promise<unknown> {
  try {
    const text = await c.req.text();
    return JSON.parse(text);
  } catch {
    fail(400, 'Invalid JSON body');
  }
}

/** Parse a JSON body that may be absent (empty body = {}). */
export async function readJsonOptional(c: Ctx): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    fail(400, 'Invalid JSON body');
  }
}

const uuidSchema = z.uuid();
export function isUuid(v: unknown): v is string {
  return uuidSchema.safeParse(v).success;
}

export function iso(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}
