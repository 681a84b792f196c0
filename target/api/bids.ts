// Driver APIs: bidding — available windows, my bids, placing a bid (contract §4.3).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { isOn, isOnOnce } from '../faults.js';
import { q, q1 } from '../db.js';
import { type AppEnv, fail, iso, readJson, requireUser } from '../http.js';
import { weekStartOf } from '../time.js';
import { BidError, placeBid, type BidResult } from '../services/bid-accept.js';
import { resolveExpiredForOrg } from '../services/bid-resolution.js';

/** The route-day fields a bid window and a bid are listed with (contract §4.3). */
function routeDay(r: Record<string, unknown>) {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    assignmentDate: r.date,
    routeName: r.route_name,
    routeStartTime: r.start_time,
    warehouseName: r.warehouse_name,
  };
}

export const bidsApi = new Hono<AppEnv>();

// ── Bidding ──────────────────────────────────────────────────────────────────────────────────
bidsApi.get('/api/bids/available', async (c) => {
  const user = requireUser(c, 'driver');
  await resolveExpiredForOrg(user.organizationId);
  const me = await q1<{ is_flagged: boolean; weekly_cap: number }>(`SELECT is_flagged, weekly_cap FROM "user" WHERE id = $1`, [user.id]);
  if (!me || me.is_flagged) return c.json({ bidWindows: [] });
  const crossOrg = isOn('bids-available-cross-org') || isOnOnce('bids-available-cross-org-once');
  const rows = await q<{
    id: string; assignment_id: string; date: string; route_name: string; start_time: string; warehouse_name: string;
    mode: string; pay_bonus_percent: number; opens_at: Date; closes_at: Date; org_id: string;
  }>(
    `SELECT bw.id, bw.assignment_id, a.date, r.name AS route_name, r.start_time, w.name AS warehouse_name,
            bw.mode, bw.pay_bonus_percent, bw.opens_at, bw.closes_at, w.organization_id AS org_id
     FROM bid_windows bw
     JOIN assignments a ON a.id = bw.assignment_id
     JOIN routes r ON r.id = a.route_id
     JOIN warehouses w ON w.id = a.warehouse_id
     WHERE bw.status = 'open' AND bw.closes_at > $2
       AND ($3::boolean OR w.organization_id = $4)
       AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.bid_window_id = bw.id AND b.user_id = $1)
     ORDER BY bw.closes_at, bw.id`,
    [user.id, now(), crossOrg, user.organizationId],
  );
  // Weekly cap: count the caller's non-cancelled assignments (in their org) per Monday week.
  const counts = new Map<string, number>();
  const mine = await q<{ date: string }>(
    `SELECT a.date FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id
     WHERE a.user_id = $1 AND a.status <> 'cancelled' AND w.organization_id = $2`,
    [user.id, user.organizationId],
  );
  for (const { date } of mine) counts.set(weekStartOf(date), (counts.get(weekStartOf(date)) ?? 0) + 1);
  const bidWindows = rows
    .filter((r) => (counts.get(weekStartOf(r.date)) ?? 0) < me.weekly_cap)
    .map((r) => ({
      ...routeDay(r),
      mode: r.mode,
      payBonusPercent: r.pay_bonus_percent,
      opensAt: r.opens_at.toISOString(),
      closesAt: r.closes_at.toISOString(),
    }));
  return c.json({ bidWindows });
});

bidsApi.get('/api/bids/mine', async (c) => {
  const user = requireUser(c, 'driver');
  const rows = await q(
    `SELECT b.id, b.assignment_id, a.date, r.name AS route_name, r.start_time, w.name AS warehouse_name,
            b.status, b.score, b.bid_at, b.window_closes_at, b.resolved_at
     FROM bids b JOIN assignments a ON a.id = b.assignment_id
     JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
     WHERE b.user_id = $1 ORDER BY b.bid_at DESC, b.id DESC`,
    [user.id],
  );
  const dropClosesAt = isOn('bids-mine-drops-field');
  return c.json({
    bids: rows.map((r) => ({
      ...routeDay(r),
      // Fault bids-mine-stale-status: every bid is reported as still pending.
      status: isOn('bids-mine-stale-status') ? 'pending' : r.status,
      score: r.score,
      bidAt: iso(r.bid_at),
      ...(dropClosesAt ? {} : { windowClosesAt: iso(r.window_closes_at) }),
      resolvedAt: iso(r.resolved_at),
    })),
  });
});

const bidBody = z.strictObject({ assignmentId: z.uuid() });

bidsApi.post('/api/bids', async (c) => {
  const user = requireUser(c, 'driver');
  const body = await readJson(c);
  const parsed = bidBody.safeParse(body);
  if (!parsed.success) fail(400, 'assignmentId must be a valid assignment ID');
  let result: BidResult;
  try {
    result = await placeBid(user, parsed.data.assignmentId);
  } catch (err) {
    if (err instanceof BidError) fail(err.status, err.message);
    throw err;
  }
  return c.json({ success: true, ...result });
});
