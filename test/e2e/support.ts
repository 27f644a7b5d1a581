import { createServer } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Config } from '../../src/server/config';
import { type Harness, openHarness } from '../support/harness';

/**
 * Debian's Chromium with the flags this machine needs (no network beyond localhost). Playwright
 * gives every launch a fresh, empty user-data-dir of its own.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A port free now, so the app's PUBLIC_URL can name it before the app listens there. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The real app, serving the built web app (dist/web) on a free port, on PGlite. Its PUBLIC_URL
 * is the address the browser opens: unsafe requests are accepted from that origin only.
 */
export async function startApp(overrides: Partial<Config> = {}): Promise<{ harness: Harness; url: string }> {
  const port = await freePort();
  const harness = await openHarness('pglite', undefined, {
    webDir: join(process.cwd(), 'dist/web'),
    publicUrl: `http://127.0.0.1:${port}`,
    publicUrlIsDefault: false,
    ...overrides,
  });
  const address = await harness.app.listen({ host: '127.0.0.1', port });
  return { harness, url: address };
}

/** WCAG 2.1 AA checks of the page as it is now; fails the test with the violations listed. */
export async function expectAccessible(page: Page, context: string) {
  // Axe measures contrast as drawn: a dialog still fading in has text too faint to pass.
  // allSettled: an animation cancelled meanwhile (its element gone) rejects its `finished`.
  await page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(violations, `accessibility violations on ${context}`).toEqual([]);
}

/**
 * An element's text as a reader sees it: without the invisible direction isolates (U+2066–2069)
 * that keep a typed name's direction apart from the sentence round it (src/web/app/format.ts).
 */
export async function visibleText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/[\u2066-\u2069]/g, '');
}
