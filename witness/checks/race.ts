/**
 * Checks of races (docs/architecture.md#witness-checks): requests sent at the same moment are
 * judged together — exactly one winner, every other a lost-race answer; a manager's assign racing a
 * driver's accept leaving one whole outcome. The answers are the evidence; the database the invariant.
 */
import type { Shift } from '../../fixtures/builders.js';
import type { SlotUser } from '../../fixtures/slots.js';
import type { Actor } from '../actors.js';
import type { WitnessContext } from '../context.js';
import { apiSignature } from '../signature.js';
import { describe, requestEntities, send, type ApiRequest, type Sent } from './api-request.js';
import { InvariantError, reportViolation } from '../failure.js';
import { namedSignature } from '../signature.js';
import { inOrder, type Queued, type RaceStep } from '../row-hold.js';

/** The answers the app gives a driver who lost a race for a window (any of them; the database is the invariant). */
export const LOST_RACE_ANSWERS: readonly { status: number; message: string }[] = [
  { status: 400, message: 'Route already assigned' },
  { status: 400, message: 'Unable to accept shift right now' },
  { status: 404, message: 'No open bid window found for this assignment' },
];

function messageOf(body: string): string {
  try {
    const j = JSON.parse(body) as { message?: unknown };
    return typeof j.message === 'string' ? j.message : '';
  } catch {
    return '';
  }
}

export class RaceWitness {
  constructor(private readonly ctx: WitnessContext) {}

  /**
   * STATE-001: of drivers who accepted the same shift at once, exactly one was answered 200 `won`
   * and every other got one of the app's lost-race answers. Returns the winner (null when none).
   */
  async oneWinner(shift: Shift, answers: { actor: Actor; sent: Sent }[]): Promise<SlotUser | null> {
    return await this.ctx.check(`witness: of ${answers.length} accepts of ${shift.routeName} on ${shift.date} at once, one won and the others lost the race`, () =>
      this.judgeRace(shift, answers, 1),
    );
  }

  /** STATE-001: these accepts came after the shift was won: each got one of the app's lost-race answers. */
  async lostRace(shift: Shift, answers: { actor: Actor; sent: Sent }[]): Promise<void> {
    await this.ctx.check(`witness: ${answers.map((a) => a.actor.name).join(', ')} lost the race for ${shift.routeName} on ${shift.date}`, () =>
      this.judgeRace(shift, answers, 0),
    );
  }

  private async judgeRace(shift: Shift, answers: { actor: Actor; sent: Sent }[], winners: 0 | 1): Promise<SlotUser | null> {
    await this.ctx.begin('race-answers');
    const rows = answers.map(({ actor, sent }) => ({ actor: actor.name, userId: actor.user.id, status: sent.status, requestId: sent.requestId, body: sent.text.slice(0, 500) }));
    const won = rows.filter((r) => r.status === 200);
    const lostRight = (r: (typeof rows)[number]) => LOST_RACE_ANSWERS.some((a) => a.status === r.status && messageOf(r.body) === a.message);
    const others = rows.filter((r) => r.status !== 200);
    const wrong = others.filter((r) => !lostRight(r));
    const ok = won.length === winners && !wrong.length;
    const lost = others.map((r) => `${r.actor}: ${r.status} ${messageOf(r.body)}`).join('; ');
    const summary = ok
      ? `${winners ? `${won[0]!.actor} won; ` : ''}lost-race answer(s): ${lost}`
      : `${answers.length} accept(s) of assignment ${shift.assignmentId} (${shift.org.label}): ${won.length} answered 200 (${won.map((r) => r.actor).join(', ') || 'none'}), ${winners} should have` +
        (wrong.length ? `; not a lost-race answer: ${wrong.map((r) => `${r.actor} ${r.status} ${r.body.slice(0, 120)}`).join('; ')}` : '');
    const signature = namedSignature('STATE-001', 'race', winners ? 'one-winner' : 'lost-race');
    const file = await this.ctx.record({
      checkId: 'race-answers',
      invariantId: 'STATE-001',
      org: shift.org.label,
      ok,
      summary,
      signature,
      db: { query: 'POST /api/bids (the accepts, as answered)', params: [{ assignmentId: shift.assignmentId }], rows },
    });
    if (!ok) reportViolation(new InvariantError('STATE-001', summary, { signature, entities: [shift.assignmentId, ...won.map((r) => r.userId)], evidenceFile: file, rows }));
    return winners && won.length === 1 ? answers.find((a) => a.actor.name === won[0]!.actor)!.actor.user : null;
  }


