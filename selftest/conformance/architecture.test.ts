/**
 * The shape of the harness (docs/architecture.md#layout): code comments cite the architecture doc
 * in the repository, each cited anchor exists, no module grows past its size bound (250 lines in
 * witness/, 400 in target/; data catalogs aside) and the witness has no import circle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOC = 'docs/architecture.md';
/** this file plants broken citations on purpose (its last test) */
const SELF = 'selftest/conformance/architecture.test.ts';
const TEXT = /\.(ts|tsx|md|yml|yaml)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'witness-results', '.auth']);
/** Files that are data, not code: sized by what they list. */
const DATA_FILES = new Set(['witness/invariants/catalog.ts', 'target/fault-catalog.ts']);

function walk(rel: string, keep: (f: string) => boolean): string[] {
  const abs = path.join(REPO_ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name)) continue;
    const f = rel === '.' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...walk(f, keep));
    else if (keep(f)) out.push(f);
  }
  return out.sort();
}

/** `{#anchor}` headings and `<a id="anchor">` tags of a markdown text. */
export function anchorsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/\{#([a-z0-9-]+)\}|<a id="([a-z0-9-]+)"><\/a>/g)) out.add(m[1] ?? m[2]!);
  return out;
}

/** Every `docs/architecture.md#anchor` a text cites that the doc does not have. */
export function brokenCitations(file: string, text: string, anchors: Set<string>): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/docs\/architecture\.md#([a-z0-9-]+)/g)) if (!anchors.has(m[1]!)) out.push(`${file}:${i + 1} cites #${m[1]}, which ${DOC} does not have`);
  });
  return out;
}

/** Citations of the design document outside the repository. */
export function outsideCitations(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (/\bdesign §\d/.test(line) ? [`${file}:${i + 1} cites "design §…": cite ${DOC}#<anchor> instead`] : []));
}

/** Relative imports (type-only ones too) of a TypeScript file, resolved to repository paths. */
function importsOf(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  for (const st of sf.statements) {
    const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
    if (!spec?.startsWith('.')) continue;
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return out;
}

/** The import circles among these files, each as `a -> b -> a`. */
export function circles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (!graph.has(m)) continue;
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m].join(' -> '));
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

test(`every ${DOC}#anchor cited in the repository exists, and nothing cites the design document outside it`, () => {
  const anchors = anchorsOf(fs.readFileSync(path.join(REPO_ROOT, DOC), 'utf8'));
  assert.ok(anchors.size >= 20, `${DOC} has its anchors`);
  const files = walk('.', (f) => TEXT.test(f) && f !== DOC && f !== SELF);
  const problems = files.flatMap((f) => {
    const text = fs.readFileSync(path.join(REPO_ROOT, f), 'utf8');
    return [...brokenCitations(f, text, anchors), ...outsideCitations(f, text)];
  });
  assert.deepEqual(problems, []);
});

test('no code module of witness/ is over 250 lines, none of target/ over 400 (data catalogs aside)', () => {
  const bounds: [string, number][] = [
    ['witness', 250],
    ['target', 400],
  ];
  const over = bounds.flatMap(([dir, max]) =>
    walk(dir, (f) => /\.tsx?$/.test(f) && !DATA_FILES.has(f)).flatMap((f) => {
      const lines = fs.readFileSync(path.join(REPO_ROOT, f), 'utf8').split('\n').length - 1;
      return lines > max ? [`${f}: ${lines} lines (bound ${max})`] : [];
    }),
  );
  assert.deepEqual(over, []);
});

test('the witness, the fixtures and the page objects import no circle', () => {
  const files = [...walk('witness', (f) => f.endsWith('.ts')), ...walk('fixtures', (f) => f.endsWith('.ts')), ...walk('journeys/pages', (f) => f.endsWith('.ts'))];
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  assert.deepEqual(circles(graph), []);
});

test('the checks catch planted mistakes (in memory)', () => {
  const anchors = anchorsOf('<a id="time"></a>\n## Time {#time}\n## Modes {#modes}');
  assert.deepEqual([...anchors].sort(), ['modes', 'time']);
  assert.deepEqual(brokenCitations('x.ts', '// see docs/architecture.md#time\n// and docs/architecture.md#tmie', anchors), ['x.ts:2 cites #tmie, which docs/architecture.md does not have']);
  assert.equal(outsideCitations('x.ts', '/** the launcher (design §5 "Launcher") */').length, 1);
  assert.deepEqual(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), ['a -> b -> c -> a']);
  assert.deepEqual(circles(new Map([['a', ['b']], ['b', []]])), []);
});
