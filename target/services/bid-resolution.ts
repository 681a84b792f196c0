// Bid windows: resolution — competitive scoring, instant transition, closing (contract §6.2).
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { q, q1, tx, isUniqueViolation, type Db } from '../db.js';
import { eligibleDrivers, fanOut, loadAssignment, notifyBidLost, notifyBidWon, shiftStart, type WindowRow } from './bidding.js';
import { notifyRouteManager, otherOrgs } from './notify.js';

/** Competitive score (§6.2.1). */
async function scoreBidder(db: Db, userId: string, routeId: string, at: Date): Promise<number> {
  const r = await q1<{ h: number | null; f: number | null; created_at: Date; prefs: string[] | null }>(
    `SELECT hs.current_score AS h, rc.completion_count AS f, u.created_at, dp.preferred_routes AS prefs
     FROM "user" u
     LEFT JOIN driver_health_state hs ON hs.user_id = u.id
     LEFT JOIN route_completions rc ON rc.user_id = u.id AND rc.route_id = $2
     LEFT JOIN driver_preferences dp ON dp.user_id = u.id
     WHERE u.id = $1`,
    [userId, routeId],
    db,
  );
  if (!r) return 0;
  const created = r.created_at;
  let months = (at.getUTCFullYear() - created.getUTCFullYear()) * 12 + (at.getUTCMonth() - created.getUTCMonth());
  if (at.getUTCDate() < created.getUTCDate()) months -= 1;
  const p = (r.prefs ?? []).slice(0, 3).includes(routeId) ? 1 : 0;
  return 0.45 * Math.min((r.h ?? 0) / 96, 1) + 0.25 * Math.min((r.f ?? 0) / 20, 1) + 0.15 * Math.min(months / 12, 1) + 0.15 * p;
}

export type ResolveOutcome = 'resolved' | 'transitioned_to_instant' | 'closed' | 'skipped';

