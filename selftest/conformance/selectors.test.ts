/**
 * Contract conformance, page objects (docs/architecture.md#conformance): journeys/pages/*.ts use only the selectors, roles,
 * names and texts the contract lists (contract §3.2, §5), as written down in
 * witness/contract/selectors.ts. Every literal a page object hands to Playwright is read with the
 * TypeScript compiler: CSS given to `locator()` and friends, `getByRole(role, { name })`,
 * `getByText`, `getByLabel`, `getByTestId`, `getByPlaceholder`, `getByTitle`, `getByAltText`, and
 * attribute names given to `getAttribute`/`toHaveAttribute`. In a template literal (or a `+`
 * concatenation) each `${…}` is a wildcard; a regular expression is allowed when it matches an
 * allowed name. Arguments that are not literals (a parameter, a call) cannot be checked here and
 * are listed as diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  CONTRACT_ATTRIBUTES,
  CONTRACT_CSS,
  CONTRACT_LABELS,
  CONTRACT_PLACEHOLDERS,
  CONTRACT_ROLES,
  CONTRACT_TEXTS,
} from '../../witness/contract/selectors.js';
import { OBSERVED, observedProblems } from '../../witness/contract/observed.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGES_DIR = 'journeys/pages';
const ALLOW_LIST = 'witness/contract/selectors.ts';
const OBSERVED_LIST = 'witness/contract/observed.ts';

/** Facts observed on the real Drive count only when traceable: page, date, run and contract section. */
const ACCEPTED = OBSERVED.filter((o) => observedProblems(o).length === 0);

/** Stands for a `${…}` (or any non-literal operand) inside a value. */
const WILD = '\u0001';

// ---------------------------------------------------------------------------------------------
// Values: what a literal argument can be.

type Value = { kind: 'string'; text: string } | { kind: 'regex'; re: RegExp };

const hasWild = (s: string) => s.includes(WILD);
const show = (s: string) => s.split(WILD).join('${…}');

function regexFromLiteral(text: string): RegExp | null {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(text);
  if (!m) return null;
  try {
    return new RegExp(m[1]!, m[2]!.replace(/[gy]/g, ''));
  } catch {
    return null;
  }
}

