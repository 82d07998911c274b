// Browser test of the dyad page: Debian's Chromium driven by playwright-core against a running
// `dyad serve` (started by scripts/web-test.sh, which sets DYAD_URL and DYAD_ARTIFACTS).
// Run through node's test runner: node --test tests/web/browser.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

// playwright-core is installed in web/node_modules (scripts/build-web.sh).
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const BASE = process.env.DYAD_URL;
const ART = process.env.DYAD_ARTIFACTS || 'build/web-artifacts';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
assert.ok(BASE, 'DYAD_URL must name the running dyad serve (scripts/web-test.sh sets it)');
mkdirSync(ART, { recursive: true });

let profile;
let context;
let page;
const consoleErrors = [];

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'dyad-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // Nothing may be loaded from anywhere but the dyad server.
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.origin === new URL(BASE).origin || u.protocol === 'data:') return route.continue();
    consoleErrors.push(`external request: ${u.href}`);
    return route.abort();
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const ready = () => page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });

test('page loads with summary and top dyads', async () => {
  await page.goto(BASE, { waitUntil: 'load' });
  await ready();
  const status = await page.textContent('#summary');
  assert.match(status, /\d+ documents, \d+ events/);
  assert.ok(await page.locator('#dyads button').count() > 0, 'top dyads listed');
});

test('dyad RUS–PRK: timeline, events, network and map render', async () => {
  await page.fill('input[name=source]', 'RUS');
  await page.fill('input[name=target]', 'PRK');
  await page.check('input[name=either]');
  await page.click('#apply');
  await ready();
  assert.equal(await page.textContent('#status'), '', 'no error shown');
  assert.match(await page.textContent('#timeline-title'), /RUS ↔ PRK/);
  const points = Number(await page.getAttribute('#timeline', 'data-points'));
  assert.ok(points > 0, `timeline has periods (${points})`);
  const rows = await page.locator('#events tbody tr').count();
  assert.ok(rows > 0, 'event list has rows');
  for (const t of await page.locator('#events tbody tr td:nth-child(2)').allTextContents())
    assert.ok(/^(RUS|PRK)/.test(t), `source ${t} belongs to the dyad`);
  const nodes = Number(await page.getAttribute('#network', 'data-nodes'));
  assert.ok(nodes >= 2, `network has nodes (${nodes})`);
  assert.ok(await page.locator('#network canvas').count() > 0, 'network drawn on a canvas');
  const land = await page.locator('#map svg .land path').count();
  assert.ok(land > 100, `world outline drawn (${land} countries)`);
  const dots = await page.locator('#map svg circle.dot').count();
  assert.ok(dots > 0, `event places on the map (${dots})`);
  await page.screenshot({ path: join(ART, 'dyad-rus-prk.png'), fullPage: true });
});

test('event evidence: the sentence is highlighted in the article text', async () => {
  const first = page.locator('#events tbody tr').first();
  const id = await first.getAttribute('data-id');
  const rowSentence = await first.getAttribute('title');
  await first.click();
  await page.waitForSelector(`#detail[data-event="${id}"] mark#evidence`);
  const marked = await page.textContent('#evidence');
  assert.equal(marked, rowSentence, 'highlight is the event\'s evidence sentence');
  assert.ok(marked.length > 20);
  // The highlight sits inside the full clean text of the document, at the stored offsets.
  const ev = await (await page.request.get(`${BASE}/api/events/${id}`)).json();
  const doc = await (await page.request.get(`${BASE}/api/documents/${encodeURIComponent(ev.doc)}`)).json();
  const shown = await page.textContent('#doctext');
  assert.equal(shown, doc.text, 'the whole clean article text is shown');
  assert.equal(ev.evidence.before.length + marked.length + ev.evidence.after.length, doc.text.length);
  assert.ok(doc.text.includes(marked));
  const detail = await page.textContent('#detail');
  assert.match(detail, /claim status/);
  assert.match(detail, /outlet|article/);
  const bg = await page.$eval('#evidence', (m) => getComputedStyle(m).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'highlight is visible');
  await page.screenshot({ path: join(ART, 'evidence.png'), fullPage: true });
});

test('a bad filter shows the API error, and no console errors or external requests', async () => {
  await page.fill('input[name=code]', 'xx');
  await page.click('#apply');
  await ready();
  assert.match(await page.textContent('#status'), /error: parameter 'code'/);
  await page.fill('input[name=code]', '');
  const unexpected = consoleErrors.filter((m) => !/400 \(Bad Request\)/.test(m));
  assert.deepEqual(unexpected, []);
});
