/**
 * The chart page in headless Chromium (the machine's, or the one @sparticuz/chromium ships,
 * driven by playwright-core) against
 * a real server over a database filled from the mod.gov.ua fixtures.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnalystServer } from '../../src/analyst/server.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { createModFixtureDb, type FixtureDb } from './fixture-db.js';
import { launchBrowser } from '../helpers/browser.js';

let db: FixtureDb;
let sqlite: BetterSqlite3.Database;
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
/** Every URL the page asked for, the JSON of each API answer it got, and its errors. */
let requested: string[];
let answers: Map<string, Promise<unknown>>;
let pageErrors: string[];

beforeAll(async () => {
  db = await createModFixtureDb();
  sqlite = openSqlite(db.path, { readonly: true });
  server = createAnalystServer(sqlite);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ browser } = await launchBrowser());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
  sqlite?.close();
  await db?.dispose();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  requested = [];
  answers = new Map();
  page.on('request', (request) => requested.push(request.url()));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) answers.set(`${url.pathname}${url.search}`, response.json().catch((error: Error) => `unreadable: ${error.message}`));
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  pageErrors = errors;
});

afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

async function ready(category: string): Promise<void> {
  await page.locator(`#chart[data-state="ready"][data-category="${category}"]`).waitFor({ timeout: 10_000 });
}

const legendLabels = () => page.locator('.u-legend .u-series .u-label').allTextContents();
const apiPaths = () => requested.filter((u) => u.includes('/api/')).map((u) => u.slice(base.length)).sort();

/**
 * Pixels of the chart's canvas that are not transparent, and the canvas as a data URL. Runs in
 * the page; written as text because the project compiles without the DOM library.
 */
