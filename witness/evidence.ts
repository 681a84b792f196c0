/**
 * Paired evidence (docs/architecture.md#witness-checks): a screenshot with the checked element
 * outlined, and the query with its rows, written side by side under the run's evidence/ folder
 * and attached to the test with the verdict.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { runDir } from './run.js';
import { maskEmailsEnabled, maybeMask } from './mask.js';
import type { RequestSeen } from './requests.js';
import { waitFor } from './activity.js';

export type Verdict = 'pass' | 'fail' | 'not-evaluated';

export interface Outline {
  locator: Locator;
  /** blue: the checked element; green: a row the check expects; red: a row in error */
  tone: 'checked' | 'expected' | 'error';
}

const TONES: Record<Outline['tone'], string> = { checked: '#1f6feb', expected: '#1a7f37', error: '#d1242f' };

export interface CheckRecord {
  /** sequence number within the test, for stable file names */
  seq: number;
  checkId: string;
  scenarioId: string;
  invariantId: string;
  verdict: Verdict;
  /** what identifies the check across runs, journeys and slots (witness/signature.ts) */
  signature: string;
  organizationUnderTest: string;
  actor?: { name: string; id: string; org: string };
  page?: { url: string; shown: unknown[] };
  db: { query: string; params: unknown[]; rows: unknown[] };
  diff?: Record<string, unknown>;
  /** why a check could not be judged, and the evidence of what it needed (its positive control) */
  notEvaluated?: { because: string; control: string };
  summary: string;
  /** paths relative to the run folder */
  screenshot?: string;
  rowsFile: string;
  /** every request made since the previous record, with the x-request-id it carried */
  requests: RequestSeen[];
  at: string;
}

export const CHECK_ATTACHMENT = 'witness-check';

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

export function evidenceBase(scenarioId: string, testInfo: TestInfo, seq: number, checkId: string): string {
  const dir = path.join(runDir(), 'evidence', safe(scenarioId));
  fs.mkdirSync(dir, { recursive: true });
  const attempt = testInfo.retry ? `-retry${testInfo.retry}` : '';
  // The phone project runs the same journeys: its evidence must not overwrite the desktop's.
  const project = testInfo.project.name && testInfo.project.name !== 'desktop' ? `-${safe(testInfo.project.name)}` : '';
  return path.join(dir, `${String(seq).padStart(2, '0')}-${safe(checkId)}-slot${testInfo.parallelIndex}${project}${attempt}`);
}

/**
 * Screenshot the page with outlines drawn on it. What needs the page (scrolling, the capture, the
 * outlined boxes) is done before this resolves; drawing the outlines and writing the PNG (sharp
 * composites an SVG over it) is left to `written`, so the journey goes on meanwhile.
 */
export async function outlinedScreenshot(page: Page, outlines: Outline[], file: string): Promise<{ written: Promise<void> }> {
  // The checked element may sit in a scrolling container (the /routes table on a phone): bring it
  // into view when it shows. An element that is absent or hidden is outlined by nothing, not waited for.
  const first = outlines[0]?.locator.first();
  if (first && (await first.isVisible())) {
    await waitFor('the checked element to scroll into view for its screenshot', () => first.scrollIntoViewIfNeeded({ timeout: 5_000 }), page);
  }
  const png = await page.screenshot({
    fullPage: true,
    animations: 'disabled',
    // WITNESS_MASK_EMAILS=1 paints over every element whose text is an e-mail address.
    mask: maskEmailsEnabled() ? [page.getByText(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/)] : [],
  });
  const [view, boxesPerOutline] = await Promise.all([
    page.evaluate(() => ({ x: window.scrollX, y: window.scrollY, dpr: window.devicePixelRatio || 1 })),
    Promise.all(
      outlines.map((o) =>
        o.locator.evaluateAll((els) =>
          els.map((e) => {
            const r = e.getBoundingClientRect();
            return { x: r.x, y: r.y, w: r.width, h: r.height };
          }),
        ),
      ),
    ),
  ]);
  const written = (async () => {
    // sharp is loaded on the first screenshot: API-only journeys never pay for it.
    const { default: sharp } = await import('sharp');
    const meta = await sharp(png).metadata();
    const width = meta.width ?? 1280;
    const height = meta.height ?? 800;
    const rects: string[] = [];
    outlines.forEach((o, i) => {
      for (const b of boxesPerOutline[i]!) {
        if (b.w === 0 && b.h === 0) continue;
        const pad = o.tone === 'checked' ? 6 : 3;
        const x = Math.max(0, (b.x + view.x - pad) * view.dpr);
        const y = Math.max(0, (b.y + view.y - pad) * view.dpr);
        const w = Math.min(width - x, (b.w + 2 * pad) * view.dpr);
        const h = Math.min(height - y, (b.h + 2 * pad) * view.dpr);
        rects.push(
          `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="${TONES[o.tone]}" stroke-width="${o.tone === 'checked' ? 4 : 3}" rx="6"${o.tone === 'checked' ? '' : ' stroke-dasharray="10 5"'}/>`,
        );
      }
    });
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rects.join('')}</svg>`);
    await sharp(png).composite([{ input: svg, top: 0, left: 0 }]).png().toFile(file);
  })();
  written.catch((e: Error) => e); // awaited by the check's owner; never an unhandled rejection
  return { written };
}

/**
 * Write the rows file and attach the record to the test (the reporter reads it from there; the
 * screenshot is attached once written). The rows file is attached as well to a check that did not
 * pass or that has a screenshot (a pair): those are what a trace's or HTML report's attachments are
 * read for. Attaching every passing API check's file too cost API-006 a quarter of its time (Playwright
 * copies each), for a copy of what `evidence/` and viewer.html already hold.
 */
export async function recordCheck(testInfo: TestInfo, record: CheckRecord): Promise<void> {
  const base = runDir();
  const rowsPath = path.join(base, record.rowsFile);
  const json = maybeMask(JSON.stringify(record, null, 2));
  fs.writeFileSync(rowsPath, json);
  if (record.verdict !== 'pass' || record.screenshot) await testInfo.attach(`${record.checkId}: rows`, { path: rowsPath, contentType: 'application/json' });
  await testInfo.attach(CHECK_ATTACHMENT, { body: maybeMask(JSON.stringify(record)), contentType: 'application/json' });
}

export function relToRun(file: string): string {
  return path.relative(runDir(), file).split(path.sep).join('/');
}
