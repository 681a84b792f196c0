/**
 * The suite's own config pointed at two self-test journeys, one of which kills its worker: used by
 * selftest/crash.test.ts only (playwright.config.ts never sees this folder).
 */
import base from '../../playwright.config.js';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /\.crash\.ts$/,
  testIgnore: [],
  workers: 1,
  retries: 0,
  globalSetup: '../../witness/launcher/global-setup.ts',
  reporter: [['list'], ['../../reports/reporter.ts']],
});
