// Manager APIs: assignment overrides, emergency reopen and manual assign (contract §4.5).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { arm, isOn } from '../faults.js';
import { q1, tx } from '../db.js';
import { type AppEnv, fail, HttpError, isUuid, readJson, requireUser } from '../http.js';
import { createBidWindow, emergencyBonus, loadAssignment, type WindowRow } from '../services/bidding.js';
import { assignByManager, checkDriver, closeOpenWindow, ConflictError } from '../services/assign.js';
import { arrivalDeadline } from '../services/lifecycle.js';
import { notify } from '../services/notify.js';
import { canManageWarehouse, denied } from './access.js';
import { acceptOf, acceptReadOf, assignLanded } from '../services/race-gates.js';

export const managerAssignmentsApi = new Hono<AppEnv>();

// ── Overrides ────────────────────────────────────────────────────────────────────────────────
function overrideFail(status: number, code: string, message: string): never {
  throw new HttpError(status, { code, message });
}

const overrideBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('reassign'), driverId: z.string().min(1).max(128) }),
  z.strictObject({ action: z.literal('open_bidding') }),
  z.strictObject({ action: z.literal('open_urgent_bidding') }),
  z.strictObject({ action: z.literal('suspend_route') }),
  z.strictObject({ action: z.literal('resume_route') }),
]);

function windowJson(w: WindowRow | null | undefined) {
  if (!w) return null;
  return { id: w.id, mode: w.mode, status: w.status, closesAt: w.closes_at.toISOString(), payBonusPercent: w.pay_bonus_percent };
}

