/**
 * API checks (TENANT-004/005, TENANT-001, AUTH-005, WITNESS-002, HARNESS-005): a cross-organization
 * request is refused with a 4xx, changes nothing of the other organization and leaks none of its ids
 * or names — and it counts as refused only after its positive control, the same method and path
 * template on an org-A twin entity in the same state, succeeded earlier in the same attempt
 * (docs/architecture.md#controls). Every request carries the suite's own x-request-id.
 */
import type { z } from 'zod';
import type { Actor } from '../actors.js';
import type { SlotUser } from '../../fixtures/slots.js';
import type { WitnessContext } from '../context.js';
import { InvariantError, reportViolation } from '../failure.js';
import { apiSignature } from '../signature.js';
import { orgState } from '../probe.js';
import { describe, leaks, requestEntities, requestTemplate, send, type ApiRequest, type CrossOrgCase, type ForeignMarks, type Outcome, type Sent } from './api-request.js';
import { otherOrgUntouched } from './other-org.js';

export { foreignMarks, type ApiRequest, type CrossOrgCase, type ForeignMarks, type Outcome } from './api-request.js';

/** A positive control's outcome, kept for the refusal that follows it. */
interface ControlOutcome {
  ok: boolean;
  request: ApiRequest;
  evidence: string;
  summary: string;
}

export class ApiWitness {
  /** the controls of this attempt, by request template (the witness lives for one attempt) */
  private readonly controls = new Map<string, ControlOutcome>();

  constructor(private readonly ctx: WitnessContext) {}

  /**
   * A cross-org refusal with its positive control, in that order: `control` (same method and path
   * template, on an org-A twin in the same state) must succeed with `schema`; then `probe` must be
   * refused. When the control fails, the refusal is recorded *not evaluated* and the control's
   * failure is reported with it (softly: the journey goes on to its other checks).
   */
  async crossOrg<S extends z.ZodTypeAny>(actor: Actor, pair: CrossOrgCase<S>, foreign: ForeignMarks): Promise<void> {
    const title = `witness: ${pair.name ?? describe(pair.probe)} is refused to ${actor.name} (after its control ${describe(pair.control)})`;
    return await this.ctx.check(title, () => this.checkCrossOrg(actor, pair, foreign));
  }

  private async checkCrossOrg<S extends z.ZodTypeAny>(actor: Actor, pair: CrossOrgCase<S>, foreign: ForeignMarks): Promise<void> {
    if (requestTemplate(pair.control) !== requestTemplate(pair.probe)) {
      throw new InvariantError('HARNESS-005', `the control ${describe(pair.control)} is not the same request template as the refusal ${describe(pair.probe)} (${requestTemplate(pair.control)} vs ${requestTemplate(pair.probe)})`);
    }
    const control = await this.checkControl(actor, pair.control, pair.schema, false);
    await this.checkRefused(actor, pair.probe, foreign); // judged only if the control succeeded
    if (!control.ok) {
      // The control's own failure, reported with the refusal it left unjudged next to it.
      const e = control.error;
      reportViolation(new InvariantError(e.invariantId, e.summary, { ...e.evidence, details: { ...(e.evidence.details ?? {}), 'not evaluated': `the refusal of ${describe(pair.probe)} (its control failed)` } }));
    }
  }

