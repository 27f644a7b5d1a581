import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import type { Config } from '../../src/server/config';
import { type Harness, openHarness, TEST_PASSWORD } from '../support/harness';
import { freePort } from '../support/ports';

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

/** What a browser test file works with: the app, its address, and the browser. */
export interface AppInBrowser {
  harness: Harness;
  url: string;
  browser: Browser;
}

/**
 * The app (startApp) and a browser for the tests of one describe block: started before them,
 * closed after them. The fields are filled in by then: read them inside hooks and tests only.
 */
export function appInBrowser(overrides: Partial<Config> = {}): AppInBrowser {
  const app = {} as AppInBrowser;
  beforeAll(async () => {
    Object.assign(app, await startApp(overrides));
    app.browser = await launchBrowser();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.harness?.app.close();
    await app.harness?.db.close();
  });
  return app;
}

/** appInBrowser with one municipality generated for the describe block's tests, as `m`. */
export interface AppWithMunicipality extends AppInBrowser {
  m: GeneratedMunicipality;
}

/** appInBrowser, and a municipality of the given shape made before the tests (one family by default). */
export function appWithMunicipality(
  shape: Parameters<Harness['municipality']>[0] = { families: 1, adults: 1, children: 1 },
  overrides: Partial<Config> = {},
): AppWithMunicipality {
  const app = appInBrowser(overrides) as AppWithMunicipality;
  // Registered after appInBrowser's hook, so it runs once the app is up.
  beforeAll(async () => {
    app.m = await app.harness.municipality(shape);
  });
  return app;
}

/** A page in a browser context of its own (own cookies), as a Danish browser at the given width. */
export async function newPage(browser: Browser, width?: number): Promise<Page> {
  const viewport = width === undefined ? {} : { viewport: { width, height: 900 } };
  return (await browser.newContext({ locale: 'da-DK', ...viewport })).newPage();
}

/** Fills in the sign-in form as it reads in English, and sends it. */
export async function submitSignIn(page: Page, username: string, password = TEST_PASSWORD) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Opens the sign-in page, turns it into English and signs in (what comes next is the caller's to wait for). */
export async function signInInEnglish(page: Page, url: string, username: string, password = TEST_PASSWORD) {
  await page.goto(`${url}/login`);
  await page.getByRole('button', { name: /English/ }).click();
  await submitSignIn(page, username, password);
}

/**
 * Opens the sign-in page of a Danish browser, signs in in Danish (the default, never chosen) and
 * waits for the start page: My work (Mit arbejde) for team staff, else any page past sign-in.
 */
export async function signInInDanish(page: Page, url: string, username: string, password = TEST_PASSWORD) {
  await page.goto(`${url}/login`);
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByLabel('Adgangskode', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log ind', exact: true }).click();
  await page.waitForURL(/\/(families|welcome|my-work)/);
}

/**
 * A page of its own at the given width, signed in as `username` in English, on My work: where team
 * staff land after sign-in (decision 0045), and where tests of a family's page start from.
 */
export async function signInToMyWork(app: AppInBrowser, username: string, width?: number): Promise<Page> {
  const page = await newPage(app.browser, width);
  await signInInEnglish(page, app.url, username);
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
  return page;
}

/**
 * A page of its own at the given width, signed in as `username` in English, on the family list:
 * the start of most main-path tests. Team staff land on My work (decision 0045), others on the
 * list; either way the start page is waited for, then the list opened.
 */
export async function signInToFamilies(app: AppInBrowser, username: string, width?: number): Promise<Page> {
  const page = await newPage(app.browser, width);
  await signInInEnglish(page, app.url, username);
  await page.getByRole('heading', { name: /^(My work|Families)$/, level: 1 }).waitFor();
  if (!page.url().endsWith('/families')) {
    await page.goto(`${app.url}/families`);
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
  }
  return page;
}

/** Switches a signed-in page to the other language from the header, and waits for the page's heading in it. */
export async function switchLanguage(page: Page, heading: string | RegExp) {
  await page.getByRole('button', { name: /^(Dansk|English) – / }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
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
