/**
 * The witness viewer (docs/architecture.md#output): one static page per run, `<run>/viewer.html`, that shows
 * every check as a pair — the screenshot with the checked element outlined beside the query and its
 * rows — failures first, with filters by scenario, invariant, class, organization and status.
 *
 * Self-contained: inline CSS and JS, no network, no server; it opens from disk (file://). The report
 * and every check's rows file are embedded as JSON; screenshots are referenced by their path
 * relative to the run folder, so the page works wherever the run folder is copied or downloaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FAILURE_CLASSES, type Check, type Failure, type Report, type Scenario } from './schema.js';
import { defectFileName } from './defect.js';

/** Rows files above this size are not embedded (the page links to them instead). */
const MAX_EMBED_BYTES = 4 * 1024 * 1024;
/** Rows shown in a table before "… more in the raw JSON". */
const MAX_TABLE_ROWS = 100;

const NO_CLASS = 'none';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Loaded = { ok: true; data: Json } | { ok: false; error: string };

interface Pair {
  id: string;
  check: Check;
  scenario: Scenario;
  invariants: string[];
  /** the failure this check belongs to, when its scenario failed */
  failure: Failure | null;
  failing: boolean;
}

// ---------------------------------------------------------------------------------------------
// helpers

function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON for a `<script type="application/json">` block: nothing in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A path from the report as a relative URL (each segment encoded; `#` or `?` in a name stay literal). */
function href(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function isObj(v: unknown): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function invariantsOf(c: Check): string[] {
  return c.invariantId
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function classSlug(cls: string): string {
  return cls.toLowerCase().replace(/[^a-z]+/g, '-');
}

/** Read one rows file of the run, refusing paths that leave the run folder. */
function loadRows(runDir: string, rel: string): Loaded {
  const root = path.resolve(runDir);
  const file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return { ok: false, error: `path leaves the run folder: ${rel}` };
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return { ok: false, error: `not found: ${rel}` };
  }
  if (size > MAX_EMBED_BYTES) return { ok: false, error: `${rel} is ${(size / 1024 / 1024).toFixed(1)} MB: too large to embed, open the file` };
  try {
    return { ok: true, data: JSON.parse(fs.readFileSync(file, 'utf8')) as Json };
  } catch (e) {
    return { ok: false, error: `${rel} is not valid JSON: ${(e as Error).message}` };
  }
}

// ---------------------------------------------------------------------------------------------
// the pairs

function buildPairs(report: Report): Pair[] {
  const pairs: Pair[] = [];
  const order = new Map(report.scenarios.map((s, i) => [s, i]));
  for (const s of report.scenarios) {
    const failures = report.failures.filter((f) => f.scenarioId === s.scenarioId);
    const scenarioFailed = s.status === 'failed' || s.status === 'flaky' || s.status === 'interrupted';
    for (const c of s.checks) {
      const invariants = invariantsOf(c);
      const failure = scenarioFailed
        ? failures.find((f) => f.invariantId !== null && invariants.includes(f.invariantId)) ?? failures[0] ?? null
        : null;
      pairs.push({ id: '', check: c, scenario: s, invariants, failure, failing: c.verdict === 'fail' });
    }
  }
  // Failing checks first, then the other checks of failed scenarios, then the rest in run order.
  const rank = (p: Pair) => (p.failing ? 0 : p.failure ? 1 : 2);
  pairs.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (order.get(a.scenario) ?? 0) - (order.get(b.scenario) ?? 0) ||
      a.check.attempt - b.check.attempt ||
      a.check.seq - b.check.seq,
  );
  pairs.forEach((p, i) => (p.id = `pair-${i + 1}`));
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// rendering: the right half of a pair

function cell(v: unknown): string {
  if (v === null || v === undefined) return '<span class="nil">null</span>';
  if (typeof v === 'string') return esc(v);
  if (typeof v === 'number' || typeof v === 'boolean') return `<span class="lit">${esc(String(v))}</span>`;
  return `<code>${esc(JSON.stringify(v))}</code>`;
}

function rowsTable(rows: unknown[]): string {
  if (!rows.length) return '<p class="empty">0 rows</p>';
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const more = rows.length - shown.length;
  const tail = more > 0 ? `<p class="more">… ${more} more row(s) in the raw JSON</p>` : '';
  if (!shown.every(isObj)) {
    return `<ol class="plain-rows">${shown.map((r) => `<li>${cell(r)}</li>`).join('')}</ol>${tail}`;
  }
  const cols: string[] = [];
  for (const r of shown as Record<string, unknown>[]) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const head = `<tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const td = (v: unknown) => {
    const long = (typeof v === 'string' && v.length > 48) || (typeof v === 'object' && v !== null && JSON.stringify(v).length > 48);
    return `<td${long ? ' class="wrap"' : ''}>${cell(v)}</td>`;
  };
  const body = (shown as Record<string, unknown>[]).map((r) => `<tr>${cols.map((c) => td(r[c])).join('')}</tr>`).join('');
  return `<div class="table-wrap"><table class="rows"><thead>${head}</thead><tbody>${body}</tbody></table></div>${tail}`;
}

/** Rows, or per-invariant groups of rows (`[{invariantId, rows: [...]}, …]`, as the global invariants write them). */
function rowsBlock(rows: unknown[]): string {
  const grouped = rows.length > 0 && rows.every((r) => isObj(r) && typeof r.invariantId === 'string' && Array.isArray(r.rows));
  const count = `<span class="count">${rows.length} row${rows.length === 1 ? '' : 's'}</span>`;
  if (!grouped) return `<h4>Rows ${count}</h4>${rowsTable(rows)}`;
  const groups = (rows as { invariantId: string; rows: unknown[] }[])
    .map(
      (g) =>
        `<div class="group"><div class="group-head"><b>${esc(g.invariantId)}</b> ${
          g.rows.length ? `<span class="bad">${g.rows.length} offending row(s)</span>` : '<span class="good">0 offending rows ✓</span>'
        }</div>${g.rows.length ? rowsTable(g.rows) : ''}</div>`,
    )
    .join('');
  return `<h4>Rows <span class="count">by invariant</span></h4>${groups}`;
}

function keyOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v.key === 'string') return v.key;
  return JSON.stringify(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** What the page showed, each row marked with what is wrong with it, and the diff against the database. */
function pageBlock(page: { [k: string]: Json }, diff: { [k: string]: Json } | null): string {
  const shown = list(page.shown);
  const foreign = new Set(list(diff?.foreign).map(keyOf));
  const extra = new Set(list(diff?.extra).map(keyOf));
  const dup = new Set(list(diff?.duplicated).map(keyOf));
  const lacks = new Set(list(diff?.lacks).map(keyOf));
  const url = str(page.url);
  const items = shown
    .map((r) => {
      const k = keyOf(r);
      const tags: string[] = [];
      if (foreign.has(k)) tags.push('another organization');
      if (lacks.has(k)) tags.push('must not show');
      if (extra.has(k) && !foreign.has(k)) tags.push('not in the database');
      if (dup.has(k)) tags.push('shown twice');
      const text = isObj(r) && typeof r.text === 'string' && r.text !== k ? `<span class="sub">${esc(r.text)}</span>` : '';
      const org = isObj(r) && typeof r.organizationId === 'string' ? `<span class="sub mono">org ${esc(r.organizationId)}</span>` : '';
      return `<li class="${tags.length ? 'err' : 'ok'}"><span class="mark">${tags.length ? '✗' : '✓'}</span><div><span class="key">${esc(k)}</span>${
        tags.length ? ` <span class="tag">${tags.map(esc).join(' · ')}</span>` : ''
      }${text}${org}</div></li>`;
    })
    .join('');
  let out = `<h4>What the page showed <span class="count">${shown.length} item${shown.length === 1 ? '' : 's'}</span></h4>`;
  if (url) out += `<div class="url mono">${esc(url)}</div>`;
  out += shown.length ? `<ul class="shown">${items}</ul>` : '<p class="empty">nothing</p>';
  if (diff) out += diffBlock(diff, new Set(shown.map(keyOf)));
  return out;
}

function diffBlock(diff: { [k: string]: Json }, onPage: Set<string>): string {
  const lines: string[] = [];
  const add = (label: string, values: unknown[], cls: string, mark?: (k: string) => boolean) => {
    if (!values.length) return;
    const vs = values
      .map((v) => {
        const k = keyOf(v);
        const good = mark ? mark(k) : cls === 'good';
        return `<li class="${good ? 'ok' : 'err'}"><span class="mark">${good ? '✓' : '✗'}</span><span class="key">${esc(k)}</span></li>`;
      })
      .join('');
    lines.push(`<div class="diff-row"><div class="diff-label">${esc(label)}</div><ul class="shown compact">${vs}</ul></div>`);
  };
  add('in the database, not on the page', list(diff.missing), 'bad');
  add('on the page, not in the database', list(diff.extra), 'bad');
  add('shown more than once', list(diff.duplicated), 'bad');
  add('rows of another organization', list(diff.foreign), 'bad');
  add('must show', list(diff.shows), '', (k) => onPage.has(k));
  add('must not show', list(diff.lacks), '', (k) => !onPage.has(k));
  const errors = ['missing', 'extra', 'duplicated', 'foreign'].some((k) => list(diff[k]).length > 0);
  const head = `<h4>Diff against the database ${errors ? '<span class="bad">differs</span>' : '<span class="good">page and database agree</span>'}</h4>`;
  return head + (lines.length ? `<div class="diff">${lines.join('')}</div>` : '');
}

function queryBlock(query: string | null, params: unknown[]): string {
  if (!query) return '';
  const p = params.length ? `<div class="params"><span class="label">parameters</span> <code>${esc(JSON.stringify(params))}</code></div>` : '';
  return `<h4>Query</h4><pre class="sql">${esc(query)}</pre>${p}`;
}

/**
 * A rows file of another shape (e.g. run-precheck.json): its lists as tables under their own names,
 * lists of queries as queries, short fields as one line each.
 */
function genericBlock(d: { [k: string]: Json }): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(d)) {
    if (k === 'at') continue;
    if (Array.isArray(v)) {
      if (/quer/i.test(k) && v.every((x) => typeof x === 'string')) {
        out.push(`<h4>${esc(k)} <span class="count">${v.length}</span></h4>${v.map((q) => `<pre class="sql">${esc(q)}</pre>`).join('')}`);
      } else {
        out.push(`<h4>${esc(k)} <span class="count">${v.length}</span></h4>${v.length ? rowsTable(v) : '<p class="empty">none</p>'}`);
      }
    } else if (v !== null && typeof v === 'object') {
      out.push(`<h4>${esc(k)}</h4><pre class="raw">${esc(JSON.stringify(v, null, 2).slice(0, 20_000))}</pre>`);
    } else {
      out.push(`<div class="params"><span class="label">${esc(k)}</span> ${cell(v)}</div>`);
    }
  }
  return out.join('');
}

function dataHalf(pair: Pair, loaded: Loaded | undefined): string {
  const c = pair.check;
  if (!loaded || !loaded.ok) {
    return `<div class="missing-rows">The rows file could not be read: ${esc(loaded && !loaded.ok ? loaded.error : c.rows)}</div>`;
  }
  const d = loaded.data;
  const parts: string[] = [];
  if (isObj(d) && Array.isArray(d.checked)) {
    // run-sweep.json: one entry per invariant; this check is the one with its id.
    const entry = d.checked.find((e) => isObj(e) && e.id === c.invariantId);
    if (typeof d.error === 'string' && d.error) parts.push(`<div class="missing-rows">The sweep could not query the database: ${esc(d.error)}</div>`);
    if (isObj(entry)) {
      parts.push(queryBlock(str(entry.query), list(entry.params)));
      parts.push(rowsBlock(list(entry.rows)));
    }
  } else if (isObj(d)) {
    const actor = isObj(d.actor) ? d.actor : null;
    if (actor) parts.push(`<div class="actor">as <b>${esc(actor.name ?? '')}</b> <span class="mono">${esc(actor.id ?? '')}</span> (${esc(actor.org ?? '')})</div>`);
    const db = isObj(d.db) ? d.db : null;
    if (db) {
      parts.push(queryBlock(str(db.query), list(db.params)));
      parts.push(rowsBlock(list(db.rows)));
    }
    if (isObj(d.page)) parts.push(pageBlock(d.page, isObj(d.diff) ? d.diff : null));
  }
  if (!parts.length && isObj(d)) parts.push(genericBlock(d));
  if (!parts.length) parts.push(`<pre class="raw">${esc(JSON.stringify(d, null, 2).slice(0, 20_000))}</pre>`);
  parts.push(`<details class="raw-json" data-rows="${esc(c.rows)}"><summary>raw JSON · <a href="${esc(href(c.rows))}">${esc(c.rows)}</a></summary><pre class="raw"></pre></details>`);
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// rendering: a pair, a failure, the page

function pairHtml(pair: Pair, loaded: Loaded | undefined): string {
  const c = pair.check;
  const s = pair.scenario;
  const cls = pair.failure?.class ?? null;
  const attempts = s.attempts.length;
  const attempt = attempts > 1 ? `<span class="chip">attempt ${c.attempt + 1} of ${attempts}${c.attempt ? ' (retry)' : ''}</span>` : '';
  const shot = c.screenshot
    ? `<figure class="shot-side"><a href="${esc(href(c.screenshot))}" target="_blank" title="open the full-size screenshot"><img class="shot" src="${esc(href(c.screenshot))}" alt="screenshot of ${esc(c.checkId)} (${esc(s.scenarioId)})"${
        pair.failing ? '' : ' loading="lazy"'
      }></a><figcaption><span class="mono">${esc(c.screenshot)}</span></figcaption></figure>`
    : '';
  return `<article class="pair ${c.verdict}${c.screenshot ? '' : ' db-only'}" id="${pair.id}" data-scenario="${esc(s.scenarioId)}" data-invariants="${esc(
    pair.invariants.join(' '),
  )}" data-class="${esc(cls ?? NO_CLASS)}" data-org="${esc(c.organizationUnderTest)}" data-status="${c.verdict}">
