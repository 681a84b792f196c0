import fs from 'node:fs';
import path from 'node:path';
import type { Report } from './schema.js';
import { defectFileName, renderDefect } from './defect.js';

/**
 * Write `defects/<scenario>--<invariant>.md` for each failure of a report.
 * With `onlyMissing`, existing files are left as they are (a person may have edited them).
 * Returns the files written.
 */
export function writeDefects(report: Report, runDir: string, artifactsRoot: string, onlyMissing = false): string[] {
  if (!report.failures.length) return [];
  const dir = path.join(runDir, 'defects');
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const f of report.failures) {
    const file = path.join(dir, defectFileName(f));
    if (onlyMissing && fs.existsSync(file)) continue;
    fs.writeFileSync(file, renderDefect(f, report, artifactsRoot));
    written.push(file);
  }
  return written;
}