function canvasState(): Promise<{ width: number; height: number; painted: number; image: string }> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector('#chart .uplot canvas');
    if (!canvas) return { width: 0, height: 0, painted: 0, image: '' };
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
    return { width: canvas.width, height: canvas.height, painted, image: canvas.toDataURL() };
  })()`);
}

/** An attribute of every element a locator matches, in document order. */
async function attributes(selector: string, ...names: string[]): Promise<(string | null)[][]> {
  const all = await page.locator(selector).all();
  return Promise.all(all.map((element) => Promise.all(names.map((name) => element.getAttribute(name)))));
}

/** Where a report date sits across the plot: the x scale runs from half a day before the first to half a day after the last. */
async function plotX(date: string, first: string, days: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('#chart .u-over').boundingBox())!;
  const offset = (Date.parse(date) - Date.parse(first)) / 86_400_000 + 0.5;
  return { x: box.x + (box.width * offset) / days, y: box.y + box.height / 2 };
}

describe('the chart page', () => {
  it('renders the first category of the registry from the API, loading nothing from elsewhere', async () => {
    await page.goto(`${base}/`);
    await ready('personnel');

    const options = (await page.locator('#category option').all()).map(async (o) => [await o.getAttribute('value'), await o.textContent()]);
    expect(options).toHaveLength(18);
    expect(await Promise.all(options.slice(0, 3))).toEqual([
      ['personnel', 'personnel'],
      ['tanks', 'tanks'],
      ['afv', 'armoured fighting vehicles'],
    ]);
    expect(await options[17]).toEqual(['srbm', 'mobile SRBM systems (2022-03-26 to 2022-04-30)']);
    expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe('personnel');

    expect(apiPaths()).toEqual(['/api/categories', '/api/findings?category=personnel', '/api/series?category=personnel']);
    expect(await answers.get('/api/series?category=personnel')).toEqual({
      category: 'personnel',
      from: null,
      to: null,
      rows: [
        { date: '2026-07-27', day: 1615, total: 1440580, delta: 1590, qualifier: 'about', source: 'mod', flags: [] },
        { date: '2026-07-28', day: 1616, total: 1442140, delta: 1560, qualifier: 'about', source: 'mod', flags: [] },
        { date: '2026-07-29', day: 1617, total: 1443450, delta: 1310, qualifier: 'about', source: 'mod', flags: [] },
        { date: '2026-07-30', day: 1618, total: 1444810, delta: 1360, qualifier: 'about', source: 'mod', flags: [] },
      ],
    });
    expect(requested.every((url) => url.startsWith(`${base}/`))).toBe(true);

    expect(await page.locator('#chart').getAttribute('data-points')).toBe('4');
    expect(await legendLabels()).toEqual(['date', 'personnel: daily delta', 'personnel: total']);
    const canvas = await canvasState();
    expect(canvas.width).toBeGreaterThan(300);
    expect(canvas.painted).toBeGreaterThan(1000);
    expect(await page.locator('#chart canvas').getAttribute('aria-label')).toBe(
      'Chart of personnel: 4 days from 2026-07-27 to 2026-07-30; latest total about 1,444,810; 0 day(s) with findings',
    );
    expect(await page.locator('#status').textContent()).toBe('personnel: 4 days, 2026-07-27 to 2026-07-30; 0 finding(s).');
    expect(await page.locator('.finding-marker').count()).toBe(0);
    expect(await page.locator('#findings li').allTextContents()).toEqual(['none']);
  });

  it('draws another chart when another category is chosen', async () => {
    await page.goto(`${base}/`);
    await ready('personnel');
    const before = await canvasState();

    await page.getByLabel('Category', { exact: true }).selectOption('uav');
    await ready('uav');

    expect(await legendLabels()).toEqual(['date', 'UAV operational-tactical level: daily delta', 'UAV operational-tactical level: total']);
    const after = await canvasState();
    expect(after.painted).toBeGreaterThan(1000);
    expect(after.image).not.toBe(before.image);
    expect(((await answers.get('/api/series?category=uav')) as { rows: { total: number }[] }).rows.map((r) => r.total)).toEqual([429555, 431310, 432778, 434140]);
    expect(apiPaths()).toEqual([
      '/api/categories',
      '/api/findings?category=personnel',
      '/api/findings?category=uav',
      '/api/series?category=personnel',
      '/api/series?category=uav',
    ]);
    expect(new URL(page.url()).hash).toBe('#uav');
    expect(await page.locator('#status').textContent()).toBe('UAV operational-tactical level: 4 days, 2026-07-27 to 2026-07-30; 0 finding(s).');
  });

  it('marks the days with findings above the plot, at their dates', async () => {
    await page.goto(`${base}/#tanks`);
    await ready('tanks');
    expect(apiPaths()).toEqual(['/api/categories', '/api/findings?category=tanks', '/api/series?category=tanks']);

    expect(await attributes('.finding-marker', 'data-date', 'data-severity')).toEqual([
      ['2026-07-28', 'error'],
      ['2026-07-29', 'error'],
    ]);
    const marker = page.locator('.finding-marker[data-date="2026-07-28"]');
    expect(await marker.isVisible()).toBe(true);
    expect(await marker.getAttribute('aria-label')).toBe('Findings on 2026-07-28 for tanks: delta_mismatch (error, mod)');
    expect(await page.getByRole('button', { name: 'Findings on 2026-07-29 for tanks: delta_mismatch (error, mod); total_decreased (warning, mod)' }).count()).toBe(1);

    const box = (await marker.boundingBox())!;
    const expected = await plotX('2026-07-28', '2026-07-27', 4);
    expect(Math.abs(box.x + box.width / 2 - expected.x)).toBeLessThan(1.5);

    expect(await page.locator('#findings li').allTextContents()).toEqual([
      '2026-07-28 mod error delta_mismatch: 12225 on 2026-07-27 plus the stated delta +1 gives 12226, the report says 12262 (+36)',
      '2026-07-29 mod error delta_mismatch: 12262 on 2026-07-28 plus the stated delta +1 gives 12263, the report says 12227 (-36)',
      '2026-07-29 mod warning total_decreased: the total fell from 12262 on 2026-07-28 to 12227 (-35)',
    ]);
    expect(await page.locator('#chart canvas').getAttribute('aria-label')).toBe(
      'Chart of tanks: 4 days from 2026-07-27 to 2026-07-30; latest total 12,230; 2 day(s) with findings',
    );
  });

  it('shows the source, the figures and the findings of the point under the pointer', async () => {
    await page.goto(`${base}/#tanks`);
    await ready('tanks');

    const at = await plotX('2026-07-29', '2026-07-27', 4);
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => page.locator('#point').textContent()).toBe(
      '2026-07-29 · tanks: total 12,227 · delta +1 · source mod · findings: delta_mismatch, total_decreased',
    );
    expect(await page.locator('.u-legend .u-series .u-value').allTextContents()).toEqual(['2026-07-29', '+1 (source mod)', '12,227 (source mod)']);

    await page.locator('.finding-marker[data-date="2026-07-28"]').focus();
    await expect.poll(() => page.locator('#point').textContent()).toBe('2026-07-28 · tanks: total 12,262 · delta +1 · source mod · findings: delta_mismatch');
  });

  it('shows a day whose line gave only a delta as a point without a total', async () => {
    await page.goto(`${base}/#vehicles_fuel`);
    await ready('vehicles_fuel');
    const at = await plotX('2026-07-29', '2026-07-27', 4);
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => page.locator('#point').textContent()).toBe(
      '2026-07-29 · vehicles and fuel tanks: total not stated · delta +331 · source mod · findings: total_missing',
    );
    expect(await attributes('.finding-marker', 'aria-label')).toEqual([['Findings on 2026-07-29 for vehicles and fuel tanks: total_missing (warning, mod)']]);
  });

  it('says so when a category has no figures', async () => {
    await page.goto(`${base}/#srbm`);
    await ready('srbm');
    expect(await page.locator('#status').textContent()).toBe('No figures are stored for mobile SRBM systems.');
    expect(await page.locator('#chart .uplot').count()).toBe(0);
  });
});
