/**
 * Owner-only changes (AUTH-007; AUTH-004 for the wrong role): the dispatch settings of an
 * organization are stored as its owner sent them, refused with 403 to anyone else, and the other
 * organization's settings are never touched (TENANT-006). Each judges the settings rows themselves.
 */
import type { Actor } from '../actors.js';
import type { SlotOrg, SlotUser } from '../../fixtures/slots.js';
import type { WitnessContext } from '../context.js';
import { dbCheck } from './db.js';
import { describe, send, type ApiRequest } from './api-request.js';

const SETTINGS_SQL = `select organization_id, emergency_bonus_percent, reward_min_attendance_percent, corrective_completion_threshold_percent, updated_by
  from organization_dispatch_settings where organization_id = $1`;

type Row = Record<string, unknown>;
export interface Settings {
  emergencyBonusPercent?: number;
  rewardMinAttendancePercent?: number;
  correctiveCompletionThresholdPercent?: number;
}
const COLUMN: Record<keyof Settings, string> = {
  emergencyBonusPercent: 'emergency_bonus_percent',
  rewardMinAttendancePercent: 'reward_min_attendance_percent',
  correctiveCompletionThresholdPercent: 'corrective_completion_threshold_percent',
};

export class PermissionsWitness {
  constructor(private readonly ctx: WitnessContext) {}

  /** The org's dispatch settings row as it stands (to compare after an action). */
  async settingsOf(org: SlotOrg): Promise<{ org: SlotOrg; row: Row | null }> {
    return { org, row: (await this.ctx.pool.query<Row>(SETTINGS_SQL, [org.id])).rows[0] ?? null };
  }

  /** AUTH-007: the org's settings hold what its owner sent (the other fields as they were). */
  async settingsStored(before: { org: SlotOrg; row: Row | null }, sent: Settings, by: Actor): Promise<void> {
    const want = { ...before.row, ...Object.fromEntries(Object.entries(sent).map(([k, v]) => [COLUMN[k as keyof Settings], v])) } as Row;
    const title = `${before.org.label}'s dispatch settings hold what its owner ${by.name} sent (${JSON.stringify(sent)})`;
    await dbCheck(this.ctx, title, { checkId: 'settings-stored', invariantId: 'AUTH-007', org: before.org.label }, async () => {
      const row = (await this.ctx.pool.query<Row>(SETTINGS_SQL, [before.org.id])).rows[0] ?? null;
      const wrong = Object.values(COLUMN).filter((c) => Number(row?.[c]) !== Number(want[c]));
      return {
        ok: !!row && wrong.length === 0,
        summary: wrong.length || !row
          ? `${before.org.label}'s dispatch settings after ${by.name}'s PATCH: ${wrong.map((c) => `${c} ${String(row?.[c])}, not ${String(want[c])}`).join('; ') || 'no row'}`
          : `${before.org.label}'s dispatch settings hold ${JSON.stringify(sent)}`,
        db: { query: SETTINGS_SQL, params: [before.org.id], rows: [{ before: before.row, after: row, sent }] },
        entities: [before.org.id],
      };
    });
  }

  /**
   * AUTH-007 (AUTH-004 with `role`): the request is answered 403 and the org's settings are as
   * they were. The answer is the evidence; the settings row is the invariant.
   */
  async refusedChange(actor: Actor, req: ApiRequest, org: SlotOrg, opts: { role?: boolean } = {}): Promise<void> {
    const invariantId = opts.role ? 'AUTH-004' : 'AUTH-007';
    const before = await this.settingsOf(org);
    const res = await send(this.ctx.trail, actor, req);
    await dbCheck(this.ctx, `${describe(req)} by ${actor.name} (not the owner) is refused with 403 and ${org.label}'s settings stay`, { checkId: 'owner-only', invariantId, org: org.label }, async () => {
      const after = await this.settingsOf(org);
      const unchanged = JSON.stringify(after.row) === JSON.stringify(before.row);
      const ok = res.status === 403 && unchanged;
      return {
        ok,
        summary: ok
          ? `${describe(req)} by ${actor.user.email} refused with 403; ${org.label}'s settings unchanged`
          : `${describe(req)} by ${actor.user.email} (${actor.org.label}, not ${org.label}'s owner) answered ${res.status}${unchanged ? '' : ` and changed ${org.label}'s dispatch settings`}; only the owner may change them`,
        db: { query: SETTINGS_SQL, params: [org.id], rows: [{ request: req, status: res.status, body: res.text.slice(0, 500), before: before.row, after: after.row }] },
        entities: [org.id],
      };
    });
  }

