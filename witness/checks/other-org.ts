/**
 * TENANT-006 around one call: the other organization's rows (`orgState`) before and after the call
 * the caller makes in its own organization must be the same.
 */
import type { Actor } from '../actors.js';
import type { WitnessContext } from '../context.js';
import { InvariantError, reportViolation } from '../failure.js';
import { apiSignature } from '../signature.js';
import { orgState } from '../probe.js';
import { describe, type ApiRequest, type ForeignMarks } from './api-request.js';

export async function otherOrgUntouched<T extends { evidence: string }>(ctx: WitnessContext, actor: Actor, req: ApiRequest, foreign: ForeignMarks, call: () => Promise<T>): Promise<T> {
  const before = await orgState(ctx.pool, foreign.org.id);
  const outcome = await call();
  const after = await orgState(ctx.pool, foreign.org.id);
  await ctx.begin('other-org-untouched');
  const unchanged = JSON.stringify(before.state) === JSON.stringify(after.state);
  const who = `${describe(req)} by ${actor.user.email} (${actor.org.label})`;
  const summary = unchanged ? `${who} left ${foreign.org.label}'s rows as they were` : `${who} changed ${foreign.org.label}'s rows`;
  const signature = apiSignature('TENANT-006', req);
  const rows: unknown[] = [{ request: req, call: outcome.evidence }];
  if (!unchanged) rows.push({ before: before.state, after: after.state });
  const file = await ctx.record({ checkId: 'other-org-untouched', invariantId: 'TENANT-006', org: actor.org.label, ok: unchanged, summary, signature, db: { query: before.query, params: [foreign.org.id], rows } });
  if (!unchanged) reportViolation(new InvariantError('TENANT-006', summary, { signature, entities: [foreign.org.id], evidenceFile: file, rows: rows.slice(0, 1) }));
  return outcome;
}
