/**
 * Ids and their doc (docs/architecture.md#ids): the committed docs/invariants.md is what the catalog renders; every
 * invariant id the journeys and witness/ use is in the catalog; every spec under journeys/ is named
 * `<ID>.<what-it-proves>.spec.ts` and its tests are titled with the same id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { INVARIANTS, isKnownInvariant } from '../../witness/invariants/catalog.js';
import { INVARIANTS_DOC, renderInvariantsDoc } from '../../witness/invariants/render-doc.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const INVARIANT_ID = /\b(TENANT|IDEMP|NOTIF|ASSIGN|STATE|WITNESS|AUTH|INFRA|SCHEMA|HARNESS)-\d{3}\b/g;
const SCENARIO_ID = /^(SCH|BID|NOS|HLT|API|UI|ADV)-\d{3}$/;

function walk(relDir: string, keep: (rel: string) => boolean): string[] {
  const abs = path.join(REPO_ROOT, relDir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${relDir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...walk(rel, keep));
    else if (entry.isFile() && keep(rel)) out.push(rel);
  }
  return out.sort();
}

const parse = (file: string, source: string) => ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
const lineOf = (sf: ts.SourceFile, node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

/** Invariant ids inside string and template literals (comments do not count), with their lines. */
function invariantIdsIn(file: string, source: string): { line: number; id: string }[] {
  const sf = parse(file, source);
  const out: { line: number; id: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const m of node.text.matchAll(INVARIANT_ID)) out.push({ line: lineOf(sf, node), id: m[0] });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const TEST_MODIFIERS = new Set(['only', 'skip', 'fixme', 'fail', 'slow']);
const DESCRIBE_MODIFIERS = new Set(['only', 'skip', 'fixme', 'serial', 'parallel']);

/** Titles given to `test(…)`, `test.only(…)`… and `test.describe(…)` (not `test.step`). */
function testTitles(file: string, source: string): { line: number; title: string | null; kind: string }[] {
  const sf = parse(file, source);
  const out: { line: number; title: string | null; kind: string }[] = [];
  const chain = (e: ts.Expression): string[] | null => {
    if (ts.isIdentifier(e)) return [e.text];
    if (ts.isPropertyAccessExpression(e)) {
      const left = chain(e.expression);
      return left ? [...left, e.name.text] : null;
    }
    return null;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const c = chain(node.expression);
      const [first, ...args] = node.arguments;
      const hasBody = args.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
      const isTest = c && c[0] === 'test' && (c.length === 1 || (c.length === 2 && TEST_MODIFIERS.has(c[1]!)));
      const isDescribe = c && c[0] === 'test' && c[1] === 'describe' && c.slice(2).every((m) => DESCRIBE_MODIFIERS.has(m));
      if ((isTest || isDescribe) && first && hasBody) {
        const title = ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) ? first.text : ts.isTemplateExpression(first) ? first.head.text : null;
        out.push({ line: lineOf(sf, node), title, kind: c!.join('.') });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The problems of one spec file: its name and its titles. */
function specProblems(file: string, source: string): string[] {
  const base = path.basename(file);
  const id = base.split('.')[0] ?? '';
  if (!SCENARIO_ID.test(id) || !/^[^.]+\.[^.]+.*\.spec\.ts$/.test(base)) {
    return [`${file}: the name must be <ID>.<what-it-proves>.spec.ts with ID like UI-001 (prefixes SCH, BID, NOS, HLT, API, UI, ADV)`];
  }
  const titles = testTitles(file, source);
  if (!titles.some((t) => t.kind !== 'test.describe' && !t.kind.startsWith('test.describe.'))) return [`${file}: no test( … ) found`];
  return titles
    .filter((t) => t.title === null || !(t.title === id || t.title.startsWith(`${id} `)))
    .map((t) => `${file}:${t.line} ${t.kind}(${t.title === null ? 'a title that is not a literal' : JSON.stringify(t.title)}) must start with "${id} "`);
}

test('docs/invariants.md is the rendering of the catalog', () => {
  const rel = path.relative(REPO_ROOT, INVARIANTS_DOC);
  assert.ok(fs.existsSync(INVARIANTS_DOC), `${rel} is missing: run \`pnpm run docs\``);
  const committed = fs.readFileSync(INVARIANTS_DOC, 'utf8');
  // Not assert.equal on the texts: a stale doc should say what to do, not print two documents.
  assert.ok(committed === renderInvariantsDoc(), `${rel} is stale (witness/invariants/catalog.ts changed): run \`pnpm run docs\` and commit it`);
});

test('the catalog: one entry per id, each id in its own family', () => {
  const seen = new Set<string>();
  for (const inv of INVARIANTS) {
    assert.match(inv.id, new RegExp(`^${inv.family}-\\d{3}$`), `${inv.id} is in family ${inv.family}`);
    assert.ok(!seen.has(inv.id), `${inv.id} is listed twice in witness/invariants/catalog.ts`);
    seen.add(inv.id);
    for (const k of ['title', 'meaning', 'evidence', 'owner'] as const) assert.ok(inv[k].trim(), `${inv.id} has a ${k}`);
  }
});

test('every invariant id used by journeys/ and witness/ is in the catalog', () => {
  const files = [...walk('journeys', (f) => /\.tsx?$/.test(f)), ...walk('witness', (f) => /\.tsx?$/.test(f))];
  const unknown: string[] = [];
  for (const file of files) {
    for (const { line, id } of invariantIdsIn(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))) {
      if (!isKnownInvariant(id)) unknown.push(`${file}:${line} ${id}`);
    }
  }
  assert.equal(unknown.length, 0, `ids missing from witness/invariants/catalog.ts (add them, then \`pnpm run docs\`):\n${unknown.join('\n')}`);
});

test('every spec is named <ID>.<what>.spec.ts and its tests are titled with that id', () => {
  const specs = walk('journeys', (f) => f.endsWith('.spec.ts') && !f.startsWith('journeys/pages/'));
  assert.ok(specs.length > 0, 'specs found under journeys/');
  const problems = specs.flatMap((f) => specProblems(f, fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')));
  assert.equal(problems.length, 0, `docs/architecture.md#ids: the id is the first word of the file name and of every test title:\n${problems.join('\n')}`);
});

test('the checks catch planted mistakes (in memory)', () => {
  const src = "const a = 'TENANT-001 ok'; // TENANT-998 in a comment does not count\nthrow new Error(`TENANT-999 ${a}`);";
  assert.deepEqual(
    invariantIdsIn('witness/x.ts', src).filter((x) => !isKnownInvariant(x.id)),
    [{ line: 2, id: 'TENANT-999' }],
  );
  const body = "import { test } from '../../witness/test.js';\n";
  assert.deepEqual(specProblems('journeys/ui/UI-009.proves-a-thing.spec.ts', `${body}test('UI-009 does it', async () => {});`), []);
  assert.deepEqual(specProblems('journeys/ui/UI-009.proves-a-thing.spec.ts', `${body}test.describe('UI-009 group', () => {\n  test('UI-009 inner', async () => {});\n});`), []);
  assert.deepEqual(specProblems('journeys/ui/UI-009.proves-a-thing.spec.ts', `${body}test('UI-010 wrong id', async () => {});\ntest.step('any step title', async () => {});`), [
    'journeys/ui/UI-009.proves-a-thing.spec.ts:2 test("UI-010 wrong id") must start with "UI-009 "',
  ]);
  assert.deepEqual(specProblems('journeys/ui/UI-009.proves-a-thing.spec.ts', `${body}test.only('UI-0099 close', async () => {});`), [
    'journeys/ui/UI-009.proves-a-thing.spec.ts:2 test.only("UI-0099 close") must start with "UI-009 "',
  ]);
  assert.equal(specProblems('journeys/ui/accept-shift.spec.ts', body).length, 1);
  assert.equal(specProblems('journeys/ui/UX-001.accept.spec.ts', body).length, 1);
  assert.equal(specProblems('journeys/ui/UI-001.spec.ts', body).length, 1);
  assert.deepEqual(specProblems('journeys/ui/UI-009.proves-a-thing.spec.ts', body), ['journeys/ui/UI-009.proves-a-thing.spec.ts: no test( … ) found']);
});
