/**
 * List checks (docs/architecture.md#witness-checks): a page list compared with what the database
 * holds for the actor, as multisets, re-read until it settles; each leaves an outlined screenshot
 * and the query with its rows, and reports WITNESS-001 (TENANT-001 for another org's row).
 */
import type { Locator } from '@playwright/test';
import type { Actor } from '../actors.js';
import type { Shift } from '../../fixtures/builders.js';
import { compareMultisets, isEmptyDiff, type MultisetDiff } from '../multiset.js';
import type { Outline } from '../evidence.js';
import { InvariantError, reportViolation } from '../failure.js';
import { pageSignature } from '../signature.js';
import type * as probe from '../probe.js';
import type { WitnessContext } from '../context.js';

export interface PageRow {
  key: string;
  /** the org the row belongs to, when the database can tell */
  organizationId: string | null;
  text?: string;
}

export interface ListSpec {
  checkId: string;
  path: string;
  open(actor: Actor): Promise<void>;
  /** the list's loaded state on the page as it is (no navigation) */
  waitLoaded(actor: Actor): Promise<void>;
  root(actor: Actor): Locator;
  readPage(actor: Actor): Promise<PageRow[]>;
  expected(actor: Actor): Promise<{ result: probe.ProbeResult<unknown>; keys: string[] }>;
  /** does this page/database key stand for that shift? */
  matches(key: string, shift: Shift): boolean;
  /** how the shift reads in messages */
  describe(shift: Shift): string;
  rowLocator(actor: Actor, key: string): Locator | null;
  /** For a page that does not match: a known shape of mismatch (e.g. another day's rows), named as its own kind. */
  diagnose?(actor: Actor, pageKeys: string[]): Promise<{ kind: string; problem: string } | null>;
}

export class ListWitness {
  private readonly shows: Shift[] = [];
  private readonly lacks: Shift[] = [];
  private readonly shownAs = new Map<Shift, string>();
  private readonly rowsShown: string[] = [];
  private readonly rowsLacked: string[] = [];

  constructor(
    private readonly ctx: WitnessContext,
    private readonly spec: ListSpec,
    private readonly actor: Actor,
  ) {}

  /** The list must show this row (and the database must hold it); with `as`, a row whose key also reads `as` (a status label). */
  showing(shift: Shift, as?: string): this {
    this.shows.push(shift);
    if (as) this.shownAs.set(shift, as);
    return this;
  }

  /** The list must show a row whose key starts with `label` (a warehouse's or a driver's name), and the database must hold it. */
  showingRow(label: string): this {
    this.rowsShown.push(label);
    return this;
  }

  /** The list must show no row whose key starts with `label`. */
  lackingRow(label: string): this {
    this.rowsLacked.push(label);
    return this;
  }

  /** The list must not show this row; checked only once the list has loaded. */
  lacking(shift: Shift): this {
    this.lacks.push(shift);
    return this;
  }

  /** One reading of the page against the database, and what is wrong with it. */
  private async compare(): Promise<Comparison> {
    const { spec, actor } = this;
    const shown = await spec.readPage(actor);
    const { result, keys: dbKeys } = await spec.expected(actor);
    const pageKeys = shown.map((r) => r.key);
    const diff: MultisetDiff = compareMultisets(pageKeys, dbKeys);
    const foreign = shown.filter((r) => r.organizationId !== null && r.organizationId !== actor.org.id);
    const onPage = (s: Shift) => pageKeys.filter((k) => spec.matches(k, s));
    const shownRight = (s: Shift) => onPage(s).filter((k) => !this.shownAs.has(s) || k.includes(this.shownAs.get(s)!));
    const missingTargets = this.shows.filter((s) => shownRight(s).length === 0);
    const presentForbidden = this.lacks.filter((s) => onPage(s).length > 0);
    let invariantId = 'WITNESS-001';
    const problems: string[] = [];
    if (foreign.length) {
      invariantId = 'TENANT-001';
      problems.push(`${foreign.length} row(s) of another organization: ${foreign.map((f) => f.key).join('; ')}`);
    }
    const byLabel = (label: string) => pageKeys.filter((k) => k === label || k.startsWith(`${label} |`));
    const missingRows = this.rowsShown.filter((l) => byLabel(l).length === 0);
    const forbiddenRows = this.rowsLacked.filter((l) => byLabel(l).length > 0);
    const kinds: string[] = [];
    if (presentForbidden.length) (problems.push(`shows what it must not: ${presentForbidden.map((s) => spec.describe(s)).join('; ')}`), kinds.push('forbidden'));
    if (missingTargets.length) (problems.push(`does not show: ${missingTargets.map((s) => `${spec.describe(s)}${this.shownAs.has(s) ? ` as ${this.shownAs.get(s)}` : ''}`).join('; ')}`), kinds.push('unshown'));
    if (forbiddenRows.length) (problems.push(`shows what it must not: ${forbiddenRows.join('; ')}`), kinds.push('forbidden'));
    if (missingRows.length) (problems.push(`does not show: ${missingRows.join('; ')}`), kinds.push('unshown'));
    if (diff.missing.length) (problems.push(`missing vs database: ${diff.missing.join('; ')}`), kinds.push('missing'));
    if (diff.extra.length && !foreign.length) (problems.push(`extra vs database: ${diff.extra.join('; ')}`), kinds.push('extra'));
    if (diff.duplicated.length) (problems.push(`shown twice: ${diff.duplicated.join('; ')}`), kinds.push('duplicated'));
    return { shown, pageKeys, dbKeys, result, diff, foreign, onPage, presentForbidden, invariantId, problems, kinds, ok: problems.length === 0 && isEmptyDiff(diff) };
  }

