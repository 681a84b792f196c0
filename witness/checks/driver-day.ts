/**
 * Checks of a driver's day on the database (docs/architecture.md#witness-checks): a confirm and the
 * shift steps recorded as their rules give (STATE-005), a cancel releasing the shift by the
 * late-cancel rule with its replacement window (STATE-006), and marking notifications read touching
 * only the reader's own (NOTIF-003). Each re-reads until it holds and records the rows it judged.
 */
import type { Shift } from '../../fixtures/builders.js';
import type { SlotUser } from '../../fixtures/slots.js';
import type { WitnessContext } from '../context.js';
import { dbCheck } from './db.js';
import { torontoInstant } from '../time.js';

const HOUR = 3600_000;
const STEP_SQL = `select a.id, a.status, a.user_id, a.confirmed_at, s.id as shift_id, s.arrived_at, s.parcels_start, s.started_at,
    s.parcels_returned, s.parcels_delivered, s.completed_at, s.editable_until
  from assignments a left join shifts s on s.assignment_id = a.id where a.id = $1`;
const CANCEL_SQL = `select a.id, a.status, a.user_id, a.cancel_type, a.cancelled_at, a.confirmed_at, a.date, r.start_time
  from assignments a join routes r on r.id = a.route_id where a.id = $1`;
const WINDOWS_SQL = `select id, mode, trigger, status, opens_at, closes_at from bid_windows where assignment_id = $1 order by opens_at, id`;
const FLAGS_SQL = `select id, user_id, organization_id, read from notifications where id = any($1) order by id`;

type Row = Record<string, unknown>;
export type Step = 'confirm' | 'arrive' | 'start' | 'complete';
const time = (v: unknown) => (v instanceof Date ? v.getTime() : null);

/** What a step must leave (contract §4.1, §4.2): the assignment's status and its shift row. */
function judgeStep(step: Step, r: Row | undefined, want: { parcelsStart?: number; parcelsReturned?: number }): string[] {
  if (!r) return ['the assignment is gone'];
  const bad: string[] = [];
  const expectStatus = { confirm: 'scheduled', arrive: 'active', start: 'active', complete: 'completed' }[step];
  if (r.status !== expectStatus) bad.push(`status ${String(r.status)}, not ${expectStatus}`);
  if (step === 'confirm') return r.confirmed_at ? bad : [...bad, 'confirmed_at is empty'];
  if (!r.shift_id || !r.arrived_at) bad.push('no shift row with arrived_at');
  if (step !== 'arrive' && r.parcels_start !== want.parcelsStart) bad.push(`parcels_start ${String(r.parcels_start)}, not ${want.parcelsStart}`);
  if (step === 'start' && !r.started_at) bad.push('started_at is empty');
  if (step === 'complete') {
    const start = Number(r.parcels_start);
    const returned = Number(r.parcels_returned);
    if (returned !== want.parcelsReturned) bad.push(`parcels_returned ${String(r.parcels_returned)}, not ${want.parcelsReturned}`);
    if (Number(r.parcels_delivered) !== start - returned) bad.push(`parcels_delivered ${String(r.parcels_delivered)}, not start − returned = ${start - returned}`);
    const done = time(r.completed_at);
    if (done === null) bad.push('completed_at is empty');
    else if (time(r.editable_until) !== done + HOUR) bad.push('editable_until is not completed_at + 1 h');
  }
  return bad;
}

/** The late-cancel rule and the replacement window's mode, for a cancel at `at` (contract §6.7, §6.2). */
export function cancelRule(date: string, routeStart: string, confirmed: boolean, at: Date) {
  const deadline = new Date(torontoInstant(date, /^\d{2}:\d{2}$/.test(routeStart) ? routeStart : '07:00').getTime() - 48 * HOUR);
  const s07 = torontoInstant(date, '07:00');
  const competitive = s07.getTime() - at.getTime() > 24 * HOUR;
  return {
    cancelType: confirmed && at >= deadline ? 'late' : 'driver',
    deadline,
    mode: competitive ? 'competitive' : 'instant',
    closesAt: new Date(competitive ? s07.getTime() - 24 * HOUR : s07.getTime()),
  };
}

export class DriverDayWitness {
  constructor(private readonly ctx: WitnessContext) {}

  /** STATE-005: the step left the assignment and its shift row as its rule gives. */
  async stepRecorded(shift: Shift, step: Step, want: { parcelsStart?: number; parcelsReturned?: number } = {}): Promise<void> {
    const said = step === 'complete' ? ` (${want.parcelsStart} parcels, ${want.parcelsReturned} returned)` : step === 'start' ? ` (${want.parcelsStart} parcels)` : '';
    await dbCheck(this.ctx, `the ${step} of ${shift.routeName} on ${shift.date} is recorded${said}`, { checkId: `step-${step}`, invariantId: 'STATE-005', org: shift.org.label }, async () => {
      const rows = (await this.ctx.pool.query<Row>(STEP_SQL, [shift.assignmentId])).rows;
      const bad = judgeStep(step, rows[0], want);
      return {
        ok: bad.length === 0,
        summary: bad.length ? `after the ${step}, assignment ${shift.assignmentId} (${shift.org.label}): ${bad.join('; ')}` : `the ${step} of assignment ${shift.assignmentId} is recorded`,
        db: { query: STEP_SQL, params: [shift.assignmentId], rows },
        entities: [shift.assignmentId, String(rows[0]?.shift_id ?? '')].filter(Boolean),
      };
    });
  }