  /**
   * ASSIGN-003: a manager's manual assign and a driver's accept of the same urgent window, sent at
   * once, left one whole outcome: the driver won (window resolved with her, her one won bid, the
   * assignment hers by bid, the manager answered 409) or the manager's driver holds it (by manager,
   * window resolved with no winner, no won bid, the driver answered a lost race).
   */
  async oneOutcome(
    shift: Shift,
    race: { manager: { actor: Actor; sent: Sent; assignee: SlotUser }; driver: { actor: Actor; sent: Sent }; order?: Queued[] },
  ): Promise<void> {
    const { manager, driver } = race;
    await this.ctx.check(`witness: ${manager.actor.name}'s assign and ${driver.actor.name}'s accept of ${shift.routeName} on ${shift.date} left one outcome`, async () => {
      await this.ctx.begin('assign-race');
      const sql = [
        `select id, status, user_id, assigned_by from assignments where id = $1`,
        `select id, status, winner_id from bid_windows where id = $1`,
        `select id, user_id, status from bids where bid_window_id = $1 order by bid_at, id`,
      ];
      const q = (i: number, param: string | null) => this.ctx.pool.query<Record<string, unknown>>(sql[i]!, [param]);
      const read = async () => {
        const [a, w, b] = await Promise.all([q(0, shift.assignmentId), q(1, shift.bidWindowId), q(2, shift.bidWindowId)]);
        return { assignment: a.rows[0] ?? null, window: w.rows[0] ?? null, bids: b.rows };
      };
      const judge = (st: Awaited<ReturnType<typeof read>>) => {
        const won = st.bids.filter((x) => x.status === 'won');
        const a = st.assignment;
        const bidState =
          a?.user_id === driver.actor.user.id && a?.status === 'scheduled' && a?.assigned_by === 'bid' &&
          st.window?.status === 'resolved' && st.window?.winner_id === driver.actor.user.id && won.length === 1 && won[0]!.user_id === driver.actor.user.id;
        const managerState =
          a?.user_id === manager.assignee.id && a?.status === 'scheduled' && a?.assigned_by === 'manager' &&
          st.window?.status === 'resolved' && (st.window?.winner_id ?? null) === null && won.length === 0;
        const bidAnswers = driver.sent.status === 200 && manager.sent.status === 409 && messageOf(manager.sent.text) === 'Assignment must be unfilled to assign manually';
        const managerAnswers = manager.sent.status === 200 && LOST_RACE_ANSWERS.some((x) => x.status === driver.sent.status && x.message === messageOf(driver.sent.text));
        const whole = bidState !== managerState;
        return { bidState, whole, ok: (bidState && bidAnswers) || (managerState && managerAnswers) };
      };
      const state = await this.ctx.settle(read, (st) => judge(st).ok);
      const { bidState, whole, ok } = judge(state);
      const answers = {
        manager: { actor: manager.actor.name, status: manager.sent.status, requestId: manager.sent.requestId, body: manager.sent.text.slice(0, 300) },
        driver: { actor: driver.actor.name, status: driver.sent.status, requestId: driver.sent.requestId, body: driver.sent.text.slice(0, 300) },
      };
      const rows = [{ answers, ...(race.order ? { orderedBy: 'the witness\'s row lock', order: race.order } : {}), ...state }];
      const said = [
        `manager ${manager.sent.status} ${messageOf(manager.sent.text) || manager.sent.text.slice(0, 80)}`.trim(),
        `driver ${driver.sent.status} ${messageOf(driver.sent.text)}`.trim(),
      ].join(', ');
      const winnerSide = bidState ? `${driver.actor.name} won it by bid` : `${manager.assignee.key} holds it by manager`;
      const summary = ok
        ? bidState
          ? `${driver.actor.name} won the race; the manager was answered 409 and the window, bid and assignment all say ${driver.actor.name}`
          : `the manager won the race; ${manager.assignee.key} holds the assignment by manager, the window has no winner, no bid is won`
        : whole
          ? `assignment ${shift.assignmentId} (${shift.org.label}) is whole (${winnerSide}), but the answers do not say so: ${said} ` +
            `(the loser of the race must get 409 "Assignment must be unfilled to assign manually" or a lost-race answer)`
          : `assignment ${shift.assignmentId} (${shift.org.label}) is half one outcome, half the other (${said}): ` +
            `assignment ${String(state.assignment?.status)} held by ${String(state.assignment?.user_id ?? 'nobody')} (by ${String(state.assignment?.assigned_by)}), ` +
            `window ${String(state.window?.status)} winner ${String(state.window?.winner_id ?? 'none')}, ${state.bids.filter((x) => x.status === 'won').length} won bid(s)`;
      const signature = namedSignature('ASSIGN-003', 'race', whole || ok ? 'assign-vs-accept answers' : 'assign-vs-accept state');
      const file = await this.ctx.record({
        checkId: 'assign-race',
        invariantId: 'ASSIGN-003',
        org: shift.org.label,
        ok,
        summary,
        signature,
        db: { query: sql.join('; '), params: [shift.assignmentId, shift.bidWindowId], rows },
      });
      if (!ok) reportViolation(new InvariantError('ASSIGN-003', summary, { signature, entities: [shift.assignmentId, shift.bidWindowId ?? ''].filter(Boolean), evidenceFile: file, rows }));
    });
  }

  /** Send a race's requests in an order the database keeps: each queued behind a row the witness holds (witness/row-hold.ts). */
  inOrder<T>(table: 'bid_windows' | 'assignments', id: string, steps: RaceStep<T>[]): Promise<{ answers: T[]; order: Queued[] }> {
    return inOrder(this.ctx.pool, table, id, steps);
  }

  /** STATE-001: a request the state machine must refuse (e.g. a second accept of a resolved window). */
  async stateRefuses(actor: Actor, req: ApiRequest, why: string): Promise<void> {
    return await this.ctx.check(`witness: ${describe(req)} is refused to ${actor.name}: ${why}`, () => this.checkStateRefuses(actor, req, why));
  }

  private async checkStateRefuses(actor: Actor, req: ApiRequest, why: string): Promise<void> {
    await this.ctx.begin('state-refuses');
    const res = await send(this.ctx.trail, actor, req);
    const ok = res.status >= 400 && res.status < 500;
    const summary = ok ? `${describe(req)} refused with ${res.status}: ${why}` : `${describe(req)} answered ${res.status}, but ${why}`;
    const response = { request: req, status: res.status, requestId: res.requestId, body: res.text.slice(0, 2000) };
    const signature = apiSignature('STATE-001', req);
    const file = await this.ctx.record({ checkId: 'state-refuses', invariantId: 'STATE-001', org: actor.org.label, ok, summary, signature, db: { query: describe(req), params: [], rows: [response] } });
    if (!ok) reportViolation(new InvariantError('STATE-001', summary, { signature, entities: requestEntities(req), evidenceFile: file, rows: [response] }));
  }
}
