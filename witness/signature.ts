/**
 * Signatures (docs/architecture.md#known-defects): what identifies a failing check across runs, journeys
 * and slots, so a known defect is recognised wherever it shows. A signature is the invariant id
 * plus the check:
 * - an API check: the method, the contract's path template (ids as `{id}`), the query parameters'
 *   names, and the field that carried the foreign id (`path`, `body.driverId`) with `body.action=…`;
 * - a page check: the page, the check id and the kind of row in error;
 * - a database check, a sign-in check, a global invariant: the check's own name.
 * No entity id, slot or name goes into a signature.
 */
import { pathTemplate } from './contract/paths.js';

export interface SignedRequest {
  method: string;
  path: string;
  data?: unknown;
}

function queryNames(path: string): string {
  const q = path.split('?')[1];
  if (!q) return '';
  const names = [...new URLSearchParams(q).keys()].sort();
  return names.length ? `?${names.join('&')}` : '';
}

/**
 * Where the foreign id sat in a request: `path` (the path's first id; `path2` its second when only
 * that one is foreign), `body.<key>`, or nothing (`-`).
 */
export function foreignField(req: SignedRequest, foreignIds: readonly string[]): string {
  const segs = req.path.split('?')[0]!.split('/');
  const params = pathTemplate(req.path).split('/').flatMap((t, i) => (t === '{id}' ? [segs[i] ?? ''] : []));
  const foreign = params.map((seg) => foreignIds.some((id) => seg.includes(id)));
  if (foreign.length > 1 && !foreign[0] && foreign.indexOf(true) > 0) return `path${foreign.indexOf(true) + 1}`;
  const inPath = foreignIds.some((id) => req.path.split('?')[0]!.includes(id));
  if (inPath) return 'path';
  if (req.data && typeof req.data === 'object') {
    for (const [k, v] of Object.entries(req.data as Record<string, unknown>)) {
      const values = Array.isArray(v) ? v : [v];
      if (values.some((x) => typeof x === 'string' && foreignIds.includes(x))) return `body.${k}`;
    }
  }
  if (queryNames(req.path) && foreignIds.some((id) => (req.path.split('?')[1] ?? '').includes(id))) return 'query';
  return '-';
}

function action(req: SignedRequest): string {
  const a = req.data && typeof req.data === 'object' ? (req.data as Record<string, unknown>).action : undefined;
  return typeof a === 'string' ? ` body.action=${a}` : '';
}

/** `TENANT-004 POST /api/warehouses/{id}/managers body.userId` */
export function apiSignature(invariantId: string, req: SignedRequest, foreignIds?: readonly string[]): string {
  const field = foreignIds ? ` ${foreignField(req, foreignIds)}` : '';
  return `${invariantId} ${req.method} ${pathTemplate(req.path)}${queryNames(req.path)}${field}${action(req)}`;
}

/** `WITNESS-001 /routes routes extra` (without the row kind: the check as it runs, pass or fail) */
export function pageSignature(invariantId: string, page: string, checkId: string, rowKind?: string): string {
  return `${invariantId} ${page.split(' ')[0]} ${checkId}${rowKind ? ` ${rowKind}` : ''}`;
}

/** `ASSIGN-001 db assignment-state`, `AUTH-001 auth lands-on-dashboard`, `TENANT-002 global` */
export function namedSignature(invariantId: string, kind: 'db' | 'auth' | 'global' | 'sweep' | 'race' | 'cron' | 'header', name?: string): string {
  return `${invariantId} ${kind}${name ? ` ${name}` : ''}`;
}

/**
 * The signature of a failure that names none (a harness error, a timeout): its id and its first
 * line with every id, number and quoted text taken out, so the same fault reads the same each run.
 */
export function messageSignature(invariantId: string | null, message: string): string {
  const first = (message.split('\n')[0] ?? '')
    .replace(/^\s*(\w*Error:\s*)?/, '')
    .replace(/^[A-Z]+-\d{3}\s*/, '')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}')
    .replace(/\b[\w.+-]+@[\w.-]+\b/g, '<email>')
    .replace(/\b(e2e|dw)[\w.:-]*/g, '{id}')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 140);
  return `${invariantId ?? 'NO-ID'} error ${first}`;
}

/** A short, stable slug of a signature for file names (FNV-1a, 8 hex digits). */
export function signatureHash(signature: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < signature.length; i++) {
    h ^= signature.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
