/**
 * Which Chromium to drive (docs/architecture.md#browser): WITNESS_CHROMIUM if set, else
 * Playwright's own build if installed, else a system Chromium. None: one line saying what to do.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { Refusal } from './errors.js';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserChoice {
  /** undefined = Playwright's own build */
  executablePath: string | undefined;
  source: 'WITNESS_CHROMIUM' | 'playwright' | 'system';
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const explicit = env.WITNESS_CHROMIUM;
  if (explicit) {
    if (!fs.existsSync(explicit)) {
      throw new Refusal('INFRA-003', `WITNESS_CHROMIUM=${explicit} does not exist; point it at a Chromium or Chrome binary.`);
    }
    return { executablePath: explicit, source: 'WITNESS_CHROMIUM' };
  }
  let own: string | undefined;
  try {
    own = chromium.executablePath();
  } catch {
    own = undefined;
  }
  if (own && fs.existsSync(own)) return { executablePath: undefined, source: 'playwright' };
  const system = SYSTEM_CANDIDATES.find((p) => fs.existsSync(p));
  if (system) return { executablePath: system, source: 'system' };
  throw new Refusal(
    'INFRA-003',
    'no Chromium found: install one (Debian/Ubuntu: apt-get install -y chromium; elsewhere: pnpm exec playwright install chromium) or set WITNESS_CHROMIUM to a Chromium binary.',
  );
}
