// Cron routes (contract §4.9): bearer CRON_SECRET, GET only. Implemented: close-bid-windows, no-show-detection.
import { Hono } from 'hono';
import { now } from '../clock.js';
import { q, q1, tx } from '../db.js';
import { type AppEnv } from '../http.js';
import { torontoDate } from '../time.js';
import { createBidWindow, emergencyBonus } from '../services/bidding.js';
import { renotifyResult, resolveWindow } from '../services/bid-resolution.js';
import { isOn } from '../faults.js';
import { arrivalDeadline } from '../services/lifecycle.js';
import { notifyRouteManager } from '../services/notify.js';

export function cronApi(secret: string | undefined) {
  const api = new Hono<AppEnv>();

  api.use('/api/cron/*', async (c, next) => {
    const header = (c.req.header('authorization') ?? '').trim();
    if (!secret || header !== `Bearer ${secret.trim()}`) return c.json({ message: 'Unauthorized' }, 401);
    if (c.req.method !== 'GET') return c.json({ message: 'Method Not Allowed' }, 405);
    return next();
  });

  api.get('/api/cron/close-bid-windows', async (c) => {
    const started = Date.now();
    const due = await q<{ id: string }>(`SELECT id FROM bid_windows WHERE status = 'open' AND closes_at < $1 ORDER BY closes_at, id`, [now()]);
    const out = { success: true, processed: 0, resolved: 0, transitioned: 0, closed: 0, errors: 0, elapsedMs: 0 };
    for (const { id } of due) {
      out.processed++;
      try {
        const r = await resolveWindow(id);
        if (r === 'resolved') out.resolved++;
        else if (r === 'transitioned_to_instant') out.transitioned++;
        else if (r === 'closed') out.closed++;
      } catch (err) {
        out.errors++;
        process.stderr.write(`close-bid-windows ${id}: ${(err as Error).message}\n`);
      }
    }
    // Fault close-cron-not-idempotent: windows it resolved before are told their result again.
    if (isOn('close-cron-not-idempotent')) {
      const done = await q<{ id: string }>(`SELECT id FROM bid_windows WHERE status = 'resolved' AND winner_id IS NOT NULL AND closes_at < $1`, [now()]);
      for (const { id } of done) await renotifyResult(id);
    }
    out.success = out.errors === 0 && !isOn('close-cron-reports-failure'); // Fault: the job does its work but answers as failed
    out.elapsedMs = Date.now() - started;
    return c.json(out, out.success ? 200 : 500);
  });

  api.get('/api/cron/no-show-detection', async (c) => {
    const started = Date.now();
    const n = now();
    const today = torontoDate(n);
    const out = { success: true, evaluated: 0, noShows: 0, bidWindowsCreated: 0, managerAlertsSent: 0, driversNotified: 0, errors: 0, skippedBeforeDeadline: false, elapsedMs: 0 };
    const candidates = await q<{ id: string; start_time: string }>(
      `SELECT a.id, r.start_time FROM assignments a JOIN routes r ON r.id = a.route_id
       WHERE a.date = $1 AND a.status = 'scheduled' AND a.user_id IS NOT NULL AND a.confirmed_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM shifts s WHERE s.assignment_id = a.id AND s.arrived_at IS NOT NULL)
       ORDER BY a.id`,
      [today],
    );
    for (const cand of candidates) {
      out.evaluated++;
      if (n < arrivalDeadline(today, cand.start_time)) continue;
      try {
        await tx(async (cl) => {
          const a = await q1<{ id: string; user_id: string | null; status: string; route_id: string; route_name: string; start_time: string; org_id: string; driver_name: string }>(
            `SELECT a.id, a.user_id, a.status, a.route_id, r.name AS route_name, r.start_time, w.organization_id AS org_id, u.name AS driver_name
             FROM assignments a JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
             LEFT JOIN "user" u ON u.id = a.user_id WHERE a.id = $1 FOR UPDATE OF a`,
            [cand.id],
            cl,
          );
          if (!a || a.status !== 'scheduled' || !a.user_id) return;
          const open = await q1(`SELECT 1 FROM bid_windows WHERE assignment_id = $1 AND status = 'open'`, [a.id], cl);
          if (open) return;
          const created = await createBidWindow(cl, {
            assignmentId: a.id,
            trigger: 'no_show',
            mode: 'emergency',
            allowPastShift: true,
            payBonusPercent: await emergencyBonus(cl, a.org_id),
          });
          if (!created.ok) return;
          out.noShows++;
          out.bidWindowsCreated++;
          out.driversNotified += created.notifiedCount;
          await cl.query(`UPDATE driver_metrics SET no_shows = no_shows + 1, updated_at = now() WHERE user_id = $1`, [a.user_id]);
          await cl.query(
            `UPDATE driver_health_state SET current_score = 0, stars = 0, streak_weeks = 0, assignment_pool_eligible = false,
                    requires_manager_intervention = true, last_score_reset_at = $2, updated_at = now() WHERE user_id = $1`,
            [a.user_id, n],
          );
          const sent = await notifyRouteManager(cl, a.route_id, a.org_id, 'driver_no_show', 'Driver No-Show',
            `${a.driver_name} did not arrive for ${a.route_name} on ${today}.`,
            { routeId: a.route_id, routeName: a.route_name, driverName: a.driver_name, date: today, routeStartTime: a.start_time });
          if (sent) out.managerAlertsSent++;
        });
      } catch (err) {
        out.errors++;
        process.stderr.write(`no-show-detection ${cand.id}: ${(err as Error).message}\n`);
      }
    }
    out.elapsedMs = Date.now() - started;
    return c.json(out);
  });

  api.all('/api/cron/*', (c) => c.json({ message: 'Not found' }, 404));
  return api;
}
