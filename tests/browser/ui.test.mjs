// ui.test.mjs: browser tests of the web UI against a running stack, with
// playwright-core driving Debian's chromium (never a downloaded browser).
// SPDX-License-Identifier: MIT
//
// Env: SITEAUDIT_URL, SITEAUDIT_CONF, SITEAUDIT_SAMPLE_URL (from run.env),
// STATE_DIR (screenshots go to STATE_DIR/screenshots), BIN_DIR (siteaudit).
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

const BASE = must('SITEAUDIT_URL');
const STATE = must('STATE_DIR');
const BIN = must('BIN_DIR');
const SHOTS = join(STATE, 'screenshots');
const HEADER = 'Page URL,Page Path,Strategy,Performance,SEO,Accessibility,Best Practices,' +
  'LCP (ms),CLS,INP (ms),FCP (ms),TTFB (ms),CrUX LCP,CrUX CLS,CrUX INP,Has CrUX Data,' +
  'Top Opportunities';
const PAGES = 12;   // page rows of the seeded latest scan

function must(name) {
  const v = process.env[name];
  if (!v) { console.error(`browser: ${name} is not set`); process.exit(2); }
  return v;
}

function check(cond, what) {
  if (!cond) throw new Error(`expected: ${what}`);
}

function admin(...args) {
  const out = execFileSync(join(BIN, 'siteaudit'), ['admin', ...args],
    { env: process.env, encoding: 'utf8' });
  return out.trim().split('\n').pop();
}