<header class="pair-head">
  <span class="verdict ${c.verdict}">${c.verdict === 'fail' ? '✗ FAIL' : c.verdict === 'not-evaluated' ? '? NOT EVALUATED' : '✓ PASS'}</span>
  <span class="pair-ids"><b class="sid">${esc(s.scenarioId)}</b><span class="sep"> / </span><b class="iid">${esc(pair.invariants.join(', '))}</b></span>
  <span class="chip org">${esc(c.organizationUnderTest)}</span>
  <span class="chip check">${esc(c.checkId)}</span>
  ${attempt}
  ${
    cls
      ? `<span class="class-badge c-${classSlug(cls)}${pair.failing ? '' : ' muted'}" title="the class of ${esc(s.scenarioId)}'s failure">${pair.failing ? '' : 'scenario: '}${esc(cls)}</span>`
      : ''
  }
  <a class="anchor" href="#${pair.id}" title="link to this pair">#</a>
</header>
<p class="pair-summary">${esc(c.summary)}</p>${
    c.notEvaluated ? `<p class="pair-summary">not evaluated: ${esc(c.notEvaluated.because)} — <span class="mono">${esc(c.notEvaluated.control)}</span></p>` : ''
  }${c.requestIds.length ? `<p class="pair-title">x-request-id: <span class="mono">${c.requestIds.map(esc).join(' · ')}</span></p>` : ''}
