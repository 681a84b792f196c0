/**
 * The secret scan (docs/architecture.md#secrets): search a run's output folder — traces unzipped included —
 * for values that must never be written there.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface Needle {
  name: string;
  value: string;
  /** 'everywhere': every file, traces included; 'reports': report, summary, defects, evidence rows, logs */
  scope: 'everywhere' | 'reports';
}

export interface Hit {
  needle: string;
  file: string;
}

/** The entries of a zip file (stored or deflated; enough for Playwright traces). */
export function unzipEntries(buf: Buffer): { name: string; data: Buffer }[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.push({ name, data: method === 0 ? raw : method === 8 ? zlib.inflateRawSync(raw) : Buffer.alloc(0) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return files;
}

/** Report, summary, defects, evidence rows and log files: where even test credentials must not be. */
export function isReportFile(rel: string): boolean {
  return (
    /(^|\/)(report\.json|summary\.md|run-[a-z]+\.json)$/.test(rel) ||
    rel.startsWith('defects/') ||
    (rel.startsWith('evidence/') && rel.endsWith('.json')) ||
    rel.endsWith('.log') ||
    rel.endsWith('viewer.html')
  );
}

export function scanFolder(root: string, needles: Needle[]): Hit[] {
  const hits: Hit[] = [];
  const check = (label: string, data: Buffer, reportFile: boolean) => {
    const text = data.toString('latin1');
    for (const n of needles) {
      if (!n.value) continue;
      if (n.scope === 'reports' && !reportFile) continue;
      if (text.includes(n.value) || text.includes(encodeURIComponent(n.value))) hits.push({ needle: n.name, file: label });
    }
  };
  for (const file of walk(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const data = fs.readFileSync(file);
    check(rel, data, isReportFile(rel));
    if (file.endsWith('.zip')) {
      for (const e of unzipEntries(data)) check(`${rel}!${e.name}`, e.data, false);
    }
  }
  return hits;
}
