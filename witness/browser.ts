/**
 * Which Chromium to drive (docs/architecture.md#browser): WITNESS_CHROMIUM if set, else
 * Playwright's own build if installed, else a system Chromium: its headless shell for a headless
 * run (the same engine without the desktop browser around it, about half the CPU per journey), the
 * full browser for a headed one. None: one line saying what to do.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { Refusal } from './errors.js';

/** Debian's chromium-headless-shell (Playwright's own headless default is the same kind of build). */
const SYSTEM_HEADLESS_SHELLS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'];

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
  source: 'WITNESS_CHROMIUM' | 'playwright' | 'system' | 'system-headless-shell';
}

/**
 * Is this run headed? `--headed`, `--debug` and `--ui` on the runner's command line, or PWDEBUG.
 * Workers do not see the runner's arguments: the runner's answer travels to them in the environment.
 */
export function headedRun(argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.WITNESS_HEADED === '1') return true;
  if (env.WITNESS_HEADED === '0') return false;
  const headed = Boolean(env.PWDEBUG) || argv.some((a) => a === '--headed' || a === '--debug' || a === '--ui' || a.startsWith('--ui-'));
  env.WITNESS_HEADED = headed ? '1' : '0';
  return headed;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env, opts: { headed?: boolean } = {}): BrowserChoice {
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
  const shell = opts.headed ? undefined : SYSTEM_HEADLESS_SHELLS.find((p) => fs.existsSync(p));
  if (shell) return { executablePath: shell, source: 'system-headless-shell' };
  const system = SYSTEM_CANDIDATES.find((p) => fs.existsSync(p));
  if (system) return { executablePath: system, source: 'system' };
  throw new Refusal(
    'INFRA-003',
    'no Chromium found: install one (Debian/Ubuntu: apt-get install -y chromium chromium-headless-shell; elsewhere: pnpm exec playwright install chromium) or set WITNESS_CHROMIUM to a Chromium binary.',
  );
}
