/**
 * Contract conformance, the import boundary (docs/architecture.md#conformance): the suite knows the target only through
 * HTTP, the browser and SQL. No file of the suite (witness/, fixtures/, journeys/, reports/,
 * selftest/, playwright.config.ts) may import anything that resolves into target/, and no file of
 * target/ may import anything of the suite. Files are parsed with the TypeScript compiler, so
 * static imports, `export … from`, `import x = require()`, `import('…')` types, dynamic
 * `import()` and `require()` are all seen, and a specifier inside a comment or string is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE_NAME = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name;

const SUITE_DIRS = ['witness', 'fixtures', 'journeys', 'reports', 'selftest'];
const SUITE_FILES = ['playwright.config.ts'];
const TARGET_DIR = 'target';
/** The suite is TypeScript; the reference target also serves plain ES modules to the browser. */
const SUITE_EXT = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const TARGET_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

interface ModuleReference {
  line: number;
  specifier: string;
  kind: string;
}

interface Violation {
  file: string;
  line: number;
  specifier: string;
  resolved: string;
}

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function literalText(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

/** Every module specifier a source text refers to, with its 1-based line. */
function moduleReferences(file: string, source: string): ModuleReference[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, scriptKind(file));
  const refs: ModuleReference[] = [];
  const add = (node: ts.Node, specifier: string | null, kind: string) => {
    if (specifier === null) return;
    refs.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, specifier, kind });
  };
  for (const ref of sf.referencedFiles) {
    refs.push({ line: sf.getLineAndCharacterOfPosition(ref.pos).line + 1, specifier: ref.fileName, kind: 'reference path' });
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, literalText(node.moduleSpecifier), 'import');
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node, literalText(node.moduleSpecifier), 'export from');
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, literalText(node.moduleReference.expression), 'import = require');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, literalText(node.argument.literal), 'import type');
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, literalText(node.arguments[0]), 'import()');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') add(node, literalText(node.arguments[0]), 'require()');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/**
 * Where a specifier lands, relative to the repository root (with `/` separators), or null for a
 * package or a URL outside the repository. Relative and absolute paths resolve against the
 * importing file's folder; `file:` URLs and the package's self-reference are followed too.
 */
function resolveSpecifier(fromFile: string, specifier: string, root = REPO_ROOT): string | null {
  let abs: string;
  if (specifier.startsWith('file:')) {
    try {
      abs = fileURLToPath(specifier);
    } catch {
      return null;
    }
  } else if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    abs = path.resolve(root, path.dirname(fromFile), specifier);
  } else if (specifier === PACKAGE_NAME || specifier.startsWith(`${PACKAGE_NAME}/`)) {
    abs = path.join(root, specifier.slice(PACKAGE_NAME.length));
  } else {
    return null;
  }
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

function inside(rel: string, dir: string): boolean {
  return rel === dir || rel.startsWith(`${dir}/`);
}

/** The side a repository file belongs to for the boundary, or null when it is neither. */
function sideOf(rel: string): 'suite' | 'target' | null {
  if (inside(rel, TARGET_DIR)) return 'target';
  if (SUITE_FILES.includes(rel) || SUITE_DIRS.some((d) => inside(rel, d))) return 'suite';
  return null;
}

/** The violations of one file, given its path relative to the root and its text. */
function checkSource(file: string, source: string, root = REPO_ROOT): Violation[] {
  const side = sideOf(file);
  if (!side) return [];
  const out: Violation[] = [];
  for (const ref of moduleReferences(file, source)) {
    const resolved = resolveSpecifier(file, ref.specifier, root);
    if (resolved === null) continue;
    const bad = side === 'suite' ? inside(resolved, TARGET_DIR) : sideOf(resolved) === 'suite';
    if (bad) out.push({ file, line: ref.line, specifier: ref.specifier, resolved });
  }
  return out;
}

