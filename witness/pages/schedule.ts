/** /schedule (contract §5.3): the actor's assignment rows, by id, against the database. */
import type { WitnessContext } from '../context.js';
import * as probe from '../probe.js';
import type { ListSpec } from '../checks/list.js';

export function scheduleSpec(ctx: WitnessContext): ListSpec {
  const { pool } = ctx;
  return {
    checkId: 'schedule',
    path: '/schedule',
    open: (a) => a.schedule.open(),
    waitLoaded: (a) => a.schedule.waitLoaded(),
    root: (a) => a.schedule.list,
    async readPage(a) {
      const ids = await a.schedule.assignmentIds();
      const owners = await probe.assignmentOrgs(pool, [...new Set(ids)]);
      const org = new Map(owners.rows.map((r) => [r.id, r.organization_id]));
      return ids.map((id) => ({ key: id, organizationId: org.get(id) ?? null }));
    },
    async expected(a) {
      const result = await probe.scheduleRows(pool, a.user.id, ctx.now());
      return { result, keys: result.rows.map((r) => r.assignment_id) };
    },
    matches: (key, s) => key === s.assignmentId,
    describe: (s) => `${s.assignmentId} (${s.routeName}, ${s.date})`,
    rowLocator: (a, key) => a.schedule.row(key),
  };
}
