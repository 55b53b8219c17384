// End-to-end tests: the built web app against a fresh server with the demo district.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Each run gets an empty data directory, so the demo loads from scratch.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kehou-e2e-${Date.now()}-`));

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:3210',
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node bin/kehou.js start',
    url: 'http://127.0.0.1:3210/api/health',
    env: {
      PORT: '3210',
      KEHOU_DATA_DIR: dataDir,
      KEHOU_LOG_LEVEL: 'warn',
      KEHOU_DEMO: '1',
      KEHOU_TEST_CLOCK: '1',
    },
    timeout: 120_000,
    reuseExistingServer: false,
  },
});