  /**
   * The positive control of a refusal to come: AUTH-005 / WITNESS-002 like `succeeds`, remembered
   * by template. A failed control is reported (the journey goes on) and leaves its refusal not
   * evaluated.
   */
  async control<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S): Promise<Outcome<z.infer<S>>> {
    return await this.ctx.check(`witness: the control ${describe(req)} succeeds for ${actor.name}`, () => this.checkControl(actor, req, schema, true));
  }

  private async checkControl<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S, report: boolean): Promise<Outcome<z.infer<S>>> {
    const r = await this.checkSucceeds(actor, req, schema, 'control', report);
    this.controls.set(requestTemplate(req), { ok: r.ok, request: req, evidence: r.evidence, summary: r.ok ? `control ${describe(req)} succeeded` : r.summary });
    return r;
  }

  /**
   * TENANT-004 and TENANT-005: refused with a 4xx, the other org unchanged, nothing of it in the
   * body. Evaluated only after a successful control of the same template in this attempt: with a
   * failed control it is *not evaluated*; with none at all it is HARNESS-005.
   */
  async refused(actor: Actor, req: ApiRequest, foreign: ForeignMarks): Promise<void> {
    return await this.ctx.check(`witness: ${describe(req)} on ${foreign.org.label}'s entity is refused to ${actor.name}`, () => this.checkRefused(actor, req, foreign));
  }

  private async checkRefused(actor: Actor, req: ApiRequest, foreign: ForeignMarks): Promise<void> {
    const key = requestTemplate(req);
    const call = `${describe(req)} on ${foreign.org.label}'s entity`;
    const checkId = `refused-${req.method.toLowerCase()}`;
    await this.ctx.begin(checkId);
    const control = this.controls.get(key);
    if (!control) {
      const summary = `${call} was to be checked as refused with no positive control of ${key} earlier in this attempt; a refusal without its control proves nothing`;
      const signature = apiSignature('HARNESS-005', req, foreign.ids);
      const file = await this.ctx.record({
        checkId,
        invariantId: 'HARNESS-005',
        org: actor.org.label,
        ok: false,
        summary,
        signature,
        db: { query: 'none (no request sent)', params: [], rows: [{ request: req, template: key, controlsThisAttempt: [...this.controls.keys()] }] },
      });
      reportViolation(new InvariantError('HARNESS-005', summary, { signature, evidenceFile: file, rows: [{ request: req, template: key }] }));
      return;
    }
    if (!control.ok) {
      await this.ctx.record({
        checkId,
        invariantId: 'TENANT-004',
        org: actor.org.label,
        ok: 'not-evaluated',
        summary: `${call} not evaluated: its control ${describe(control.request)} failed (${control.summary.slice(0, 160)})`,
        signature: apiSignature('TENANT-004', req, foreign.ids),
        db: { query: 'none (no request sent)', params: [], rows: [{ request: req, template: key, control: control.request, controlEvidence: control.evidence }] },
        notEvaluated: { because: `the positive control ${describe(control.request)} failed`, control: control.evidence },
      });
      return;
    }
    const before = await orgState(this.ctx.pool, foreign.org.id);
    const res = await send(this.ctx.trail, actor, req);
    const after = await orgState(this.ctx.pool, foreign.org.id);
    const unchanged = JSON.stringify(before.state) === JSON.stringify(after.state);
    const refused = res.status >= 400 && res.status < 500;
    const leaked = leaks(res.text, foreign);
    const who = `${actor.user.email} (${actor.org.label})`;
    const response = { request: req, status: res.status, requestId: res.requestId, body: res.text.slice(0, 2000), control: control.evidence };
    let invariantId = 'TENANT-004';
    let summary = `${call} by ${who} refused with ${res.status}, nothing changed, nothing leaked (control: ${describe(control.request)} succeeded)`;
    let ok = true;
    if (!refused || !unchanged) {
      ok = false;
      summary = `${call} by ${who} ${refused ? `was refused (${res.status}) but` : `answered ${res.status}${unchanged ? '' : ' and'}`}${unchanged ? '' : ` changed ${foreign.org.label}'s rows`}`;
    } else if (leaked.length) {
      ok = false;
      invariantId = 'TENANT-005';
      summary = `${call} by ${who} was refused (${res.status}) but the body names ${foreign.org.label}'s ${leaked.join(', ')}`;
    }
    const rows: unknown[] = [response];
    if (!unchanged) rows.push({ before: before.state, after: after.state });
    const signature = apiSignature(invariantId, req, foreign.ids);
    const file = await this.ctx.record({ checkId, invariantId, org: actor.org.label, ok, summary, signature, db: { query: before.query, params: [foreign.org.id], rows } });
    if (!ok) reportViolation(new InvariantError(invariantId, summary, { signature, entities: requestEntities(req), evidenceFile: file, rows: [response] }));
  }

  /**
   * AUTH-005 and WITNESS-002: the caller's own-org request succeeds with the contract's shape. A
   * failure is reported and the journey goes on; the outcome says whether there is data to use.
   */
  async succeeds<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S): Promise<Outcome<z.infer<S>>> {
    return await this.ctx.check(`witness: ${describe(req)} succeeds for ${actor.name}`, () => this.checkSucceeds(actor, req, schema, 'own-org', true));
  }

  private async checkSucceeds<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S, role: 'own-org' | 'control', report: boolean): Promise<Outcome<z.infer<S>>> {
    const checkId = role === 'control' ? 'control' : 'own-org-succeeds';
    await this.ctx.begin(checkId);
    const res = await send(this.ctx.trail, actor, req);
    const who = `${actor.user.email} (${actor.org.label})`;
    const what = role === 'control' ? `the positive control ${describe(req)}` : describe(req);
    const response = { request: req, status: res.status, requestId: res.requestId, body: res.text.slice(0, 4000) };
    const fail = async (invariantId: string, failCheck: string, summary: string): Promise<Outcome<z.infer<S>>> => {
      const signature = apiSignature(invariantId, req);
      const evidence = await this.ctx.record({ checkId: failCheck, invariantId, org: actor.org.label, ok: false, summary, signature, db: { query: describe(req), params: [], rows: [response] } });
      const error = new InvariantError(invariantId, summary, { signature, entities: requestEntities(req), evidenceFile: evidence, rows: [response] });
      if (report) reportViolation(error);
      return { ok: false, evidence, summary, error };
    };
    if (res.status < 200 || res.status >= 300) {
      return fail('AUTH-005', checkId, `${what} by ${who} on its own organization should succeed, answered ${res.status}`);
    }
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return fail('WITNESS-002', 'contract-shape', `${what} answered ${res.status} with a body that is not the contract's shape: ${issues.join('; ')}`);
    }
    const evidence = await this.ctx.record({
      checkId,
      invariantId: 'AUTH-005',
      org: actor.org.label,
      ok: true,
      summary: `${what} by ${who} answered ${res.status} with the contract's shape`,
      signature: apiSignature('AUTH-005', req),
      db: { query: describe(req), params: [], rows: [response] },
    });
    return { ok: true, data: parsed.data, evidence };
  }

  /**
   * A `self` call (the caller's own data, or a create that lands in the caller's own org): it
   * succeeds with `schema` (AUTH-005, WITNESS-002) and leaves the other organization's rows as they
   * were (TENANT-006). The outcome is the call's, for the checks that follow it.
   */
  async leavesOtherOrg<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S, foreign: ForeignMarks): Promise<Outcome<z.infer<S>>> {
    const title = `witness: ${describe(req)} by ${actor.name} succeeds and leaves ${foreign.org.label} as it was`;
    return await this.ctx.check(title, () => otherOrgUntouched(this.ctx, actor, req, foreign, () => this.checkControl(actor, req, schema, true)));
  }

  /** TENANT-001: a list the caller may read holds nothing of the other organization. */
  async listLacks<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S, foreign: ForeignMarks): Promise<void> {
    const whose = { label: foreign.org.label, invariantId: 'TENANT-001' as const, checkId: 'list-isolation' };
    return await this.ctx.check(`witness: ${describe(req)} for ${actor.name} holds nothing of ${whose.label}`, () => this.checkListLacks(actor, req, schema, foreign, whose));
  }

  /** AUTH-006: a driver's own list (history, dashboard…) holds no row, id or name of another driver, `other`. */
  async listLacksDriver<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S, other: { user: SlotUser; rowIds: string[] }): Promise<void> {
    const marks = { ids: [other.user.id, ...other.rowIds], names: [other.user.name, other.user.email] };
    const whose = { label: other.user.key, invariantId: 'AUTH-006' as const, checkId: 'driver-scope' };
    return await this.ctx.check(`witness: ${describe(req)} for ${actor.name} holds nothing of ${whose.label}`, () => this.checkListLacks(actor, req, schema, marks, whose));
  }

  /** `marks`: the ids and names the list must not hold; `whose`: whom they belong to, and the check's ids. */
  private async checkListLacks<S extends z.ZodTypeAny>(
    actor: Actor,
    req: ApiRequest,
    schema: S,
    marks: Pick<ForeignMarks, 'ids' | 'names'>,
    whose: { label: string; invariantId: 'TENANT-001' | 'AUTH-006'; checkId: string },
  ): Promise<void> {
    const { invariantId, checkId } = whose;
    const read = await this.checkSucceeds(actor, req, schema, 'own-org', true);
    const signature = apiSignature(invariantId, req);
    if (!read.ok) {
      await this.ctx.record({
        checkId,
        invariantId,
        org: actor.org.label,
        ok: 'not-evaluated',
        summary: `${describe(req)} for ${actor.user.email} not evaluated: the list could not be read (${read.summary.slice(0, 160)})`,
        signature,
        db: { query: describe(req), params: [], rows: [] },
        notEvaluated: { because: `the list ${describe(req)} could not be read`, control: read.evidence },
      });
      return;
    }
    await this.ctx.begin(checkId);
    const body = JSON.stringify(read.data);
    const leaked = leaks(body, marks);
    const ok = leaked.length === 0;
    const summary = ok
      ? `${describe(req)} for ${actor.user.email} holds nothing of ${whose.label}`
      : `${describe(req)} for ${actor.user.email} (${actor.org.label}) holds ${whose.label}'s ${leaked.join(', ')}`;
    const file = await this.ctx.record({ checkId, invariantId, org: actor.org.label, ok, summary, signature, db: { query: describe(req), params: [], rows: [{ body: body.slice(0, 4000) }] } });
    if (!ok) reportViolation(new InvariantError(invariantId, summary, { signature, entities: leaked.filter((x) => marks.ids.includes(x)), evidenceFile: file, rows: [{ leaked }] }));
  }

  /** Send a request as the actor without judging it: the answers are judged together (e.g. a race). */
  async send(actor: Actor, req: ApiRequest): Promise<Sent> {
    return await send(this.ctx.trail, actor, req);
  }
}