/** Resolve one open window (cron, opportunistic, or manager close with bids). Own transaction. */
export async function resolveWindow(windowId: string): Promise<ResolveOutcome> {
  return tx(async (c) => {
    const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1 FOR UPDATE`, [windowId], c);
    if (!w || w.status !== 'open') return 'skipped';
    const a = (await loadAssignment(c, w.assignment_id))!;
    const at = now();
    const bids = await q<{ id: string; user_id: string; bid_at: Date }>(
      `SELECT id, user_id, bid_at FROM bids WHERE bid_window_id = $1 AND status = 'pending'`,
      [w.id],
      c,
    );
    if (bids.length) {
      const scored = [];
      for (const b of bids) scored.push({ ...b, score: await scoreBidder(c, b.user_id, a.route_id, at) });
      // Fault competitive-tiebreak-reversed: equal scores go to the latest bid instead of the earliest.
      const tie = isOn('competitive-tiebreak-reversed') ? -1 : 1;
      // Fault resolution-lowest-score: the lowest score ranks first.
      const rank = isOn('resolution-lowest-score') ? -1 : 1;
      // Fault tiebreak-ignores-id: the last tie-break takes the highest bid id.
      const byId = isOn('tiebreak-ignores-id') ? -1 : 1;
      scored.sort((x, y) =>
        rank * (y.score - x.score) || tie * (x.bid_at.getTime() - y.bid_at.getTime()) || byId * (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
      );
      let winner: (typeof scored)[number] | null = null;
      // Fault resolution-no-same-date-skip: a bidder who already holds a shift that date is not
      // skipped, and the unique (user, date) index then fails the whole resolution.
      const noSkip = isOn('resolution-no-same-date-skip');
      const assign = (userId: string) =>
        c.query(
          `UPDATE assignments SET user_id = $2, status = 'scheduled', assigned_by = 'bid', assigned_at = $3,
                  confirmed_at = NULL, updated_at = now() WHERE id = $1`,
          [a.id, userId, at],
        );
      for (const cand of scored) {
        if (noSkip) {
          await assign(cand.user_id);
          winner = cand;
          break;
        }
        const clash = await q1(
          `SELECT 1 FROM assignments WHERE user_id = $1 AND date = $2 AND status <> 'cancelled' AND id <> $3`,
          [cand.user_id, a.date, a.id],
          c,
        );
        if (clash) continue;
        await c.query('SAVEPOINT assign_winner');
        try {
          await assign(cand.user_id);
          winner = cand;
          break;
        } catch (err) {
          await c.query('ROLLBACK TO SAVEPOINT assign_winner');
          if (!isUniqueViolation(err)) throw err;
        }
      }
      if (winner) {
        await c.query(`UPDATE bid_windows SET status = 'resolved', winner_id = $2 WHERE id = $1`, [w.id, winner.user_id]);
        for (const b of scored) {
          await c.query(`UPDATE bids SET score = $2, status = $3, resolved_at = $4 WHERE id = $1`, [
            b.id,
            b.score,
            b === winner ? 'won' : 'lost',
            at,
          ]);
        }
        await notifyBidWon(c, winner.user_id, a, w.id);
        for (const b of scored) if (b !== winner) await notifyBidLost(c, b.user_id, a, w.id);
        // Fault bid-results-to-other-orgs: every eligible driver of the other organizations is told
        // the bid was lost too (each stamped with the recipient's own organization).
        if (isOn('bid-results-to-other-orgs')) {
          for (const org of await otherOrgs(c, a.org_id)) {
            for (const userId of await eligibleDrivers(c, org, a.date)) await notifyBidLost(c, userId, { ...a, org_id: org }, w.id);
          }
        }
        return 'resolved';
      }
    }
    // No bids (or every bidder conflicted).
    if (w.mode === 'competitive') {
      const s = shiftStart(a.date);
      if (s > at) {
        // Fault transition-closes-early: the instant window closes an hour before the shift start.
        const closes = isOn('transition-closes-early') ? new Date(s.getTime() - 3600_000) : s;
        await c.query(`UPDATE bid_windows SET mode = 'instant', closes_at = $2 WHERE id = $1`, [w.id, closes]);
        await fanOut(c, a, { mode: 'instant', closes_at: closes });
        // Fault transition-notifies-every-org: the new bid_open also goes to every other
        // organization's eligible drivers (stamped with their own organization).
        if (isOn('transition-notifies-every-org')) {
          for (const org of await otherOrgs(c, a.org_id)) await fanOut(c, { ...a, org_id: org }, { mode: 'instant', closes_at: closes });
        }
        return 'transitioned_to_instant';
      }
      await c.query(`UPDATE bid_windows SET status = 'closed' WHERE id = $1`, [w.id]);
      return 'closed';
    }
    await c.query(`UPDATE bid_windows SET status = 'closed' WHERE id = $1`, [w.id]);
    await notifyRouteManager(c, a.route_id, a.org_id, 'route_unfilled', 'Route Unfilled',
      `${a.route_name} on ${a.date} was not picked up.`,
      { routeId: a.route_id, routeName: a.route_name, date: a.date, routeStartTime: a.route_start_time });
    return 'closed';
  });
}

/** Resolve every open window of the org whose closes_at has passed. Errors are swallowed per window. */
export async function resolveExpiredForOrg(orgId: string): Promise<void> {
  const due = await q<{ id: string }>(
    `SELECT bw.id FROM bid_windows bw JOIN assignments a ON a.id = bw.assignment_id
     JOIN warehouses w ON w.id = a.warehouse_id
     WHERE bw.status = 'open' AND bw.closes_at < $2 AND w.organization_id = $1 ORDER BY bw.closes_at`,
    [orgId, now()],
  );
  for (const { id } of due) {
    try {
      await resolveWindow(id);
    } catch (err) {
      process.stderr.write(`resolve window ${id} failed: ${(err as Error).message}\n`);
    }
  }
}

/** A resolved window's result sent again (only for the fault close-cron-not-idempotent). */
export async function renotifyResult(windowId: string): Promise<void> {
  await tx(async (c) => {
    const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1`, [windowId], c);
    if (!w?.winner_id) return;
    const a = (await loadAssignment(c, w.assignment_id))!;
    await notifyBidWon(c, w.winner_id, a, w.id);
    const lost = await q<{ user_id: string }>(`SELECT user_id FROM bids WHERE bid_window_id = $1 AND status = 'lost'`, [w.id], c);
    for (const b of lost) await notifyBidLost(c, b.user_id, a, w.id);
  });
}
