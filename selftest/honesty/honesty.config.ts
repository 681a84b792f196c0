/**
 * The suite's own config pointed at the harness-honesty journeys of this folder (a hung wait, a
 * refusal without its control, a refusal whose control fails): used by selftest/honesty.test.ts
 * only (playwright.config.ts never sees this folder). No retries, so each attempt is the verdict.
 */
import base from '../../playwright.config.js';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /\.honesty\.ts$/,
  testIgnore: [],
  retries: 0,
  globalSetup: '../../witness/launcher/global-setup.ts',
  reporter: [['list'], ['../../reports/reporter.ts']],
});
