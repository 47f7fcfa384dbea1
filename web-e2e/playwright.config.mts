import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Browser tests against the real built server (dist/api serving dist/web),
 * in Debian's Chromium: Playwright never downloads a browser here.
 *
 * The server gets a free port of its own (other servers may hold 3000),
 * chosen once in the main process; workers inherit it through the
 * environment, so every worker talks to the same server.
 */
process.env['E2E_PORT'] ??= execFileSync(process.execPath, [
  '-e',
  "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
const port = Number(process.env['E2E_PORT']);
const baseURL = `http://127.0.0.1:${port}`;
const workspaceRoot = join(import.meta.dirname, '..');

export default defineConfig({
  testDir: './src',
  outputDir: join(workspaceRoot, 'tmp/web-e2e/results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node ${join(workspaceRoot, 'dist/api/main.js')}`,
    url: `${baseURL}/api/health`,
    env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_ROOT: join(workspaceRoot, 'dist/web/browser') },
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 30_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-dev-shm-usage',
          ],
        },
      },
    },
  ],
});