function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${STATE}/run/mysqld.sock`,
    '-uroot', '-N', '-B', 'siteaudit', '-e', query], { encoding: 'utf8' }).trim();
}

/* A completed scan with `pages` rows, `daysAgo` days back (the runner is not needed). */
function seedScan(org, site, pages, health, daysAgo) {
  const run = randomUUID(), rep = randomUUID();
  const when = `NOW(3) - INTERVAL ${daysAgo} DAY`;
  const doc = JSON.stringify({ summaries: { performance: 'Most pages load fast.' },
    issues: [{ id: 'image-alt', dimension: 'accessibility', severity: 'critical',
      title: 'Images lack alt text', description: 'Give every image an alt attribute.',
      count: 4, examples: [{ page: '/', selector: 'img.hero', snippet: '<img src="hero.jpg">' }] },
    { id: 'meta-description', dimension: 'seo', severity: 'moderate',
      title: 'Document has no meta description', description: 'Add one.', count: 2, examples: [] }] })
    .replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  sql(`INSERT INTO runs (id, org_id, site_id, url, kind, trigger_source, status, created_at, finished_at)
    VALUES ('${run}', '${org}', '${site}', 'x', 'scan', 'schedule', 'completed', ${when}, ${when});
    INSERT INTO reports (id, run_id, org_id, site_id, health, performance, accessibility, seo,
      best_practices, security, lcp_ms, cls, inp_ms, fcp_ms, ttfb_ms, tbt_ms, report_json, created_at)
    VALUES ('${rep}', '${run}', '${org}', '${site}', ${health}, ${health - 12}, ${Math.min(100, health + 6)},
      ${Math.min(100, health + 9)}, 96, 74, 2300, 0.08, 180, 1200, 420, 150, '${doc}', ${when});
    INSERT INTO report_pages (report_id, org_id, page_url, page_path, strategy, performance, seo,
      accessibility, best_practices, lcp_ms, cls, inp_ms, fcp_ms, ttfb_ms, has_crux, top_opportunities,
      page_json)
    SELECT '${rep}', '${org}', CONCAT('https://acme.test/p/', seq), CONCAT('/p/', seq),
      IF(seq % 2 = 1, 'mobile', 'desktop'), 60 + seq, 95, 91, 100, 2300, 0.08, 180, 1200, 420, 0,
      'Eliminate render-blocking resources (520ms); Defer offscreen images (310ms)',
      JSON_OBJECT('pageUrl', CONCAT('https://acme.test/p/', seq), 'pagePath', CONCAT('/p/', seq))
    FROM seq_1_to_${pages};`);
  return run;
}

function setup() {
  const tag = randomBytes(5).toString('hex');
  const org = admin('org', 'create', '--name', `Browser ${tag}`, '--plan', 'pro');
  const email = `browser-${tag}@example.test`, password = `pw-${tag}-Browser!`;
  admin('user', 'create', '--org', org, '--email', email, '--role', 'owner', '--password', password);
  return { tag, org, email, password };
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const phone = await page.context().newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(page.url());
  await phone.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
  await phone.close();
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

/* An HTTP server that answers after 15 s (keeps a scan of it running). */
function slowServer() {
  const srv = createServer((req, res) => {
    setTimeout(() => { res.setHeader('Content-Type', 'text/html');
      res.end('<!doctype html><title>slow</title>'); }, 15000);
  });
  return new Promise((ok) => srv.listen(0, '127.0.0.1', () => ok(srv)));
}

/* Presses Scan now twice on the page's site: queued, then already running. */
async function scanTwice(page) {
  await Promise.all([page.waitForURL(/notice=scan_/), page.click('[data-test=scan-now]')]);
  const first = await page.textContent('[data-test=notice]');
  check(/Scan queued/.test(first), `first notice, got ${first}`);
  await Promise.all([page.waitForURL(/notice=scan_active/), page.click('[data-test=scan-now]')]);
  const second = await page.textContent('[data-test=notice]');
  check(/already running/.test(second), `second notice, got ${second}`);
}

const acct = setup();
const ctx = {};   // shared between steps: site id, …

const steps = [
  ['log in', async (page) => {
    await page.goto(`${BASE}/sites`);
    check(page.url().endsWith('/login'), 'redirect to /login');
    await shot(page, 'login');
    await page.fill('input[name=email]', acct.email);
    await page.fill('input[name=password]', acct.password);
    await Promise.all([page.waitForURL(`${BASE}/sites`),
      page.click('form[action="/login"] button[type=submit]')]);
    check(await page.isVisible('text=Sites'), 'sites heading');
  }],
  ['add a site and open it', async (page) => {
    await page.click('text=Add a site');
    await page.fill('input[name=name]', 'Acme Inc');
    await page.fill('input[name=url]', process.env.SITEAUDIT_SAMPLE_URL || 'https://acme.test/');
    await Promise.all([page.waitForURL(/\/sites\/[0-9a-f-]{36}\?notice=site_created/),
      page.click('form[action="/sites"] button[type=submit]')]);
    ctx.site = page.url().match(/\/sites\/([0-9a-f-]{36})/)[1];
    const scores = [68, 72, 70, 77, 81, 79, 85, 83, 88];
    scores.forEach((h, i) => seedScan(acct.org, ctx.site, i === scores.length - 1 ? PAGES : 3,
      h, scores.length - 1 - i));
    await page.goto(`${BASE}/sites`);
    await shot(page, 'sites');
    await page.click('a[data-test=site-link]:has-text("Acme Inc")');
    await page.waitForURL(`${BASE}/sites/${ctx.site}`);
    check(await page.textContent('[data-test=site-name]') === 'Acme Inc', 'site name');
    check(await page.locator('svg.chart circle').count() === 9, 'chart with 9 scans');
    await shot(page, 'site');
  }],
  ['export CSV', async (page) => {
    await page.goto(`${BASE}/sites/${ctx.site}`);
    const { name, text } = await download(page, '[data-test=export-csv]');
    const lines = text.split('\r\n');
    check(lines[0] === HEADER, `CSV header, got ${lines[0]}`);
    check(lines.filter((l) => l !== '').length === 1 + PAGES, `${PAGES} rows`);
    check(/^Acme_Inc-scan-[0-9a-f]{8}\.csv$/.test(name), `file name, got ${name}`);
  }],
  ['export JSON', async (page) => {
    await page.goto(`${BASE}/sites/${ctx.site}`);
    const { name, text } = await download(page, '[data-test=export-json]');
    const rows = JSON.parse(text);
    check(Array.isArray(rows) && rows.length === PAGES, 'JSON rows');
    check(name.endsWith('.json'), 'json file name');
  }],
  ['open the report', async (page) => {
    await page.goto(`${BASE}/sites/${ctx.site}`);
    await Promise.all([page.waitForURL(/\/scans\//), page.click('text=Full report')]);
    check(await page.isVisible('text=Images lack alt text'), 'issue listed');
    await page.click('summary:has-text("Images lack alt text")');
    check(await page.isVisible('text=img.hero'), 'example shown');
    await shot(page, 'report');
  }],
  ['scan now twice', async (page) => {
    // a site whose server answers slowly keeps the first scan running (the
    // runner claims it within a poll), so the second press must be refused
    const slow = await slowServer();
    try {
      await page.goto(`${BASE}/sites/new`);
      await page.fill('input[name=name]', 'Slow site');
      await page.fill('input[name=url]', `http://127.0.0.1:${slow.address().port}/`);
      await Promise.all([page.waitForURL(/notice=site_created/),
        page.click('form[action="/sites"] button[type=submit]')]);
      await scanTwice(page);
    } finally {
      slow.close();
      slow.closeAllConnections();
    }
  }],

  ['create and revoke an API key', async (page) => {
    await page.goto(`${BASE}/keys`);
    await page.fill('[data-test=key-name]', 'CI pipeline');
    await page.click('[data-test=create-key]');
    const key = (await page.textContent('[data-test=new-key]')).trim();
    check(/^sk_pageref_[A-Za-z0-9]{49}$/.test(key), 'key shown once');
    await shot(page, 'keys');
    const row = page.locator(`tr[data-test=key-row][data-prefix="${key.slice(0, 19)}"]`);
    await Promise.all([page.waitForURL(/notice=key_revoked/), row.locator('[data-test=revoke]').click()]);
    check(await page.isVisible('text=API key revoked'), 'revoked notice');
    check(!(await page.content()).includes(key), 'key never shown again');
    check(await row.locator('text=revoked').count() === 1, 'row marked revoked');
  }],
  ['log out', async (page) => {
    await page.goto(`${BASE}/sites`);
    await Promise.all([page.waitForURL(/\/login/), page.click('[data-test=logout]')]);
    check(await page.isVisible('text=You are signed out'), 'signed-out notice');
    await page.goto(`${BASE}/sites`);
    check(page.url().endsWith('/login'), 'session gone');
  }],
];

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'sa-chromium-'));
  let passed = 0, failed = 0;
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
    acceptDownloads: true, viewport: { width: 1280, height: 860 },
  });
  try {
    const page = browser.pages()[0] || await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    for (const [name, fn] of steps) {
      try {
        await fn(page);
        check(errors.length === 0, `no page errors (CSP etc.), got ${errors.join('; ')}`);
        console.log(`ok   ${name}`); passed++;
      } catch (e) {
        console.log(`FAIL ${name}: ${e.message}`); failed++;
        errors.length = 0;
        await page.screenshot({ path: join(SHOTS, `fail-${passed + failed}.png`) }).catch(() => {});
      }
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`screenshots in ${SHOTS}`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log(`browser: 0 passed, 1 failed (${e.message})`); process.exit(1); });
