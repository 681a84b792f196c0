/**
 * The environment contract of Drive Witness (docs/architecture.md#modes, docs/architecture.md#guards).
 * Everything the suite reads from the environment is parsed here, once, with zod.
 */
import { z } from 'zod';
import { Refusal } from './errors.js';

const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const EnvSchema = z.object({
  INTEGRATION_TEST: z.string().optional(),
  WITNESS_BASE_URL: z.string().url({ message: 'WITNESS_BASE_URL must be a URL such as http://127.0.0.1:5173' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgresql://' })
    .optional(),
  ALLOW_NONLOCAL_INTEGRATION_DB: flag,
  /** root folder of run outputs */
  WITNESS_OUT: z.string().default('witness-results'),
  WITNESS_CHROMIUM: z.string().optional(),
  /** comma-separated fault names to switch on in the reference target for this run */
  WITNESS_FAULTS: z.string().optional(),
  /** password of the seeded test users (the contract's E2E baseline uses test1234) */
  WITNESS_PASSWORD: z.string().min(4).default('test1234'),
  /** secrets the reference target needs; random per run in embedded mode */
  BETTER_AUTH_SECRET: z.string().optional(),
  CRON_SECRET: z.string().optional(),
  /** print the target's request log */
  TARGET_LOG: flag,
  /** the target's known-defects file (docs/architecture.md#known-defects); none by default */
  WITNESS_KNOWN_DEFECTS: z.string().optional(),
  /** run the whole pack as if it started at this instant (the reference's test clock; docs/architecture.md#time) */
  WITNESS_NOW: z.string().optional(),
});
export type RawEnv = z.infer<typeof EnvSchema>;

export type Mode = 'embedded' | 'reference-on-database' | 'external';

export const MODE_LABEL: Record<Mode, string> = {
  embedded: 'embedded (PostgreSQL + reference target started by the suite)',
  'reference-on-database': 'reference target on your database',
  external: 'external target',
};

const RUN_HINT = 'INTEGRATION_TEST=1 pnpm exec playwright test --grep UI-   (or: pnpm witness --grep UI-)';

export function parseEnv(env: NodeJS.ProcessEnv = process.env): RawEnv {
  // An empty variable (`DATABASE_URL=` in a CI file) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Refusal('INFRA-004', `bad environment: ${first.path.join('.')}: ${first.message}`);
  }
  return parsed.data;
}

/** The first guard: nothing connects anywhere unless INTEGRATION_TEST=1. */
export function requireIntegrationFlag(env: RawEnv): void {
  if (env.INTEGRATION_TEST !== '1') {
    throw new Refusal(
      'INFRA-004',
      `refused: INTEGRATION_TEST is ${env.INTEGRATION_TEST === undefined ? 'unset' : `"${env.INTEGRATION_TEST}"`}; the suite writes to a database only with INTEGRATION_TEST=1. Run: ${RUN_HINT}`,
    );
  }
}

/** Decide the mode from the two variables alone (docs/architecture.md#modes). */
export function resolveMode(env: RawEnv): Mode {
  const base = Boolean(env.WITNESS_BASE_URL);
  const db = Boolean(env.DATABASE_URL);
  if (!base && !db) return 'embedded';
  if (!base && db) return 'reference-on-database';
  if (base && db) return 'external';
  throw new Refusal(
    'INFRA-004',
    'refused: WITNESS_BASE_URL is set but DATABASE_URL is not; the witness cross-checks every page against the target\'s database, so set DATABASE_URL to that target\'s disposable database.',
  );
}

const PROD_WORD = /prod(uction)?/i;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

export interface DbTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

export function describeDatabaseUrl(url: string): DbTarget {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
  };
}

export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host) || host.startsWith('127.') || host.startsWith('/');
}

/** Guards on the URLs themselves, before any connection (docs/architecture.md#guards). */
export function guardUrls(env: RawEnv): void {
  if (env.DATABASE_URL) {
    const db = describeDatabaseUrl(env.DATABASE_URL);
    if (PROD_WORD.test(db.host) || PROD_WORD.test(db.database)) {
      throw new Refusal(
        'INFRA-004',
        `refused: DATABASE_URL points at host "${db.host}", database "${db.database}", which looks like production; use a disposable database.`,
      );
    }
    if (!isLocalHost(db.host) && !env.ALLOW_NONLOCAL_INTEGRATION_DB) {
      throw new Refusal(
        'INFRA-004',
        `refused: DATABASE_URL host "${db.host}" is not local; set ALLOW_NONLOCAL_INTEGRATION_DB=1 if it really is a disposable database.`,
      );
    }
  }
  if (env.WITNESS_BASE_URL) {
    const host = new URL(env.WITNESS_BASE_URL).hostname;
    if (PROD_WORD.test(host)) {
      throw new Refusal(
        'INFRA-004',
        `refused: WITNESS_BASE_URL host "${host}" looks like production; point the suite at a disposable deployment.`,
      );
    }
  }
}

/** Redact the password of a database URL for printing. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