<p class="pair-title">${esc(s.title)} <span class="mono">${esc(s.file)}</span></p>
<div class="pair-body">${shot}<div class="data-side">${c.screenshot ? '' : '<div class="db-note">database-only check: no screenshot</div>'}${dataHalf(pair, loaded)}</div></div>
</article>`;
}

function copyable(text: string, extra = ''): string {
  return `<div class="cmd"${extra}><code>${esc(text)}</code><button type="button" class="copy" title="copy">copy</button></div>`;
}

function failureHtml(f: Failure, runDir: string, pairs: Pair[]): string {
  const defect = `defects/${defectFileName(f)}`;
  const hasDefect = fs.existsSync(path.join(runDir, defect));
  const ids = Object.entries(f.keyEntityIds);
  const message = f.message.split('\n');
  const related = pairs.filter((p) => p.scenario.scenarioId === f.scenarioId && p.failing && (!f.invariantId || p.invariants.includes(f.invariantId)));
  const jumpHash = `scenario=${encodeURIComponent(f.scenarioId)}${f.invariantId && related.length ? `&invariant=${encodeURIComponent(f.invariantId)}` : ''}`;
  return `<article class="failure c-${classSlug(f.class)}" data-scenario="${esc(f.scenarioId)}" data-invariant="${esc(f.invariantId ?? '')}">
