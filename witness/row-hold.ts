/**
 * A race put in order by the database (docs/architecture.md#witness-checks): the witness locks a row
 * in a transaction of its own, sends the racing requests one by one, lets each one queue behind its
 * lock (or answer, if it never needs that row), and lets go. PostgreSQL then grants the row in the
 * order the requests queued, so an app whose two paths take rows in opposite orders deadlocks every
 * run, not once in a few. The app's code runs unchanged; only the order of arrival is decided.
 */
import { expect, type Page } from '@playwright/test';
import type pg from 'pg';
import { waitFor } from './activity.js';

/**
 * Backends waiting on the holder, directly or behind another waiter (a chain of row locks). Read from
 * pg_locks, which is live: pg_stat_activity would be a snapshot taken at its first read in the
 * holder's transaction, blind to a connection the app opens after it.
 */
const WAITERS_SQL = `
  with recursive chain(pid) as (
    select l.pid from pg_locks l where not l.granted and $1::int = any(pg_blocking_pids(l.pid))
    union
    select l.pid from pg_locks l, chain c where not l.granted and c.pid = any(pg_blocking_pids(l.pid))
  )
  select count(*)::int as n from chain`;

export interface Queued {
  request: string;
  /** how many backends waited on the hold once this request had queued (or answered) */
  waiting: number;
  answeredWhileHeld: boolean;
}

/** One request of an ordered race: what it is (for messages), the page whose trace it belongs to, how to send it. */
export interface RaceStep<T> {
  what: string;
  page: Page;
  send: () => Promise<T>;
}

/**
 * Hold `table` row `id`, send `steps` one by one, each queued behind the hold (or answered) before the
 * next, then let go. Their answers, in step order, and the order they queued in (for the evidence).
 */
export async function inOrder<T>(pool: pg.Pool, table: 'bid_windows' | 'assignments', id: string, steps: RaceStep<T>[]): Promise<{ answers: T[]; order: Queued[] }> {
  const hold = await RowHold.take(pool, table, id);
  const sent: { answer: Promise<T> }[] = [];
  let order: Queued[];
  try {
    for (const [i, step] of steps.entries()) sent.push(await hold.send(step.what, i + 1, step.page, step.send));
  } finally {
    order = await hold.release();
  }
  return { answers: await Promise.all(sent.map((s) => s.answer)), order };
}

export class RowHold {
  private readonly queued: Queued[] = [];

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly pid: number,
    readonly table: string,
    readonly id: string,
  ) {}

  /** Lock `table` row `id` (FOR UPDATE) in a transaction of the witness's own. */
  static async take(pool: pg.Pool, table: 'bid_windows' | 'assignments', id: string): Promise<RowHold> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ pid: number }>(`select pg_backend_pid() as pid from ${table} where id = $1 for update`, [id]);
      if (!rows[0]) throw new Error(`HARNESS-001 no ${table} row ${id} to hold`);
      return new RowHold(client, rows[0].pid, table, id);
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      client.release();
      throw e;
    }
  }

  /**
   * Send one request of the race and wait until it has queued on the hold (the waiters grow to
   * `queue`) or it has answered without needing the row. Returns the request's answer to come (in a
   * box: an async function returning the promise itself would wait for it).
   */
  async send<T>(what: string, queue: number, page: Page, go: () => Promise<T>): Promise<{ answer: Promise<T> }> {
    let answered = false;
    const sent = go();
    void sent.then(
      () => (answered = true),
      () => (answered = true),
    );
    let waiting = 0;
    await waitFor(`${what} to queue behind the witness's lock on ${this.table} ${this.id} (or to answer)`, () =>
      expect.poll(async () => {
        waiting = (await this.client.query<{ n: number }>(WAITERS_SQL, [this.pid])).rows[0]!.n;
        return waiting >= queue || answered;
      }, { timeout: 15_000, intervals: [25, 50, 100] }).toBe(true), page);
    this.queued.push({ request: what, waiting, answeredWhileHeld: answered });
    return { answer: sent };
  }

  /** Let go: the row goes to the requests in the order they queued. Returns that order, for the evidence. */
  async release(): Promise<Queued[]> {
    try {
      await this.client.query('rollback');
    } finally {
      this.client.release();
    }
    return this.queued;
  }
}