async function runOverride(
  user: { id: string; organizationId: string },
  assignmentId: string,
  body: z.infer<typeof overrideBody>,
) {
  return tx(async (cl) => {
    const locked = await q1<{ id: string; status: string; user_id: string | null; warehouse_id: string; org_id: string }>(
      `SELECT a.id, a.status, a.user_id, a.warehouse_id, w.organization_id AS org_id
       FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id WHERE a.id = $1 FOR UPDATE OF a`,
      [assignmentId],
      cl,
    );
    if (!locked) overrideFail(404, 'assignment_not_found', 'Assignment not found');
    if (!isOn('override-no-org-check') && !(await canManageWarehouse(cl, user.id, user.organizationId, locked.warehouse_id))) {
      overrideFail(403, 'forbidden', 'You do not have access to this assignment');
    }
    const a = (await loadAssignment(cl, assignmentId))!;
    const open = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE assignment_id = $1 AND status = 'open' FOR UPDATE`, [a.id], cl);
    let bidWindow: WindowRow | null = null;
    let notifiedCount: number | null = null;
    const at = now();

    switch (body.action) {
      case 'reassign': {
        if (a.status !== 'scheduled' && a.status !== 'unfilled') overrideFail(409, 'invalid_assignment_state', 'Only scheduled or unfilled assignments can be reassigned');
        const check = await checkDriver(cl, body.driverId, a.org_id, a.date);
        if (!check.ok) {
          if (check.reason === 'flagged') overrideFail(400, 'driver_flagged', 'Flagged drivers cannot be assigned');
          if (check.reason === 'at_cap') overrideFail(400, 'driver_at_weekly_cap', 'Driver is at weekly assignment cap');
          overrideFail(400, 'driver_not_found', 'Driver not found');
        }
        try {
          await assignByManager(cl, a, body.driverId);
        } catch (err) {
          if (err instanceof ConflictError) overrideFail(409, 'driver_has_shift_on_date', err.message);
          throw err;
        }
        break;
      }
      case 'suspend_route': {
        if (a.status === 'active' || a.status === 'completed') overrideFail(409, 'invalid_assignment_state', 'Active or completed assignments cannot be suspended');
        if (a.status === 'cancelled' && a.user_id === null && !open) break; // already suspended
        await closeOpenWindow(cl, a.id);
        const keepDriver = isOn('suspend-keeps-driver');
        const sameDate = isOn('suspend-cancels-same-date');
        await cl.query(
          `UPDATE assignments SET status = 'cancelled', user_id = CASE WHEN $3::boolean THEN user_id ELSE NULL END,
                  assigned_by = NULL, assigned_at = NULL, confirmed_at = NULL, cancel_type = NULL, cancelled_at = $2,
                  updated_at = now()
           WHERE id = $1 OR ($4::boolean AND date = $5 AND status <> 'cancelled')`,
          [a.id, at, keepDriver, sameDate, a.date],
        );
        if (a.user_id) {
          await notify(cl, {
            userId: a.user_id,
            orgId: a.org_id,
            type: 'shift_cancelled',
            title: 'Shift Cancelled',
            body: `${a.route_name} on ${a.date} has been cancelled by your manager.`,
            data: { assignmentId: a.id, routeName: a.route_name, assignmentDate: a.date },
          });
        }
        break;
      }
      case 'resume_route': {
        if (!(a.status === 'cancelled' && a.user_id === null)) overrideFail(409, 'invalid_assignment_state', 'Only suspended routes can be resumed');
        if (open) overrideFail(409, 'open_window_exists', 'An open bid window already exists for this assignment');
        await cl.query(
          `UPDATE assignments SET status = 'unfilled', user_id = NULL, assigned_by = NULL, assigned_at = NULL,
                  confirmed_at = NULL, cancel_type = NULL, cancelled_at = NULL, updated_at = now()
           WHERE id = $1`,
          [a.id],
        );
        break;
      }
      case 'open_bidding': {
        if (a.status !== 'unfilled') overrideFail(409, 'invalid_assignment_state', 'Only unfilled assignments can be opened for bidding');
        if (open) overrideFail(409, 'open_window_exists', 'An open bid window already exists for this assignment');
        if (at >= arrivalDeadline(a.date, a.route_start_time)) overrideFail(409, 'invalid_assignment_state', 'The shift has already started');
        const created = await createBidWindow(cl, { assignmentId: a.id, trigger: 'manager' });
        if (!created.ok) {
          if (created.reason === 'open_window_exists') overrideFail(409, 'open_window_exists', created.message);
          overrideFail(409, 'invalid_assignment_state', created.message);
        }
        bidWindow = created.window;
        notifiedCount = created.notifiedCount;
        break;
      }
      case 'open_urgent_bidding': {
        if (a.status !== 'scheduled' && a.status !== 'unfilled') overrideFail(409, 'invalid_assignment_state', 'Only scheduled or unfilled assignments can be opened for urgent bidding');
        if (open && open.mode === 'emergency') {
          bidWindow = open;
          break;
        }
        if (open) await closeOpenWindow(cl, a.id);
        const created = await createBidWindow(cl, {
          assignmentId: a.id,
          trigger: 'manager',
          mode: 'emergency',
          allowPastShift: true,
          payBonusPercent: await emergencyBonus(cl, a.org_id),
        });
        if (!created.ok) overrideFail(409, created.reason === 'open_window_exists' ? 'open_window_exists' : 'invalid_assignment_state', created.message);
        bidWindow = created.window;
        notifiedCount = created.notifiedCount;
        break;
      }
    }
    const after = (await q1<{ id: string; status: string; user_id: string | null; route_id: string; driver_name: string | null }>(
      `SELECT a.id, a.status, a.user_id, a.route_id, u.name AS driver_name FROM assignments a LEFT JOIN "user" u ON u.id = a.user_id WHERE a.id = $1`,
      [a.id],
      cl,
    ))!;
    return {
      action: body.action,
      assignment: { id: after.id, status: after.status, userId: after.user_id, driverName: after.driver_name, routeId: after.route_id },
      bidWindow: windowJson(bidWindow),
      notifiedCount,
    };
  });
}

managerAssignmentsApi.post('/api/assignments/:id/override', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    overrideFail(400, 'validation_failed', 'Invalid JSON body');
  }
  const parsed = overrideBody.safeParse(raw);
  if (!parsed.success) overrideFail(400, 'validation_failed', 'Validation failed');
  if (!isUuid(id)) overrideFail(400, 'validation_failed', 'Invalid assignment ID');
  const out = await runOverride(user, id, parsed.data);
  arm('routes-list-next-day-after-change'); // a fault's trigger (target/api/routes.ts)
  return c.json(out);
});

managerAssignmentsApi.post('/api/assignments/:id/emergency-reopen', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  try {
    if (!isUuid(id)) overrideFail(400, 'validation_failed', 'Invalid assignment ID');
    const out = await runOverride(user, id, { action: 'open_urgent_bidding' });
    return c.json({ success: true, bidWindowId: out.bidWindow?.id ?? null, notifiedCount: out.notifiedCount });
  } catch (err) {
    if (err instanceof HttpError) fail(err.status, String(err.body.message));
    throw err;
  }
});

// ── Manual assign ────────────────────────────────────────────────────────────────────────────
managerAssignmentsApi.post('/api/assignments/:id/assign', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  if (!isUuid(id)) fail(400, 'Invalid assignment ID');
  const parsed = z.strictObject({ userId: z.string().min(1).max(128) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const driverId = parsed.data.userId;
  // Fault manual-assign-no-lock: nothing is locked, and the assign writes after a racing accept
  // has landed, over what it did.
  const noLock = isOn('manual-assign-no-lock');
  // Fault accept-overrides-manual-assign: the racing accept reads the window first (this side waits
  // for that), then writes over this assign once it has landed.
  if (isOn('accept-overrides-manual-assign')) await acceptReadOf(id);
  const out = await tx(async (cl) => {
    // The window first, then the assignment: the order an accept takes them in, so the two never deadlock.
    // Fault manual-assign-locks-assignment-first: the assignment first, as the real Drive does.
    if (isOn('manual-assign-locks-assignment-first')) await cl.query(`SELECT id FROM assignments WHERE id = $1 FOR UPDATE`, [id]);
    if (!noLock) await cl.query(`SELECT id FROM bid_windows WHERE assignment_id = $1 AND status = 'open' FOR UPDATE`, [id]);
    const row = await q1<{ id: string; status: string; warehouse_id: string }>(
      `SELECT a.id, a.status, a.warehouse_id FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id
       WHERE a.id = $1 AND w.organization_id = $2${noLock ? '' : ' FOR UPDATE OF a'}`,
      [id, user.organizationId],
      cl,
    );
    if (!row) fail(404, 'Assignment not found');
    if (!(await canManageWarehouse(cl, user.id, user.organizationId, row.warehouse_id))) {
      throw await denied('No access to this warehouse', 'warehouses', row.warehouse_id);
    }
    if (row.status !== 'unfilled') fail(409, 'Assignment must be unfilled to assign manually');
    if (noLock) await acceptOf(id);
    const a = (await loadAssignment(cl, id))!;
    const check = await checkDriver(cl, driverId, a.org_id, a.date);
    if (!check.ok) {
      if (check.reason === 'flagged') fail(400, 'Flagged drivers cannot be assigned');
      if (check.reason === 'at_cap') fail(400, 'Driver is at weekly assignment cap');
      fail(400, 'Driver not found');
    }
    try {
      const { bidWindowId } = await assignByManager(cl, a, driverId);
      return {
        assignment: { id: a.id, routeId: a.route_id, routeName: a.route_name, date: a.date, status: 'scheduled', userId: driverId, driverName: check.name ?? null },
        bidWindowId,
      };
    } catch (err) {
      if (err instanceof ConflictError) fail(409, err.message);
      throw err;
    }
  }).finally(() => assignLanded(id));
  return c.json(out);
});