  /**
   * Compare the page with the database as multisets, record the pair, fail with an id. The page
   * is opened first, or with `inPlace` read as it stands after an action (once loaded). A client
   * may still be rendering a moment after its loaded signal (a row removed, a chip updated): the
   * reading is repeated for up to `settleMs` until it matches, and the last reading is the verdict.
   */
  async matchesDb(opts: { inPlace?: boolean; settleMs?: number } = {}): Promise<void> {
    const { spec, actor } = this;
    await this.ctx.check(`witness: ${spec.path} of ${actor.name} matches the database`, () => this.check(opts));
  }

  private async check(opts: { inPlace?: boolean; settleMs?: number }): Promise<void> {
    const { ctx, spec, actor } = this;
    await ctx.begin(spec.checkId);
    if (opts.inPlace) await spec.waitLoaded(actor);
    else await spec.open(actor);
    // A row of another organization on the page is a leak the moment it is drawn: no need to wait it out.
    const c = await ctx.settle(() => this.compare(), (r) => r.ok, opts.settleMs, (r) => r.foreign.length > 0);
    const { shown, pageKeys, dbKeys, result, diff, foreign, onPage, presentForbidden, invariantId, problems, ok } = c;
    // A diagnosis names a page that differs from the database (another day's table), not one that matches it but lacks a row asked for.
    const diagnosis = !ok && !foreign.length && !isEmptyDiff(diff) && spec.diagnose ? await spec.diagnose(actor, pageKeys) : null;
    if (diagnosis) problems.unshift(diagnosis.problem);

    const outlines: Outline[] = [{ locator: spec.root(actor), tone: 'checked' }];
    for (const s of this.shows) {
      for (const k of onPage(s)) {
        const l = spec.rowLocator(actor, k);
        if (l) outlines.push({ locator: l, tone: 'expected' });
      }
    }
    for (const k of [...diff.extra, ...diff.duplicated, ...presentForbidden.flatMap((s) => onPage(s))]) {
      const l = spec.rowLocator(actor, k);
      if (l) outlines.push({ locator: l, tone: 'error' });
    }
    const summary = ok
      ? `${spec.path} of ${actor.user.email} shows exactly the ${dbKeys.length} row(s) the database holds`
      : `${spec.path} of ${actor.user.email} (${actor.org.label}) ${problems.join(' | ')}`;
    // The kind of row in error names the failure across runs: which rows is the evidence's job.
    const rowKind = ok ? undefined : diagnosis ? diagnosis.kind : [foreign.length ? 'foreign' : '', c.kinds.join('+')].filter(Boolean).join('+');
    const signature = pageSignature(invariantId, spec.path, spec.checkId, rowKind);
    const rowsFile = await ctx.record({
      checkId: spec.checkId,
      invariantId,
      org: actor.org.label,
      ok,
      summary,
      signature,
      actor: { name: actor.name, id: actor.user.id, org: actor.org.label },
      page: { url: actor.page.url(), shown },
      db: { query: result.query, params: result.params, rows: result.rows },
      diff: { ...diff, shows: this.shows.map((s) => spec.describe(s)), lacks: this.lacks.map((s) => spec.describe(s)), foreign },
      shot: { page: actor.page, outlines },
    });
    if (!ok) {
      reportViolation(
        new InvariantError(invariantId, summary, {
          signature,
          entities: [...diff.extra, ...diff.missing, ...diff.duplicated],
          evidenceFile: rowsFile,
          details: { page: pageKeys, screenshot: rowsFile.replace(/\.json$/, '.png') },
          rows: result.rows,
        }),
      );
    }
  }
}

interface Comparison {
  shown: PageRow[];
  pageKeys: string[];
  dbKeys: string[];
  result: probe.ProbeResult<unknown>;
  diff: MultisetDiff;
  foreign: PageRow[];
  onPage: (s: Shift) => string[];
  presentForbidden: Shift[];
  invariantId: string;
  problems: string[];
  /** the kinds of row in error: forbidden, unshown, missing, extra, duplicated */
  kinds: string[];
  ok: boolean;
}
