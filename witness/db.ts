/** Every database read and write of the suite goes through `pg` (docs/architecture.md#dependencies). */
import pg from 'pg';
import { Refusal } from './errors.js';
import { describeDatabaseUrl } from './env.js';
import { foreignTables } from './contract/tables.js';

// DATE columns come back as plain 'YYYY-MM-DD' strings, as the contract serializes them.
pg.types.setTypeParser(1082, (v: string) => v);

export type Pool = pg.Pool;

export function makePool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 5_000 });
  pool.on('error', () => {
    /* a dropped idle client; the next query reports it */
  });
  return pool;
}

/** Reachability: one clear line when the database cannot be reached. */
export async function assertReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('select 1');
  } catch (e) {
    const d = describeDatabaseUrl(url);
    throw new Refusal(
      'INFRA-002',
      `cannot reach the database at ${d.host}:${d.port}/${d.database} (${e instanceof Error ? e.message : String(e)}); is it running, and is DATABASE_URL right?`,
    );
  }
}

export async function listPublicTables(pool: pg.Pool): Promise<string[]> {
  const r = await pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return r.rows.map((x) => x.table_name);
}

/**
 * The suite only seeds, resets or migrates a database that is empty or holds the contract's
 * tables (docs/architecture.md#guards). Called after connecting, before anything is written.
 */
export async function refuseForeignTables(pool: pg.Pool, url: string): Promise<string[]> {
  const tables = await listPublicTables(pool);
  const foreign = foreignTables(tables);
  if (foreign.length > 0) {
    const d = describeDatabaseUrl(url);
    throw new Refusal(
      'SCHEMA-002',
      `refused: database ${d.database} on ${d.host} holds table${foreign.length > 1 ? 's' : ''} outside the Drive contract (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); the suite only writes to an empty database or one holding the contract's tables. Use a disposable database.`,
    );
  }
  return tables;
}

export interface Reachability {
  target: { ok: boolean; detail: string };
  database: { ok: boolean; detail: string };
}

/**
 * Does the target answer HTTP and the database a query, right now? Asked when a test times out,
 * so the class of the timeout comes from a signal, not from a guess (docs/architecture.md#classes).
 */
export async function probeReachability(baseUrl: string, databaseUrl: string, headers: Record<string, string>, timeoutMs = 5_000): Promise<Reachability> {
  const timed = async (fn: () => Promise<string>): Promise<{ ok: boolean; detail: string }> => {
    const t0 = Date.now();
    try {
      const what = await fn();
      return { ok: true, detail: `${what} in ${Date.now() - t0} ms` };
    } catch (e) {
      return { ok: false, detail: e instanceof Error ? e.message : String(e) };
    }
  };
  const [target, database] = await Promise.all([
    timed(async () => {
      const r = await fetch(new URL('/sign-in', baseUrl), { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers });
      if (r.status >= 500) throw new Error(`HTTP ${r.status} from ${baseUrl}/sign-in`);
      return `HTTP ${r.status}`;
    }),
    timed(async () => {
      const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
      try {
        await client.connect();
        await client.query('select 1');
        return 'select 1';
      } finally {
        await client.end().catch((e: Error) => e);
      }
    }),
  ]);
  return { target, database };
}
