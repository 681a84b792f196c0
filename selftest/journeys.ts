/** The journeys on disk and their scenario ids (the id is the first word of the file name). */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../witness/launcher/stack.js';

export function journeyFiles(): { id: string; file: string }[] {
  const out: { id: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'pages') walk(p);
      } else if (e.name.endsWith('.spec.ts')) {
        const id = /^([A-Z]+-\d{3})\./.exec(e.name)?.[1];
        if (id) out.push({ id, file: path.relative(REPO_ROOT, p) });
      }
    }
  };
  walk(path.join(REPO_ROOT, 'journeys'));
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