  /** AUTH-007: the settings answer tells the caller whether she may edit (only the owner may). */
  async answerSaysMayEdit(actor: Actor, answer: { permissions: { canEditEmergencyBonusPercent: boolean; canEditDriverHealthSettings: boolean } }, owner: boolean): Promise<void> {
    const title = `the dispatch settings answer tells ${actor.name} she ${owner ? 'may' : 'may not'} edit them`;
    await dbCheck(this.ctx, title, { checkId: 'settings-permissions', invariantId: 'AUTH-007', org: actor.org.label }, async () => {
      const owners = (await this.ctx.pool.query<Row>(`select id, owner_user_id from organizations where id = $1`, [actor.org.id])).rows;
      const p = answer.permissions;
      const ok = p.canEditEmergencyBonusPercent === owner && p.canEditDriverHealthSettings === owner && (owners[0]?.owner_user_id === actor.user.id) === owner;
      return {
        ok,
        summary: ok ? `${actor.user.email}: permissions ${JSON.stringify(p)}` : `${actor.user.email} (${owner ? 'the owner' : 'not the owner'}) is told ${JSON.stringify(p)}`,
        db: { query: 'select id, owner_user_id from organizations where id = $1', params: [actor.org.id], rows: [{ organization: owners[0] ?? null, permissions: p }] },
        entities: [actor.user.id],
      };
    });
  }

  /** The weekly caps of these drivers (to compare after an edit). */
  async capsOf(drivers: SlotUser[]): Promise<Map<string, number>> {
    const rows = (await this.ctx.pool.query<{ id: string; weekly_cap: number }>(`select id, weekly_cap from "user" where id = any($1)`, [drivers.map((d) => d.id)])).rows;
    return new Map(rows.map((r) => [r.id, r.weekly_cap]));
  }

  /** STATE-007: `driver` now has `cap`; every other driver of `before` kept hers. */
  async capStored(driver: SlotUser, cap: number, before: Map<string, number>): Promise<void> {
    const sql = `select id, name, organization_id, weekly_cap from "user" where id = any($1) order by id`;
    await dbCheck(this.ctx, `${driver.key}'s weekly cap is ${cap}, the ${before.size - 1} other drivers' as they were`, { checkId: 'cap-stored', invariantId: 'STATE-007', org: this.ctx.orgLabel(driver) }, async () => {
      const rows = (await this.ctx.pool.query<Row>(sql, [[...before.keys()]])).rows;
      const wrong = rows.filter((r) => (r.id === driver.id ? Number(r.weekly_cap) !== cap : Number(r.weekly_cap) !== before.get(String(r.id))));
      return {
        ok: wrong.length === 0,
        summary: wrong.length
          ? `after the cap edit of ${driver.key}: ${wrong.map((r) => `${String(r.name)} (org ${String(r.organization_id)}) has ${String(r.weekly_cap)}, not ${r.id === driver.id ? cap : before.get(String(r.id))}`).join('; ')}`
          : `${driver.key} has ${cap}; the others kept theirs`,
        db: { query: sql, params: [[...before.keys()]], rows: [{ before: Object.fromEntries(before), after: rows }] },
        entities: wrong.map((r) => String(r.id)),
      };
    });
  }

  /** TENANT-006: the other organization's settings are exactly as they were. */
  async settingsUnchanged(before: { org: SlotOrg; row: Row | null }): Promise<void> {
    await dbCheck(this.ctx, `${before.org.label}'s dispatch settings are untouched`, { checkId: 'other-org-settings', invariantId: 'TENANT-006', org: before.org.label }, async () => {
      const after = await this.settingsOf(before.org);
      const ok = JSON.stringify(after.row) === JSON.stringify(before.row);
      return {
        ok,
        summary: ok ? `${before.org.label}'s dispatch settings are as they were` : `${before.org.label}'s dispatch settings changed: ${JSON.stringify(before.row)} → ${JSON.stringify(after.row)}`,
        db: { query: SETTINGS_SQL, params: [before.org.id], rows: [{ before: before.row, after: after.row }] },
        entities: [before.org.id],
      };
    });
  }
}