<header>
  <h3><span class="sid">${esc(f.scenarioId)}</span> <span class="sep">/</span> <span class="iid">${esc(f.invariantId ?? 'no invariant id')}</span></h3>
  <span class="class-badge c-${classSlug(f.class)}">${esc(f.class)}</span>
  ${f.organizationUnderTest ? `<span class="chip org">${esc(f.organizationUnderTest)}</span>` : ''}
  <span class="chip">${f.attempts} attempt${f.attempts === 1 ? '' : 's'}</span>
  <span class="chip ${f.known ? 'known' : 'new'}">${f.known ? 'known defect' : 'new'}</span>
</header>
<p class="failure-title">${esc(f.title)}</p>
<pre class="message">${esc(message.slice(0, 12).join('\n'))}${message.length > 12 ? `\n… ${message.length - 12} more line(s) in report.json` : ''}</pre>
<dl class="facts">
  <dt>class</dt><dd><b>${esc(f.class)}</b> — ${esc(f.classSignal)}</dd>
  <dt>signature</dt><dd class="mono">${esc(f.signature)}</dd>
  ${f.known ? `<dt>known defect</dt><dd><a href="${esc(f.known.link)}">${esc(f.known.link)}</a>${f.known.followOnOf ? ` (follow-on of <code>${esc(f.known.followOnOf)}</code>)` : ''} — contract ${esc(f.known.contract)}${f.known.appFile ? `, app <code>${esc(f.known.appFile)}</code>` : ''}</dd>` : ''}
  ${f.requestIds.length ? `<dt>request ids</dt><dd class="mono">${f.requestIds.map(esc).join('<br>')}</dd>` : ''}
  <dt>owner</dt><dd>${esc(f.owner)}</dd>
  <dt>repro</dt><dd>${copyable(f.repro)}</dd>
  ${
    f.trace
      ? `<dt>trace</dt><dd><a class="mono" href="${esc(href(f.trace))}">${esc(f.trace)}</a></dd>
  <dt>show trace</dt><dd>${copyable(f.showTrace ?? `pnpm exec playwright show-trace ${f.trace}`, ` data-trace="${esc(f.trace)}"`)}</dd>`
      : '<dt>trace</dt><dd class="dim">no trace (run-level failure, or traces were off)</dd>'
  }
  <dt>defect file</dt><dd>${hasDefect ? `<a class="mono defect-link" href="${esc(href(defect))}">${esc(defect)}</a>` : `<span class="dim">${esc(defect)} not written — run <code>pnpm triage &lt;this folder&gt;</code></span>`}</dd>
  ${f.evidence.length ? `<dt>evidence</dt><dd class="evidence">${f.evidence.map((e) => `<a class="mono" href="${esc(href(e))}">${esc(e)}</a>`).join('')}</dd>` : ''}
  ${ids.length ? `<dt>key entity ids</dt><dd class="ids">${ids.map(([k, v]) => `<span><span class="dim">${esc(k)}</span> <code>${esc(v)}</code></span>`).join('')}</dd>` : ''}
