// Debian's Chromium driven by playwright-core: present or not, and a fresh headless browser profile per launch.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * A reason to skip the browser tests, or false to run them. In CI (CI set) a missing browser is never a skip:
 * CI's script installs it, so the tests run and fail loudly instead of silently not running.
 */
export function skipWithoutChromium(): string | false {
  if (existsSync(CHROMIUM) || process.env.CI) return false;
  const why = `${CHROMIUM} is missing: install it (apt-get install -y chromium) to run the dashboard browser tests`;
  console.log(`SKIPPED: ${why}`);
  return why;
}

export type Browser = { context: BrowserContext; close(): Promise<void> };

export async function launchChromium(o: { width: number; height: number }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing and CI is set: CI installs it, so the dashboard browser tests must run`);
  const profile = mkdtempSync(join(tmpdir(), 'presence-chromium-'));
  // launchPersistentContext is playwright's way to give Chromium its --user-data-dir: a fresh one each time.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: o.width, height: o.height },
    locale: 'en-GB',
    timezoneId: 'UTC',
    timeout: 30_000,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