/** Constants of the file (`const X = '…'`), so `locator(SELECTOR)` is checked too. */
function fileConstants(sf: ts.SourceFile): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclarationList(n) && n.flags & ts.NodeFlags.Const) {
      for (const d of n.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.set(d.name.text, d.initializer);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The values an expression can take, or null when it is not made of literals. */
function valuesOf(e: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): Value[] | null {
  if (depth > 8) return null;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) {
    return valuesOf(e.expression, consts, depth + 1);
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [{ kind: 'string', text: e.text }];
  if (ts.isTemplateExpression(e)) {
    return [{ kind: 'string', text: e.head.text + e.templateSpans.map((s) => WILD + s.literal.text).join('') }];
  }
  if (ts.isRegularExpressionLiteral(e)) {
    const re = regexFromLiteral(e.text);
    return re ? [{ kind: 'regex', re }] : null;
  }
  if (ts.isConditionalExpression(e)) {
    const a = valuesOf(e.whenTrue, consts, depth + 1);
    const b = valuesOf(e.whenFalse, consts, depth + 1);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const part = (x: ts.Expression): string[] => {
      const v = valuesOf(x, consts, depth + 1);
      if (!v || v.some((y) => y.kind !== 'string')) return [WILD];
      return v.map((y) => (y as { text: string }).text);
    };
    const left = part(e.left);
    const right = part(e.right);
    if (left.every((l) => l === WILD) && right.every((r) => r === WILD)) return null;
    return left.flatMap((l) => right.map((r) => ({ kind: 'string' as const, text: l + r })));
  }
  if (ts.isIdentifier(e)) {
    const init = consts.get(e.text);
    return init ? valuesOf(init, consts, depth + 1) : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Names and texts: exact text, `{…}` placeholders in the allow-list, `${…}` wildcards in the page.

type Tok = string | null; // null = any run of characters

function toTokens(s: string, placeholders: boolean): Tok[] {
  const out: Tok[] = [];
  const src = placeholders ? s.replace(/\{[^{}]*\}/g, WILD) : s;
  for (const ch of src) out.push(ch === WILD ? null : ch);
  return out;
}

/** Whether some text matches both patterns (each a sequence of characters and wildcards). */
function intersects(a: Tok[], b: Tok[]): boolean {
  const memo = new Map<number, boolean>();
  const f = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === a.length && j === b.length) r = true;
    else if (i < a.length && a[i] === null) r = f(i + 1, j) || (j < b.length && f(i, j + 1));
    else if (j < b.length && b[j] === null) r = f(i, j + 1) || (i < a.length && f(i + 1, j));
    else r = i < a.length && j < b.length && a[i] === b[j] && f(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return f(0, 0);
}

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A sample of an allowed entry for a regular expression to be tried on: `{N}` → `1`. */
const sample = (entry: string) => entry.replace(/\{[^{}]*\}/g, '1');

function nameAllowed(v: Value, allowed: readonly string[]): boolean {
  if (v.kind === 'regex') return allowed.some((a) => v.re.test(sample(a)));
  const mine = toTokens(normalize(v.text), false);
  return allowed.some((a) => intersects(mine, toTokens(a, true)));
}

// ---------------------------------------------------------------------------------------------
// CSS: split into simple parts.

type Simple =
  | { kind: 'type' | 'id' | 'class'; name: string }
  | { kind: 'universal' }
  | { kind: 'attr'; name: string; op: string | null; value: string | null }
  | { kind: 'pseudo'; name: string; arg: string | null };

const IDENT = /[A-Za-z0-9_\-\u0001\u00a0-\uffff]/;

/** The simple parts of a CSS selector list, or the reason it cannot be read. */
function simpleParts(sel: string): Simple[] | string {
  const out: Simple[] = [];
  let i = 0;
  const ident = (): string => {
    let s = '';
    while (i < sel.length) {
      const c = sel[i]!;
      if (c === '\\' && i + 1 < sel.length) {
        s += sel[i + 1];
        i += 2;
      } else if (IDENT.test(c)) {
        s += c;
        i++;
      } else break;
    }
    return s;
  };
  /** From an opening bracket or parenthesis to its closing one, quotes respected. */
  const balanced = (open: string, close: string): string | null => {
    let depth = 0;
    let quote: string | null = null;
    const start = i;
    for (; i < sel.length; i++) {
      const c = sel[i]!;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === open) depth++;
      else if (c === close && --depth === 0) {
        i++;
        return sel.slice(start + 1, i - 1);
      }
    }
    return null;
  };
  while (i < sel.length) {
    const c = sel[i]!;
    if (/[\s,>+~]/.test(c)) {
      i++;
    } else if (c === '*') {
      out.push({ kind: 'universal' });
      i++;
    } else if (c === '#' || c === '.') {
      i++;
      const name = ident();
      if (!name) return `nothing after '${c}'`;
      out.push({ kind: c === '#' ? 'id' : 'class', name });
    } else if (c === '[') {
      const inner = balanced('[', ']');
      if (inner === null) return 'an unclosed [';
      const m = /^\s*([^\s~|^$*=\]]+)\s*(?:([~|^$*]?=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s\]]+)\s*[isIS]?)?\s*$/.exec(inner);
      if (!m) return `an attribute that cannot be read: [${inner}]`;
      const raw = m[3];
      const value = raw === undefined ? null : /^["']/.test(raw) ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      out.push({ kind: 'attr', name: m[1]!, op: m[2] ?? null, value });
    } else if (c === ':') {
      while (sel[i] === ':') i++;
      const name = ident();
      let arg: string | null = null;
      if (sel[i] === '(') {
        arg = balanced('(', ')');
        if (arg === null) return `an unclosed :${name}(`;
      }
      out.push({ kind: 'pseudo', name, arg });
    } else if (IDENT.test(c)) {
      out.push({ kind: 'type', name: ident().toLowerCase() });
    } else {
      return `an unexpected '${c}'`;
    }
  }
  return out;
}

interface Allowed {
  types: Set<string>;
  ids: Set<string>;
  classes: Set<string>;
  /** attribute name → allowed values ('any' for data attributes) */
  attrs: Map<string, Set<string> | 'any' | 'label'>;
}

function buildAllowed(): Allowed {
  const allowed: Allowed = { types: new Set(), ids: new Set(), classes: new Set(), attrs: new Map() };
  const addValue = (name: string, value: string | null) => {
    const cur = allowed.attrs.get(name);
    if (cur === 'any' || cur === 'label') return;
    const set = cur ?? new Set<string>();
    if (value !== null) set.add(value);
    allowed.attrs.set(name, set);
  };
  for (const [name, values] of Object.entries(CONTRACT_ATTRIBUTES)) {
    if (values === 'any') allowed.attrs.set(name, name === 'aria-label' ? 'label' : 'any');
    else for (const v of values) addValue(name, v);
  }
  for (const sel of [...CONTRACT_CSS, ...ACCEPTED.filter((o) => o.kind === 'css').map((o) => o.value)]) {
    const parts = simpleParts(sel);
    if (typeof parts === 'string') throw new Error(`${ALLOW_LIST}: cannot read '${sel}': ${parts}`);
    for (const p of parts) {
      if (p.kind === 'type') allowed.types.add(p.name);
      else if (p.kind === 'id') allowed.ids.add(p.name);
      else if (p.kind === 'class') allowed.classes.add(p.name);
      else if (p.kind === 'attr') addValue(p.name, p.value);
    }
  }
  return allowed;
}

const ALLOWED = buildAllowed();
const ROLES: Record<string, readonly string[]> = { ...CONTRACT_ROLES };
for (const o of ACCEPTED) if (o.kind === 'role-name' && o.role) ROLES[o.role] = [...(ROLES[o.role] ?? []), o.value];
const ROLE_NAMES = [...new Set(Object.values(ROLES).flat())];
const LABELS = [...new Set([...CONTRACT_LABELS, ...ROLE_NAMES])];
const TEXTS = [...new Set([...CONTRACT_TEXTS, ...ACCEPTED.filter((o) => o.kind === 'text').map((o) => o.value), ...ROLE_NAMES])];
const TEST_IDS = ALLOWED.attrs.get('data-testid');
const ATTRIBUTE_NAMES = [...ALLOWED.attrs.keys(), 'id', 'class'];

function inSet(name: string, set: Iterable<string>): boolean {
  if (!hasWild(name)) return new Set(set).has(name);
  const mine = toTokens(name, false);
  return [...set].some((s) => intersects(mine, toTokens(s, false)));
}

/** Structural pseudo-classes: they lean on no markup beyond the selector they qualify. */
const STRUCTURAL = new Set(['first-child', 'last-child', 'only-child', 'nth-child', 'nth-last-child', 'first-of-type', 'last-of-type', 'nth-of-type', 'visible', 'checked', 'disabled', 'enabled', 'focus', 'empty']);
/** Pseudo-classes whose argument is itself a selector list. */
const NESTING = new Set(['not', 'is', 'where', 'has']);

function unquote(arg: string): Value {
  const t = arg.trim();
  const re = regexFromLiteral(t);
  if (re) return { kind: 'regex', re };
  return { kind: 'string', text: /^(["']).*\1$/s.test(t) ? t.slice(1, -1) : t };
}

/** The reasons a CSS selector (a value) is not the contract's; empty when it is. */
function cssProblems(sel: string): string[] {
  const problems: string[] = [];
  // Playwright chains engines with `>>`; each link is checked on its own.
  for (const raw of splitChain(sel)) {
    const link = raw.trim();
    if (/^nth=-?\d+$/.test(link) || /^visible=(true|false)$/.test(link)) continue;
    if (/^(xpath=|\/\/|\.\.)/.test(link)) {
      problems.push('XPath is not a contract selector');
      continue;
    }
    if (/^(internal:|role=|id=|data-testid=)/.test(link)) {
      problems.push(`'${show(link)}' is not a contract selector (use getByRole/getByTestId or CSS)`);
      continue;
    }
    if (link.startsWith('text=')) {
      const v = unquote(link.slice(5));
      if (!nameAllowed(v, TEXTS)) problems.push(`text '${showValue(v)}' is not a contract text`);
      continue;
    }
    problems.push(...cssListProblems(link.replace(/^css=/, '')));
  }
  return problems;
}

function splitChain(sel: string): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 0 && c === '>' && sel[i + 1] === '>') {
      out.push(sel.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  out.push(sel.slice(start));
  return out;
}

function cssListProblems(sel: string): string[] {
  const parts = simpleParts(sel);
  if (typeof parts === 'string') return [`cannot read the selector: ${parts}`];
  if (parts.length === 0) return ['an empty selector'];
  const problems: string[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case 'universal':
        break;
      case 'type':
        if (!inSet(p.name, ALLOWED.types)) problems.push(`element '${show(p.name)}' is not in the contract`);
        break;
      case 'id':
        if (!inSet(p.name, ALLOWED.ids)) problems.push(`'#${show(p.name)}' is not in the contract`);
        break;
      case 'class':
        if (!inSet(p.name, ALLOWED.classes)) problems.push(`'.${show(p.name)}' is not in the contract`);
        break;
      case 'attr': {
        const rule = ALLOWED.attrs.get(p.name);
        const shown = `[${show(p.name)}${p.op ? `${p.op}"${show(p.value ?? '')}"` : ''}]`;
        if (rule === undefined) problems.push(`attribute '${shown}' is not in the contract`);
        else if (p.value === null || rule === 'any') break;
        else if (p.op !== '=') problems.push(`'${shown}': only exact values of this attribute are in the contract`);
        else if (rule === 'label') {
          if (!nameAllowed({ kind: 'string', text: p.value }, LABELS)) problems.push(`'${shown}' is not a contract label`);
        } else if (!inSet(p.value, rule)) problems.push(`'${shown}' is not in the contract`);
        break;
      }
      case 'pseudo':
        if (STRUCTURAL.has(p.name)) break;
        if (NESTING.has(p.name) && p.arg !== null) problems.push(...cssProblems(p.arg));
        else if (['has-text', 'text', 'text-is', 'text-matches'].includes(p.name) && p.arg !== null) {
          const v = p.name === 'text-matches' ? textMatches(p.arg) : unquote(p.arg);
          if (!v || !nameAllowed(v, TEXTS)) problems.push(`':${p.name}(${show(p.arg)})' is not a contract text`);
        } else problems.push(`':${p.name}' is not a contract selector`);
        break;
    }
  }
  return problems;
}

function textMatches(arg: string): Value | null {
  const m = /^\s*(["'])(.*)\1\s*(?:,\s*(["'])([a-z]*)\3)?\s*$/s.exec(arg);
  if (!m) return null;
  try {
    return { kind: 'regex', re: new RegExp(m[2]!, m[4] ?? '') };
  } catch {
    return null;
  }
}

function showValue(v: Value): string {
  return v.kind === 'regex' ? String(v.re) : show(v.text);
}

// ---------------------------------------------------------------------------------------------
// Extraction and the check of one source.

const CSS_METHODS = new Set(['locator', 'waitForSelector', 'querySelector', 'querySelectorAll', '$', '$$', '$eval', '$$eval', 'frameLocator']);

interface Finding {
  file: string;
  line: number;
  call: string;
  problem: string;
}

interface SourceCheck {
  violations: Finding[];
  unchecked: Finding[];
  checked: number;
}

function checkPageSource(file: string, source: string): SourceCheck {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const consts = fileConstants(sf);
  const result: SourceCheck = { violations: [], unchecked: [], checked: 0 };

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const call = `${method}(${node.arguments.map((a) => a.getText(sf)).join(', ')})`;
      const violation = (problem: string) => result.violations.push({ file, line, call, problem });
      const first = node.arguments[0];
      const each = (arg: ts.Expression | undefined, what: string, fn: (v: Value) => void) => {
        if (!arg) return;
        const values = valuesOf(arg, consts);
        if (!values) {
          result.unchecked.push({ file, line, call, problem: `${what} is not a literal` });
          return;
        }
        result.checked++;
        values.forEach(fn);
      };

      if (CSS_METHODS.has(method)) {
        each(first, 'the selector', (v) => {
          if (v.kind === 'regex') violation('a regular expression is not a selector');
          else for (const p of cssProblems(v.text)) violation(p);
        });
      } else if (method === 'getByRole') {
        let role: string | null = null;
        each(first, 'the role', (v) => {
          if (v.kind === 'regex' || !inSet(v.text, Object.keys(ROLES))) violation(`role '${showValue(v)}' is not in the contract`);
          else role = v.text;
        });
        const opts = node.arguments[1];
        if (opts && ts.isObjectLiteralExpression(opts)) {
          const nameProp = opts.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'name');
          if (nameProp) {
            each(nameProp.initializer, 'the name', (v) => {
              if (role === null) return;
              const names = hasWild(role) ? ROLE_NAMES : ROLES[role] ?? [];
              if (!nameAllowed(v, names)) violation(`${role} named '${showValue(v)}' is not in the contract`);
            });
          }
        } else if (opts) {
          result.unchecked.push({ file, line, call, problem: 'the options are not an object literal' });
        }
      } else if (method === 'getByText') {
        each(first, 'the text', (v) => nameAllowed(v, TEXTS) || violation(`text '${showValue(v)}' is not a contract text`));
      } else if (method === 'getByLabel') {
        each(first, 'the label', (v) => nameAllowed(v, LABELS) || violation(`label '${showValue(v)}' is not a contract label`));
      } else if (method === 'getByPlaceholder') {
        each(first, 'the placeholder', (v) => nameAllowed(v, CONTRACT_PLACEHOLDERS) || violation(`placeholder '${showValue(v)}' is not in the contract`));
      } else if (method === 'getByTestId') {
        each(first, 'the test id', (v) => {
          const ok = v.kind === 'string' && TEST_IDS instanceof Set && inSet(v.text, TEST_IDS);
          if (!ok) violation(`test id '${showValue(v)}' is not in the contract`);
        });
      } else if (method === 'getByTitle' || method === 'getByAltText') {
        each(first, 'the argument', (v) => violation(`the contract lists no ${method === 'getByTitle' ? 'titles' : 'alt texts'} ('${showValue(v)}')`));
      } else if (method === 'getAttribute' || method === 'toHaveAttribute') {
        each(first, 'the attribute', (v) => {
          if (v.kind === 'regex' || !inSet(v.text, ATTRIBUTE_NAMES)) violation(`attribute '${showValue(v)}' is not in the contract`);
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return result;
}

const format = (f: Finding) => `${f.file}:${f.line} ${f.call}: ${f.problem}`;

function pageFiles(): string[] {
  const dir = path.join(REPO_ROOT, PAGES_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => `${PAGES_DIR}/${f}`);
}

// ---------------------------------------------------------------------------------------------

test('the allow-list reads as CSS and names every role it gives names to', () => {
  for (const sel of CONTRACT_CSS) assert.equal(typeof simpleParts(sel), 'object', `${ALLOW_LIST}: '${sel}' must be plain CSS`);
  assert.ok(ALLOWED.ids.has('available-bids') && ALLOWED.classes.has('notice-content') && ALLOWED.types.has('article'));
  assert.ok(CONTRACT_ROLES.button?.includes('Continue') && CONTRACT_ROLES.button.includes('Accept Shift') && CONTRACT_ROLES.button.includes('Place Bid'));
  assert.ok(CONTRACT_TEXTS.includes('Route assigned!') && CONTRACT_TEXTS.includes('Bid submitted successfully.'));
});

test('page objects use only the contract\'s selectors, roles, names and texts', (t) => {
  const files = pageFiles();
  assert.ok(files.length > 0, `page objects found under ${PAGES_DIR}/`);
  const violations: Finding[] = [];
  let checked = 0;
  for (const file of files) {
    const r = checkPageSource(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    violations.push(...r.violations);
    checked += r.checked;
    for (const u of r.unchecked) t.diagnostic(`not checked (not a literal): ${format(u)}`);
  }
  assert.ok(checked > 0, 'the page objects hand Playwright at least one literal');
  assert.equal(
    violations.length,
    0,
    `page objects may use only what the contract lists (§3.2, §5; ${ALLOW_LIST}):\n${violations.map(format).join('\n')}`,
  );
});

test('the checker catches planted violations and passes the contract\'s own selectors (in memory)', () => {
  const source = [
    "import type { Page } from '@playwright/test';", // 1
    "const ROW = '[data-testid=\"assignment-row\"]';", // 2
    'export class Planted {', // 3
    '  constructor(readonly page: Page) {}', // 4
    '  ok(id: string, n: number) {', // 5
    "    this.page.locator('section#available-bids .assignment-list > .assignment-item');", // 6
    "    this.page.locator(`[data-testid=\"assignment-row\"][data-assignment-id=\"${id}\"]`);", // 7
    "    this.page.getByRole('button', { name: /continue/i });", // 8
    "    this.page.getByRole('button', { name: 'Accept Shift', exact: true });", // 9
    "    this.page.getByText(`Coming Up (${n})`);", // 10
    "    this.page.locator(ROW).getAttribute('data-assignment-status');", // 11
    "    this.page.getByTestId('notifications-list');", // 12
    "    this.page.locator('table tbody tr:nth-child(2)').getByRole('switch');", // 13
    "    this.page.locator('.notice-banner.warning .notice-content, [data-testid=\"schedule-list\"][data-loaded=\"true\"]');", // 14
    "    this.page.getByRole('tab', { name: 'Bid Windows' });", // 15
    '  }', // 16
    '  bad(id: string) {', // 17
    "    this.page.locator('.route-card');", // 18
    "    this.page.locator(`[data-route-id=\"${id}\"]`);", // 19
    "    this.page.getByRole('button', { name: 'Suspend Route' });", // 20
    "    this.page.getByText('Shift accepted');", // 21
    "    this.page.locator('[data-testid=\"bids-list\"]');", // 22
    "    this.page.locator('xpath=//div[@id=\"x\"]');", // 23
    "    this.page.getByRole('switch', { name: 'Suspended' });", // 24
    "    this.page.locator('[data-loaded=\"yes\"]');", // 25
    "    this.page.getByRole('button', { name: /suspend route/i });", // 26
    "    this.page.locator('section#available-bids div.card');", // 27
    "    this.page.getByTestId('route-row');", // 28
    "    this.page.locator('button:has-text(\"Suspend\")');", // 29
    "    this.page.locator(ROW + ' .chip');", // 30
    '  }', // 31
    '}', // 32
  ].join('\n');
  const r = checkPageSource('journeys/pages/Planted.ts', source);
  const lines = [...new Set(r.violations.map((v) => v.line))].sort((a, b) => a - b);
  assert.deepEqual(lines, [18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30], r.violations.map(format).join('\n'));
  const first = r.violations.find((v) => v.line === 18)!;
  assert.equal(format(first), "journeys/pages/Planted.ts:18 locator('.route-card'): '.route-card' is not in the contract");
  assert.match(format(r.violations.find((v) => v.line === 19)!), /^journeys\/pages\/Planted\.ts:19 locator\(`\[data-route-id="\$\{id\}"\]`\): attribute/);
  assert.deepEqual(r.unchecked, []);
});

test('arguments that are not literals are reported as unchecked, not passed silently', () => {
  const r = checkPageSource('journeys/pages/P.ts', 'export const f = (page: any, sel: string) => page.locator(sel).getByText(makeText());');
  assert.deepEqual(r.violations, []);
  assert.deepEqual(r.unchecked.map((u) => u.line), [1, 1]);
});

test('facts observed on the real Drive are accepted only with page, date, run and contract section', () => {
  const refused = OBSERVED.map((o) => ({ o, problems: observedProblems(o) })).filter((x) => x.problems.length);
  assert.deepEqual(
    refused.map((x) => `${OBSERVED_LIST}: '${x.o.value}' (${x.o.page}): ${x.problems.join(', ')}`),
    [],
    'every entry of the observed list can be traced to a real-Drive run',
  );
  assert.ok(ACCEPTED.some((o) => o.kind === 'css' && o.value === 'table[aria-busy="false"]'), 'the loaded /routes table is an observed selector');
  // Planted entries: each missing piece is named, and such an entry would not widen the allow-list.
  const planted = { kind: 'css' as const, value: 'table.data-table', note: '' };
  assert.deepEqual(observedProblems(planted), ['no page', 'no date seen (YYYY-MM-DD)', 'no real-Drive run id', 'no contract section (§…)']);
  assert.deepEqual(observedProblems({ ...planted, page: '/routes', seen: '2026-12-01', run: 'yesterday', corrects: '§5.8' }), ['no real-Drive run id']);
  assert.deepEqual(observedProblems({ kind: 'role-name', value: 'Expand', page: '/', seen: '2026-12-01', run: '2026-12-01T20-26-01Z-2ab3', corrects: '§5' }), ['a role-name without its role']);
  const r = checkPageSource('journeys/pages/P.ts', "export const f = (page: any) => page.locator('table.data-table');");
  assert.equal(r.violations.length, 1, 'a selector only a refused entry names stays a violation');
});