  /**
   * STATE-006: the driver no longer holds the cancelled shift (unfilled, no driver), its cancel_type
   * follows the late-cancel rule at the moment the app stamped, and a replacement window is open
   * with the mode and closing time that moment gives.
   */
  async cancelReleased(shift: Shift, opts: { wasConfirmed: boolean }): Promise<void> {
    const title = `${shift.routeName} on ${shift.date} is released by the cancel, by the late-cancel rule, with its replacement window`;
    await dbCheck(this.ctx, title, { checkId: 'cancel-released', invariantId: 'STATE-006', org: shift.org.label }, async () => {
      const a = (await this.ctx.pool.query<Row>(CANCEL_SQL, [shift.assignmentId])).rows[0];
      const windows = (await this.ctx.pool.query<Row>(WINDOWS_SQL, [shift.assignmentId])).rows;
      const at = a?.cancelled_at instanceof Date ? a.cancelled_at : null;
      const rule = at ? cancelRule(shift.date, String(a!.start_time), opts.wasConfirmed, at) : null;
      const bad: string[] = [];
      if (!a) bad.push('the assignment is gone');
      else {
        if (a.status !== 'unfilled' || a.user_id !== null) bad.push(`it is ${String(a.status)} held by ${String(a.user_id ?? 'nobody')}, not unfilled with no driver`);
        if (!rule) bad.push('cancelled_at is empty');
        else if (a.cancel_type !== rule.cancelType) {
          bad.push(`cancel_type ${String(a.cancel_type)}, not ${rule.cancelType} (${opts.wasConfirmed ? 'confirmed' : 'unconfirmed'}, cancelled ${at!.toISOString()}, deadline ${rule.deadline.toISOString()})`);
        }
      }
      const open = windows.filter((w) => w.status === 'open' && w.trigger === 'cancellation');
      if (open.length !== 1) bad.push(`${open.length} open cancellation window(s), not 1`);
      else if (rule && (open[0]!.mode !== rule.mode || time(open[0]!.closes_at) !== rule.closesAt.getTime())) {
        bad.push(`the replacement window is ${String(open[0]!.mode)} closing ${(open[0]!.closes_at as Date).toISOString()}, not ${rule.mode} closing ${rule.closesAt.toISOString()}`);
      }
      return {
        ok: bad.length === 0,
        summary: bad.length ? `after the cancel of ${shift.assignmentId} (${shift.org.label}): ${bad.join('; ')}` : `${shift.assignmentId} is unfilled, cancel_type ${rule?.cancelType}, a ${rule?.mode} replacement window is open`,
        db: { query: `${CANCEL_SQL};\n${WINDOWS_SQL}`, params: [shift.assignmentId], rows: [{ assignment: a ?? null, rule }, ...windows] },
        entities: [shift.assignmentId, ...windows.map((w) => String(w.id))],
      };
    });
  }

  /** The read flags of these notifications, to compare after a mark (NOTIF-003). */
  async readFlags(ids: string[]): Promise<Map<string, boolean>> {
    const rows = (await this.ctx.pool.query<{ id: string; read: boolean }>(FLAGS_SQL, [ids])).rows;
    return new Map(rows.map((r) => [r.id, r.read]));
  }

  /**
   * NOTIF-003: after the reader marked `marked` read, those are read and every other notification
   * of `before` (other users', hers of another organization) kept its flag.
   */
  async markedOnly(reader: SlotUser, marked: string[], before: Map<string, boolean>, what: string): Promise<void> {
    const ids = [...before.keys()];
    const title = `${what}: ${marked.length} of ${reader.key}'s notifications read, the ${ids.length - marked.length} others as they were`;
    await dbCheck(this.ctx, title, { checkId: 'marked-read', invariantId: 'NOTIF-003', org: this.ctx.orgLabel(reader) }, async () => {
      const rows = (await this.ctx.pool.query<Row>(FLAGS_SQL, [ids])).rows;
      const mark = new Set(marked);
      const wrong = rows.filter((r) => (mark.has(String(r.id)) ? r.read !== true : r.read !== before.get(String(r.id))));
      return {
        ok: wrong.length === 0 && rows.length === ids.length,
        summary: wrong.length
          ? `${what}: ${wrong.map((r) => `${String(r.id)} of ${String(r.user_id)} (org ${String(r.organization_id)}) read=${String(r.read)}`).join('; ')}; it should be read only for the ${marked.length} marked`
          : `${what}: the marked are read, the rest unchanged`,
        db: { query: FLAGS_SQL, params: [ids], rows },
        entities: wrong.map((r) => String(r.id)),
      };
    });
  }
}