function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} imports '${v.specifier}' (resolves to ${v.resolved})`;
}

function walk(relDir: string, ext: RegExp): string[] {
  const abs = path.join(REPO_ROOT, relDir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${relDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(rel, ext));
    } else if (entry.isFile() && ext.test(entry.name)) {
      out.push(rel);
    }
  }
  return out.sort();
}

function suiteFiles(): string[] {
  return [...SUITE_FILES.filter((f) => fs.existsSync(path.join(REPO_ROOT, f))), ...SUITE_DIRS.flatMap((d) => walk(d, SUITE_EXT))];
}

function checkRepo(files: string[]): Violation[] {
  return files.flatMap((f) => checkSource(f, fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')));
}

test('the suite imports nothing from target/', () => {
  const files = suiteFiles();
  assert.ok(files.some((f) => f.startsWith('witness/')), 'found the suite\'s files');
  const violations = checkRepo(files);
  assert.equal(
    violations.length,
    0,
    `the suite must reach target/ only through HTTP, the browser and SQL (docs/architecture.md#conformance); start it by entry path instead:\n${violations.map(formatViolation).join('\n')}`,
  );
});

test('target/ imports nothing from the suite', () => {
  const files = walk(TARGET_DIR, TARGET_EXT);
  assert.ok(files.length > 0, 'found target/\'s files');
  const violations = checkRepo(files);
  assert.equal(violations.length, 0, `target/ must not import the suite (docs/architecture.md#conformance):\n${violations.map(formatViolation).join('\n')}`);
});

test('the checker catches planted violations (in memory)', () => {
  const suiteSource = [
    "import { createApp } from '../target/app.js';", // 1
    "export { FAULTS } from '../target/faults.js';", // 2
    "import type { Pool } from 'pg';", // 3: a package, fine
    "import { parseEnv } from './env.js';", // 4: inside the suite, fine
    '// import x from "../target/db.js" — a comment is not an import', // 5
    "const s = '../target/cli.ts'; // a path string, e.g. an entry path, is not an import", // 6
    'async function f() {', // 7
    "  const db = await import('../target/db.js');", // 8
    "  const h = require(`../target/http.js`);", // 9
    "  type T = typeof import('../target/time.js');", // 10
    "  return [db, h, s, createApp, parseEnv] as unknown as T;", // 11
    '}', // 12
    "import tsx = require('../target/clock.js');", // 13
    "import { x } from 'drive-witness/target/auth.js';", // 14
  ].join('\n');
  const found = checkSource('witness/planted.ts', suiteSource).map(formatViolation);
  assert.deepEqual(found, [
    "witness/planted.ts:1 imports '../target/app.js' (resolves to target/app.js)",
    "witness/planted.ts:2 imports '../target/faults.js' (resolves to target/faults.js)",
    "witness/planted.ts:8 imports '../target/db.js' (resolves to target/db.js)",
    "witness/planted.ts:9 imports '../target/http.js' (resolves to target/http.js)",
    "witness/planted.ts:10 imports '../target/time.js' (resolves to target/time.js)",
    "witness/planted.ts:13 imports '../target/clock.js' (resolves to target/clock.js)",
    ...(PACKAGE_NAME === 'drive-witness' ? ["witness/planted.ts:14 imports 'drive-witness/target/auth.js' (resolves to target/auth.js)"] : []),
  ]);

  // Relative paths resolve against the importing file's folder: from journeys/ui/, '../target'
  // is journeys/target, not the reference target.
  assert.deepEqual(checkSource('journeys/ui/X.spec.ts', "import a from '../target/app.js';"), []);
  assert.equal(checkSource('journeys/ui/X.spec.ts', "import a from '../../target/app.js';").length, 1);
  assert.equal(checkSource('playwright.config.ts', "import a from './target/app.js';").length, 1);

  const targetSource = ["import { Hono } from 'hono';", "import { parseEnv } from '../witness/env.js';", "import './db.js';", "const r = await import('../../selftest/helpers.js');"].join('\n');
  assert.deepEqual(checkSource('target/planted.ts', targetSource).map(formatViolation), [
    "target/planted.ts:2 imports '../witness/env.js' (resolves to witness/env.js)",
  ]);
  // One level deeper, '../witness' stays inside target/ and '../../selftest' leaves it.
  assert.deepEqual(checkSource('target/api/planted.ts', targetSource).map(formatViolation), [
    "target/api/planted.ts:4 imports '../../selftest/helpers.js' (resolves to selftest/helpers.js)",
  ]);
  assert.deepEqual(checkSource('target/api/planted.ts', "import { q } from '../../fixtures/seed.js';\nexport * from '../../reports/schema.js';").map(formatViolation), [
    "target/api/planted.ts:1 imports '../../fixtures/seed.js' (resolves to fixtures/seed.js)",
    "target/api/planted.ts:2 imports '../../reports/schema.js' (resolves to reports/schema.js)",
  ]);
});
