// One pg Pool for the whole process (app queries and Better Auth share it).
import pg from 'pg';

// `date` columns stay plain YYYY-MM-DD strings (no timezone shifts).
pg.types.setTypeParser(1082, (v: string) => v);

export type Db = pg.Pool | pg.PoolClient;
export type Client = pg.PoolClient;

let pool: pg.Pool | null = null;

export function createPool(connectionString: string): pg.Pool {
  pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client error must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export function getPool(): pg.Pool {
  if (!pool) throw new Error('database pool not initialised');
  return pool;
}

export async function q<T extends pg.QueryResultRow = any>(sql: string, params: unknown[] = [], db: Db = getPool()): Promise<T[]> {
  const res = await db.query<T>(sql, params);
  return res.rows;
}

export async function q1<T extends pg.QueryResultRow = any>(sql: string, params: unknown[] = [], db: Db = getPool()): Promise<T | undefined> {
  const rows = await q<T>(sql, params, db);
  return rows[0];
}

/** Run fn inside a transaction; rolls back on any throw. */
export async function tx<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = await getPool().connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}
