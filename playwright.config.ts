/**
 * Drive Witness — the single entry of every run (docs/architecture.md#launcher). Its global setup decides
 * the mode from the environment, starts what the mode needs and tears it down afterwards.
 */
import path from 'node:path';
import { loadDotenv } from './witness/dotenv.js';
import { defineConfig, devices } from '@playwright/test';
import { findChromium, headedRun, CHROMIUM_ARGS } from './witness/browser.js';
import { ensureRunId, runDir } from './witness/run.js';
import { isRefusal } from './witness/errors.js';
import { runOptions } from './witness/launcher/settings.js';
import type { RunOptions } from './witness/fixtures/types.js';

loadDotenv();

const runId = ensureRunId();
const out = runDir(runId);
const run = runOptions();

let executablePath: string | undefined;
try {
  executablePath = findChromium(process.env, { headed: headedRun() }).executablePath;
} catch (e) {
  // Reported by the global setup as one clear line, before anything starts.
  process.env.WITNESS_BROWSER_REFUSAL = isRefusal(e) ? e.message : String(e);
}

const desktop = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 800 },
};

const mobile = {
  ...devices['Desktop Chrome'],
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

export default defineConfig<RunOptions>({
  testDir: './journeys',
  testMatch: /\.spec\.ts$/,
  testIgnore: ['**/pages/**'],
  outputDir: path.join(out, 'playwright'),
  globalSetup: './witness/launcher/global-setup.ts',
  fullyParallel: true,
  workers: 2, // the pack always runs on 2 or more slots (docs/architecture.md#slots); --workers overrides
  // A test whose attempts disagree is Flake/timing and the run is red (docs/architecture.md#classes).
  retries: 1,
  failOnFlakyTests: true,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./reports/reporter.ts']],
  use: {
    // The run's settings, as the launcher decided them (worker-scoped options of the fixtures).
    ...run,
    baseURL: run.targetUrl,
    timezoneId: 'America/Toronto',
    locale: 'en-US',
    serviceWorkers: 'block',
    // Traced on the first retry: a passing journey pays nothing for its trace, every failure (which
    // retries) has one. `--trace retain-on-failure` traces every attempt (a flake's first one too).
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    video: 'off', // Playwright's video needs its own ffmpeg build
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'desktop', use: desktop },
    // The nightly pack adds a phone-sized run (docs/architecture.md#browser): WITNESS_MOBILE=1.
    // @desktop: a journey that uses a control the phone layout does not offer (docs/architecture.md#ids).
    ...(process.env.WITNESS_MOBILE === '1' ? [{ name: 'mobile', use: mobile, grepInvert: /@desktop\b/ }] : []),
  ],
});
