import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser, newPage } from './support';

/**
 * Aksel's typeface under the strict Content-Security-Policy: Source Sans 3 comes from our own
 * origin (src/web/app/fonts.css), no request leaves for NAV's CDN or any other host, and the
 * body text is set in it — loaded, not merely named with Arial standing in.
 */
describe('web fonts', () => {
  const app = appInBrowser();

  /** Every request the page makes, and every CSP refusal Chromium reports on the console. */
  function record(page: Page) {
    const requests: string[] = [];
    const cspViolations: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    return { requests, cspViolations };
  }

  it('serves Source Sans 3 itself: no request to another host, body text set in the loaded font', async () => {
    const page = await newPage(app.browser);
    const { requests, cspViolations } = record(page);
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Log ind');
    await page.evaluate(() => document.fonts.ready);

    const local = new URL(app.url).host;
    const foreign = requests.filter((r) => {
      const u = new URL(r);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== local;
    });
    expect(foreign).toEqual([]);
    expect(cspViolations).toEqual([]);
    // The font files came from us (hashed names under /assets/), the Latin subset at least.
    const fontRequests = requests.filter((r) => r.endsWith('.woff2'));
    expect(fontRequests.some((r) => /\/assets\/source-sans-3-latin-wght-normal-[\w-]+\.woff2$/.test(r))).toBe(
      true,
    );
    expect(fontRequests.every((r) => new URL(r).host === local)).toBe(true);

    const font = await page.evaluate(() => {
      const body = getComputedStyle(document.body).fontFamily;
      const label = document.querySelector('label');
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Source Sans 3');
      return {
        body,
        label: label ? getComputedStyle(label).fontFamily : null,
        check: document.fonts.check('1rem "Source Sans 3"'),
        checkBold: document.fonts.check('600 1rem "Source Sans 3"'),
        // check() is also true when no face of the family exists at all: count the loaded ones.
        loaded: faces.filter((f) => f.status === 'loaded').length,
      };
    });
    expect(font.body.split(',')[0]?.trim().replace(/"/g, '')).toBe('Source Sans 3');
    expect(font.label?.split(',')[0]?.trim().replace(/"/g, '')).toBe('Source Sans 3');
    expect(font.check).toBe(true);
    expect(font.checkBold).toBe(true);
    expect(font.loaded).toBeGreaterThan(0);
  });

  it('answers the font files from /assets/ as font/woff2, and the stylesheet names no CDN', async () => {
    const html = await (await fetch(app.url)).text();
    const css = html.match(/\/assets\/index-[\w-]+\.css/)?.[0];
    expect(css).toBeDefined();
    const sheet = await (await fetch(new URL(css!, app.url))).text();
    const file = sheet.match(/\/assets\/source-sans-3-latin-wght-normal-[\w-]+\.woff2/)?.[0];
    expect(file).toBeDefined();
    expect(sheet).not.toContain('cdn.nav.no');
    const response = await fetch(new URL(file!, app.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/woff2');
  });
});