</dl>
${related.length ? `<a class="jump" href="#${jumpHash}">show its ${related.length} failing pair${related.length === 1 ? '' : 's'} ↓</a>` : `<p class="dim">No witness check of this scenario failed: the failure came from the test itself (see the message and the trace).</p>`}
</article>`;
}

function options(id: string, label: string, values: { value: string; text: string }[]): string {
  return `<label class="filter"><span>${esc(label)}</span><select id="f-${id}" data-filter="${id}"><option value="">all</option>${values
    .map((v) => `<option value="${esc(v.value)}">${esc(v.text)}</option>`)
    .join('')}</select></label>`;
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

export function renderViewer(report: Report, runDir: string): string {
  const pairs = buildPairs(report);
  const rows: Record<string, Loaded> = {};
  for (const p of pairs) if (!(p.check.rows in rows)) rows[p.check.rows] = loadRows(runDir, p.check.rows);
  const embedded: Record<string, Json> = {};
  for (const [k, v] of Object.entries(rows)) embedded[k] = v.ok ? v.data : { error: v.error };

  const r = report.run;
  const t = report.totals;
  const title = `Drive Witness — ${r.status === 'passed' ? 'passed' : r.status} — ${r.runId}`;
  const classes = uniq(pairs.map((p) => p.failure?.class ?? NO_CLASS));
  const classOpts = [...FAILURE_CLASSES.filter((c) => classes.includes(c)).map((c) => ({ value: c, text: c })), ...(classes.includes(NO_CLASS) ? [{ value: NO_CLASS, text: 'none (scenario passed)' }] : [])];
  const filters = [
    options('scenario', 'scenario', uniq(report.scenarios.filter((s) => s.checks.length).map((s) => s.scenarioId)).map((v) => ({ value: v, text: v }))),
    options('invariant', 'invariant', uniq(pairs.flatMap((p) => p.invariants)).sort().map((v) => ({ value: v, text: v }))),
    options('class', 'class', classOpts),
    options('org', 'org', uniq(pairs.map((p) => p.check.organizationUnderTest)).sort().map((v) => ({ value: v, text: v }))),
    options('status', 'status', [
      { value: 'fail', text: 'fail' },
      { value: 'not-evaluated', text: 'not evaluated' },
      { value: 'pass', text: 'pass' },
    ]),
  ].join('');

  const scenarioChips = report.scenarios
    .map((s) => {
      const failed = s.checks.filter((c) => c.verdict === 'fail').length;
      const tip = `${s.title}${s.skipReason ? ` — skipped: ${s.skipReason}` : ''}`;
      return `<a class="scn s-${s.status}" href="#scenario=${encodeURIComponent(s.scenarioId)}" title="${esc(tip)}"><b>${esc(s.scenarioId)}</b> <span>${esc(s.status)}</span> <span class="dim">${s.checks.length} check${s.checks.length === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''}</span></a>`;
    })
    .join('');

  const meta = [
    ['mode', r.mode ?? 'unknown'],
    ['target', r.target ?? 'unknown'],
    ['database', r.database ? `${r.database.host}:${r.database.port}/${r.database.name}` : 'unknown'],
    ['git', r.gitSha ? r.gitSha.slice(0, 12) : 'unknown'],
    ['workers', String(r.workers)],
    ['duration', `${(r.durationMs / 1000).toFixed(1)} s`],
    ['started', r.startedAt],
    ...(r.shard ? [['shard', `${r.shard.current}/${r.shard.total}`]] : []),
    ...(r.faults.length ? [['faults on', r.faults.join(', ')]] : []),
  ]
    .map(([k, v]) => `<span><span class="dim">${esc(k)}</span> ${esc(v)}</span>`)
    .join('');

  const failuresSection = report.failures.length
    ? `<section id="failures"><h2>Failures <span class="count">${report.failures.length}</span></h2>${report.failures.map((f) => failureHtml(f, runDir, pairs)).join('')}</section>`
    : '';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top ${r.status === 'passed' ? 'green' : 'red'}">
  <div class="top-line">
    <span class="run-status">${r.status === 'passed' ? '✓ PASSED' : `✗ ${esc(r.status.toUpperCase())}`}</span>
    <h1>Drive Witness <span class="mono">${esc(r.runId)}</span></h1>
    ${r.ciRunUrl ? `<a class="ci" href="${esc(r.ciRunUrl)}">CI run</a>` : ''}
  </div>
  <div class="totals">${t.passed} passed · ${t.failed} failed · ${t.flaky} flaky · ${t.skipped} skipped — ${t.checks} checks, ${t.checksFailed} failed${t.checksNotEvaluated ? `, ${t.checksNotEvaluated} not evaluated` : ''}</div>
  <div class="meta">${meta}</div>
  <nav class="scenarios">${scenarioChips}</nav>
</header>
<main>
${failuresSection}
<section id="pairs">
  <div class="filters" role="search">
    <h2>Evidence pairs</h2>
    ${filters}
    <span class="shown-count"><b id="shown-count">${pairs.length}</b> of ${pairs.length} pairs</span>
    <a href="#" id="reset" class="reset">reset</a>
  </div>
  <p class="legend"><span class="lg blue"></span>the list checked <span class="lg green"></span>a row it must show <span class="lg red"></span>rows in error</p>
  <div id="pair-list">
${pairs.map((p) => pairHtml(p, rows[p.check.rows])).join('\n')}
  </div>
  <p id="no-match" class="empty" hidden>No pair matches these filters.</p>
  ${pairs.length ? '' : '<p class="empty">This run recorded no checks.</p>'}
</section>
</main>
<footer>report: <a href="report.json">report.json</a> · <a href="summary.md">summary.md</a> · written ${esc(new Date().toISOString())}</footer>
<script type="application/json" id="witness-report">${scriptJson(report)}</script>
<script type="application/json" id="witness-rows">${scriptJson(embedded)}</script>
<script>${JS}</script>
</body>
</html>
`;
}

/** Write `<runDir>/viewer.html`. Never throws: the viewer must not cost a run its report. */
export function writeViewer(report: Report, runDir: string): string | null {
  const file = path.join(runDir, 'viewer.html');
  try {
    fs.writeFileSync(file, renderViewer(report, runDir));
    return file;
  } catch (e) {
    process.stderr.write(`[witness] the viewer could not be written (${file}): ${(e as Error).message}\n`);
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// inline CSS and JS

const CSS = `
:root{--fail:#d1242f;--fail-bg:#fff0f0;--pass:#1a7f37;--pass-bg:#effaf2;--blue:#1f6feb;--ink:#1f2328;--dim:#656d76;--line:#d8dee4;--bg:#f6f8fa;--card:#fff;
--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--blue);text-decoration:none}a:hover{text-decoration:underline}
.mono,code,pre{font-family:var(--mono);font-size:12.5px}
.dim{color:var(--dim)}
.top{background:#fff;border-bottom:1px solid var(--line);padding:16px 28px 12px;border-top:6px solid var(--pass)}
.top.red{border-top-color:var(--fail)}
.top-line{display:flex;align-items:center;gap:14px;flex-wrap:wrap}
.top h1{font-size:20px;margin:0;font-weight:600}.top h1 .mono{font-size:15px;color:var(--dim);font-weight:400}
.run-status{font-weight:700;padding:3px 10px;border-radius:6px;color:#fff;background:var(--pass)}.red .run-status{background:var(--fail)}
.ci{margin-left:auto}
.totals{margin-top:6px;font-size:15px}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;margin-top:6px;font-size:12.5px}
.scenarios{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
.scn{border:1px solid var(--line);border-radius:999px;padding:3px 12px;font-size:12.5px;color:var(--ink);background:#fff}
.scn:hover{text-decoration:none;border-color:var(--blue)}
.scn.s-passed b{color:var(--pass)}.scn.s-failed,.scn.s-interrupted{border-color:var(--fail);background:var(--fail-bg)}.scn.s-failed b,.scn.s-interrupted b{color:var(--fail)}
.scn.s-flaky{border-color:#bf8700;background:#fff8c5}.scn.s-skipped{opacity:.7}
main{padding:8px 28px 40px;max-width:1680px;margin:0 auto}
h2{font-size:17px;margin:22px 0 10px}.count{font-weight:400;color:var(--dim);font-size:13px}
h4{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--dim);margin:14px 0 6px;font-weight:600}
h4:first-child{margin-top:0}
.failure{background:#fff;border:1px solid var(--line);border-left:6px solid var(--fail);border-radius:8px;padding:14px 18px;margin-bottom:14px}
.failure header{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.failure h3{margin:0;font-size:18px}.sid{color:var(--ink)}.iid{color:var(--fail)}.sep{color:var(--dim);font-weight:400}
.failure-title{margin:6px 0;color:var(--dim)}
.message{background:var(--fail-bg);border:1px solid #ffd1d1;border-radius:6px;padding:10px 12px;white-space:pre-wrap;word-break:break-word;margin:8px 0;max-height:260px;overflow:auto}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:10px 0}
.facts dt{color:var(--dim);font-size:12.5px;padding-top:3px}.facts dd{margin:0;min-width:0}
.evidence,.ids{display:flex;flex-direction:column;gap:2px}.ids{flex-direction:row;flex-wrap:wrap;gap:4px 16px}
.cmd{display:flex;align-items:stretch;border:1px solid var(--line);border-radius:6px;background:#f6f8fa;max-width:100%}
.cmd code{padding:5px 10px;overflow-x:auto;white-space:nowrap;flex:1}
.copy{border:0;border-left:1px solid var(--line);background:#fff;border-radius:0 6px 6px 0;cursor:pointer;padding:0 10px;font:inherit;font-size:12px;color:var(--dim)}
.copy:hover{color:var(--blue)}
.jump{display:inline-block;margin-top:4px;font-weight:600}
.class-badge{font-size:12px;font-weight:600;padding:2px 9px;border-radius:999px;color:#fff;background:#57606a;white-space:nowrap}
.c-infra-ci{--c:#8250df}.c-data-schema-drift{--c:#bc4c00}.c-flake-timing{--c:#9a6700}.c-harness-diagnostics{--c:#57606a}.c-algorithm-regression{--c:#cf222e}
.class-badge[class*=" c-"]{background:var(--c)}.class-badge.muted{background:transparent;color:var(--c);border:1px solid var(--c);font-weight:500}.failure[class*=" c-"]{border-left-color:var(--c)}
.chip{font-size:12px;padding:1px 8px;border-radius:999px;background:#eef1f4;color:var(--ink);white-space:nowrap}
.chip.org{background:#ddf4ff;color:#0a3069}.chip.check{font-family:var(--mono)}
.filters{position:sticky;top:0;z-index:5;display:flex;align-items:center;flex-wrap:wrap;gap:8px 14px;background:rgba(246,248,250,.96);backdrop-filter:blur(4px);padding:10px 0;border-bottom:1px solid var(--line)}
.filters h2{margin:0 8px 0 0}
.filter{display:flex;align-items:center;gap:6px;font-size:12.5px;color:var(--dim)}
.filter select{font:inherit;font-size:13px;color:var(--ink);padding:4px 6px;border:1px solid var(--line);border-radius:6px;background:#fff;max-width:220px}
.filter select.active{border-color:var(--blue);box-shadow:0 0 0 2px #cfe3ff}
.shown-count{margin-left:auto;font-size:13px}.reset{font-size:13px}
.legend{font-size:12px;color:var(--dim);margin:8px 0 12px;display:flex;align-items:center;gap:6px;flex-wrap:wrap}
.lg{display:inline-block;width:22px;height:10px;border:3px solid;border-radius:3px;margin-left:10px}.lg.blue{border-color:var(--blue)}.lg.green{border-color:var(--pass);border-style:dashed}.lg.red{border-color:var(--fail);border-style:dashed}
.pair{background:var(--card);border:1px solid var(--line);border-radius:8px;margin-bottom:16px;overflow:hidden}
.pair.fail{border-color:#ffb3b3;box-shadow:0 0 0 1px #ffd1d1}
.pair-head{display:flex;align-items:center;gap:8px;flex-wrap:wrap;padding:9px 14px;border-bottom:1px solid var(--line);background:#fbfcfd}
.pair.fail .pair-head{background:var(--fail-bg)}
.verdict{font-weight:700;font-size:12px;padding:2px 8px;border-radius:5px;color:#fff}.verdict.pass{background:var(--pass)}.verdict.fail{background:var(--fail)}.verdict.not-evaluated{background:#9a6700}.chip.new{background:#d1242f;color:#fff}.chip.known{background:#6e7781;color:#fff}
.pair-ids{font-size:15px}.pair.pass .iid{color:var(--ink)}
.anchor{margin-left:auto;color:var(--dim)}
.pair-summary{margin:10px 14px 0;font-weight:500}.pair.fail .pair-summary{color:#82071e}
.pair-title{margin:2px 14px 0;color:var(--dim);font-size:12.5px}.pair-title .mono{margin-left:6px;font-size:11.5px}
.pair-body{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:18px;padding:12px 14px 14px}
.pair.db-only .pair-body{grid-template-columns:minmax(0,1fr)}
@media (max-width:1050px){.pair-body{grid-template-columns:minmax(0,1fr)}.pair-body .shot-side{position:static}}
.shot-side{margin:0;position:sticky;top:64px;align-self:start}.shot-side img{display:block;width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
.shot-side figcaption{font-size:11.5px;color:var(--dim);margin-top:4px;word-break:break-all}
.data-side{min-width:0}
.db-note{font-size:12px;color:var(--dim);font-style:italic;margin-bottom:6px}
.actor{font-size:13px;margin-bottom:8px}
.sql + .sql{margin-top:6px}
.sql{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:8px 10px;white-space:pre-wrap;word-break:break-word;max-height:7.6em;overflow:hidden;margin:0;position:relative}
.sql.long{cursor:zoom-in}.sql.long.open{max-height:none;cursor:zoom-out}
.sql.long:not(.open)::after{content:"click to show all";position:absolute;right:0;bottom:0;left:0;padding:14px 10px 4px;text-align:right;font:11.5px system-ui,sans-serif;color:var(--blue);background:linear-gradient(rgba(246,248,250,0),#f6f8fa 60%)}
.params{margin-top:4px;font-size:12.5px}.label{color:var(--dim)}
.table-wrap{overflow:auto;max-height:360px;border:1px solid var(--line);border-radius:6px}
table.rows{border-collapse:collapse;width:100%;font-size:12.5px}
table.rows th{position:sticky;top:0;background:#eef1f4;text-align:left;font-weight:600;padding:5px 8px;border-bottom:1px solid var(--line);white-space:nowrap}
table.rows td{padding:4px 8px;border-bottom:1px solid #eef1f4;vertical-align:top;white-space:nowrap}
table.rows td.wrap{white-space:normal;word-break:break-word;min-width:240px}
table.rows tr:last-child td{border-bottom:0}
.nil{color:var(--dim);font-style:italic}.lit{color:#0550ae}
.empty{color:var(--dim);font-style:italic;margin:4px 0}.more{color:var(--dim);font-size:12px;margin:4px 0}
.plain-rows{margin:0;padding-left:22px}
.group{margin-bottom:6px}.group-head{font-size:13px;margin-bottom:3px}
.good{color:var(--pass);font-weight:600;text-transform:none;letter-spacing:0}.bad{color:var(--fail);font-weight:600;text-transform:none;letter-spacing:0}
.url{font-size:12px;color:var(--dim);margin-bottom:4px;word-break:break-all}
ul.shown{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:6px}
ul.shown li{display:flex;gap:8px;padding:5px 10px;border-bottom:1px solid #eef1f4}ul.shown li:last-child{border-bottom:0}
ul.shown li.err{background:var(--fail-bg)}ul.shown .mark{font-weight:700;width:1em;flex:none}
ul.shown li.ok .mark{color:var(--pass)}ul.shown li.err .mark{color:var(--fail)}
ul.shown .key{font-weight:500}ul.shown .sub{display:block;font-size:12px;color:var(--dim)}
ul.shown .tag{font-size:11.5px;font-weight:600;color:var(--fail)}
ul.shown.compact li{padding:3px 8px}
.diff{display:flex;flex-direction:column;gap:8px}.diff-label{font-size:12.5px;color:var(--dim);margin-bottom:2px}
.raw-json{margin-top:12px;font-size:12.5px}.raw-json summary{cursor:pointer;color:var(--dim)}
pre.raw{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:8px 10px;max-height:420px;overflow:auto;white-space:pre-wrap;word-break:break-word}
.missing-rows{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 10px}
footer{padding:16px 28px;color:var(--dim);font-size:12px;border-top:1px solid var(--line)}
`;

/** Filters (combinable, kept in the URL hash), lazy raw JSON, copy buttons, show-trace paths for this disk. */
const JS = `
(function () {
  'use strict';
  var rows = JSON.parse(document.getElementById('witness-rows').textContent);
  var keys = ['scenario', 'invariant', 'class', 'org', 'status'];
  var selects = {};
  keys.forEach(function (k) { selects[k] = document.getElementById('f-' + k); });
  var pairs = Array.prototype.slice.call(document.querySelectorAll('.pair'));
  var count = document.getElementById('shown-count');
  var none = document.getElementById('no-match');

  function state() {
    var s = {};
    keys.forEach(function (k) { if (selects[k] && selects[k].value) s[k] = selects[k].value; });
    return s;
  }
  function matches(p, s) {
    if (s.scenario && p.dataset.scenario !== s.scenario) return false;
    if (s.invariant && p.dataset.invariants.split(' ').indexOf(s.invariant) < 0) return false;
    if (s['class'] && p.dataset['class'] !== s['class']) return false;
    if (s.org && p.dataset.org !== s.org) return false;
    if (s.status && p.dataset.status !== s.status) return false;
    return true;
  }
  function apply() {
    var s = state(), n = 0;
    pairs.forEach(function (p) { var m = matches(p, s); p.hidden = !m; if (m) n++; });
    keys.forEach(function (k) { if (selects[k]) selects[k].classList.toggle('active', !!selects[k].value); });
    count.textContent = String(n);
    if (none) none.hidden = n > 0 || pairs.length === 0;
  }
  function toHash() {
    var s = state();
    var h = keys.filter(function (k) { return s[k]; }).map(function (k) { return k + '=' + encodeURIComponent(s[k]); }).join('&');
    try {
      history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
    } catch (e) {
      location.hash = h;
    }
  }
  function fromHash() {
    var h = location.hash.replace(/^#/, '');
    if (/^pair-\\d+$/.test(h)) return false;
    var params = {};
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
    });
    keys.forEach(function (k) {
      var sel = selects[k];
      if (!sel) return;
      var v = params[k] || '';
      var ok = Array.prototype.some.call(sel.options, function (o) { return o.value === v; });
      sel.value = ok ? v : '';
    });
    return h.length > 0;
  }
  keys.forEach(function (k) {
    if (selects[k]) selects[k].addEventListener('change', function () { toHash(); apply(); });
  });
  window.addEventListener('hashchange', function () {
    if (fromHash()) { apply(); var list = document.getElementById('pairs'); if (list) list.scrollIntoView(); }
  });
  document.getElementById('reset').addEventListener('click', function (e) {
    e.preventDefault();
    keys.forEach(function (k) { if (selects[k]) selects[k].value = ''; });
    toHash(); apply();
  });
  // long queries fold to a few lines; a click unfolds them (measured before the filters hide anything)
  Array.prototype.forEach.call(document.querySelectorAll('pre.sql'), function (pre) {
    if (pre.scrollHeight <= pre.clientHeight + 2) return;
    pre.classList.add('long');
    pre.title = 'click to show the whole query';
    pre.addEventListener('click', function () { if (!getSelection().toString()) pre.classList.toggle('open'); });
  });

  var filtered = fromHash();
  apply();
  if (filtered) { var section = document.getElementById('pairs'); if (section) section.scrollIntoView(); }

  // raw JSON, filled from the embedded rows when first opened
  Array.prototype.forEach.call(document.querySelectorAll('details.raw-json'), function (d) {
    d.addEventListener('toggle', function () {
      var pre = d.querySelector('pre');
      if (!d.open || pre.textContent) return;
      pre.textContent = JSON.stringify(rows[d.getAttribute('data-rows')], null, 2);
    });
  });

  // show-trace with the trace's path on this disk, wherever the run folder was copied
  Array.prototype.forEach.call(document.querySelectorAll('[data-trace]'), function (el) {
    try {
      var u = new URL(el.getAttribute('data-trace').split('/').map(encodeURIComponent).join('/'), location.href);
      if (u.protocol !== 'file:') return;
      var p = decodeURIComponent(u.pathname);
      if (/^\\/[A-Za-z]:\\//.test(p)) p = p.slice(1);
      el.querySelector('code').textContent = 'pnpm exec playwright show-trace ' + (/[\\s'"]/.test(p) ? "'" + p.replace(/'/g, "'\\\\''") + "'" : p);
    } catch (e) { /* keep the report's command */ }
  });

  // copy buttons
  Array.prototype.forEach.call(document.querySelectorAll('.cmd .copy'), function (b) {
    b.addEventListener('click', function () {
      var code = b.parentNode.querySelector('code');
      var text = code.textContent;
      var done = function () { b.textContent = 'copied'; setTimeout(function () { b.textContent = 'copy'; }, 1200); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, select);
      else select();
      function select() { var r = document.createRange(); r.selectNodeContents(code); var s = getSelection(); s.removeAllRanges(); s.addRange(r); }
    });
  });
})();
`;
