// The dashboard in a real browser (Debian's Chromium via playwright-core) against a real server on port 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import { ADMIN_KEY, startDashboardServer } from './support/dashboard-server.js';

const STREAM = '**/presence/v1/stream**';

/** Polls `read` until `ok`, failing with the last value seen: pages update asynchronously. */
async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

const text = (page: Page, sel: string) => page.evaluate((s) => document.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim() ?? null, sel);
const visibleCards = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.card')).filter((c) => !c.hidden).map((c) => c.dataset.id));
const seeText = (page: Page, sel: string, want: string | RegExp) =>
  until(`${sel} shows ${want}`, () => text(page, sel), (v) => v !== null && (typeof want === 'string' ? v.includes(want) : want.test(v)));

async function signIn(page: Page, token: string, accountId = '') {
  await page.fill('#token', token);
  await page.fill('#account-id', accountId);
  await page.click('#signin-form button[type=submit]');
}

test('the dashboard watches an account live in Chromium', { skip: skipWithoutChromium() }, async (t) => {
  // The browser first: if it cannot start (CI without Chromium), nothing else is left running.
  const browser = await launchChromium({ width: 1280, height: 820 });
  t.after(() => browser.close());
  const srv = await startDashboardServer();
  t.after(() => srv.close());
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // Failed requests (401s, aborted streams) are expected here; script errors and CSP violations never are.
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (/^(CSP violation|dashboard:)/.test(m.text())) problems.push(m.text()); });
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  let token = '';

  await t.test('a bad token gets a clear message on the sign-in form, not a blank page', async () => {
    await page.goto(`${srv.url}/dashboard`);
    assert.equal(await page.isVisible('#signin-form'), true);
    assert.equal(await text(page, '#connection-text'), 'Not connected');
    await signIn(page, 'not-a-real-token');
    await seeText(page, '#signin-error:not([hidden])', 'The server did not accept this token');
    assert.equal(await page.isVisible('#board'), false);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused token is not kept');
  });

  await t.test('a token without a read scope, and the admin key without an account, are explained', async () => {
    await signIn(page, await srv.userToken('alice', ['presence:admin']));
    await seeText(page, '#signin-error:not([hidden])', 'This token may not read presence');
    await signIn(page, ADMIN_KEY);
    await seeText(page, '#signin-error:not([hidden])', 'also enter the ID of the account');
  });

  await t.test('the admin key with an account ID shows that account only', async () => {
    await signIn(page, ADMIN_KEY, 'globex');
    await seeText(page, '.card[data-id="gus"] .state', 'Available');
    assert.deepEqual(await visibleCards(page), ['gus']);
    await seeText(page, '#account', 'Globex · globex');
    await page.click('#disconnect');
    assert.equal(await page.isVisible('#signin-form'), true);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  });

  await t.test('an account token shows everyone with names and statuses from the snapshot', async () => {
    token = await srv.appToken();
    await signIn(page, token);
    await seeText(page, '#connection[data-state="live"] #connection-text', 'Live');
    await until('four cards', () => visibleCards(page), (v) => v.length === 4);
    assert.deepEqual(await visibleCards(page), ['alice', 'bob', 'carol', 'dana']);
    await seeText(page, '.card[data-id="alice"] .name', 'Alice Adams');
    assert.equal(await text(page, '.card[data-id="alice"] .email'), 'alice@acme.example');
    assert.equal(await text(page, '.card[data-id="alice"] .state'), 'Available');
    assert.equal(await text(page, '.card[data-id="carol"] .state'), 'Offline');
    await seeText(page, '#account', 'Acme Corp · acme');
    assert.deepEqual(await page.$$eval('#counts .count', (bs) => bs.map((b) => b.textContent)), ['All 4', 'Available 3', 'Offline 1']);
  });

  await t.test('the token stays in this tab: never in a URL, a cookie or localStorage, and survives a reload', async () => {
    assert.equal(page.url(), `${srv.url}/dashboard`);
    assert.ok(requests.length > 0);
    for (const r of requests) assert.ok(!r.url().includes(token) && !r.url().includes(ADMIN_KEY), r.url());
    assert.deepEqual(await page.evaluate(() => [localStorage.length, document.cookie]), [0, '']);
    assert.match(await page.evaluate(() => Object.values(sessionStorage).join('')), new RegExp(token.slice(-20)));
    // A reload in the same tab reconnects from sessionStorage without asking again.
    await page.reload();
    await seeText(page, '#connection[data-state="live"] #connection-text', 'Live');
    await until('four cards after the reload', () => visibleCards(page), (v) => v.length === 4);
    assert.equal(await page.isVisible('#signin-form'), false);
  });

  await t.test('a status change appears live on the card, with the DND end and countdown, and in the changes panel', async () => {
    assert.equal(await srv.put('bob', token, { status: 'Do_Not_Disturb', duration: 30 }), 204);
    await seeText(page, '.card[data-id="bob"] .state', 'Do not disturb');
    await seeText(page, '.card[data-id="bob"] .dnd', 'Until 17:30 · 30:00 left');
    await seeText(page, '.card[data-id="bob"] .since', 'Since 17:00');
    await seeText(page, '#change-list li:first-child', 'Bob Brown');
    assert.deepEqual(await page.$$eval('#change-list li:first-child .move .label', (ls) => ls.map((l) => l.textContent)), ['Available', 'Do not disturb']);
    assert.equal(await text(page, '#change-list li:first-child .cause'), 'Set through the API');
    await seeText(page, '#counts', 'Do not disturb 1');
  });

  await t.test('when Do-Not-Disturb ends on the server clock, the card goes back and the panel says why', async () => {
    await srv.advance(31 * 60);
    await seeText(page, '.card[data-id="bob"] .state', 'Available');
    await seeText(page, '#change-list li:first-child .cause', 'Do not disturb ended');
    assert.equal(await page.isVisible('.card[data-id="bob"] .dnd'), false);
    await seeText(page, '#clock', 'Server clock is manual, now 3 Dec, 17:31');
  });

  await t.test('after a dropped stream it shows the state, resumes with Last-Event-ID and replays what it missed', async () => {
    const events = await srv.server.deps.store.readEvents(0, 1000);
    const lastSeen = String(events[events.length - 1]!.seq);
    const before = requests.length;
    // The stream that is cut fails too; wait for a new attempt to be refused.
    const isNew = (r: Request) => r.url().includes('/presence/v1/stream') && requests.indexOf(r) >= before;
    const refused = page.waitForEvent('requestfailed', { predicate: isNew, timeout: 10_000 });
    await page.route(STREAM, (route) => route.abort('connectionrefused'));
    srv.server.app.server.closeAllConnections();
    await seeText(page, '#connection[data-state="retrying"] #connection-text', /retrying in \d+ s/);
    // The change is made while the dashboard cannot connect, so only a resume can bring it.
    await refused;
    assert.equal(await srv.put('dana', token, { status: 'Away' }), 204);
    await page.unroute(STREAM);
    await seeText(page, '#connection[data-state="live"] #connection-text', 'Live');
    await seeText(page, '.card[data-id="dana"] .state', 'Away');
    // A fresh snapshot would fix the card but add nothing here: the entry proves the missed event was replayed.
    await seeText(page, '#change-list li:first-child', 'Dana Diaz');
    const attempts = requests.filter(isNew);
    assert.ok(attempts.length >= 2, `a refused attempt and the resume, got ${attempts.length}`);
    for (const r of attempts) assert.equal((await r.allHeaders())['last-event-id'], lastSeen);
  });

  await t.test('the filter box and the status counts narrow the cards', async () => {
    await page.fill('#filter', 'dana');
    await until('only Dana', () => visibleCards(page), (v) => v.join() === 'dana');
    await page.fill('#filter', 'offline');
    await until('only Carol', () => visibleCards(page), (v) => v.join() === 'carol');
    await page.fill('#filter', '');
    await page.click('#counts button:has-text("Away")');
    await until('only the Away card', () => visibleCards(page), (v) => v.join() === 'dana');
    assert.equal(await page.getAttribute('#counts button:has-text("Away")', 'aria-pressed'), 'true');
    await page.click('#counts button:has-text("All")');
    await until('everyone again', () => visibleCards(page), (v) => v.length === 4);
  });

  await t.test('screenshots, wide and narrow; a phone-sized screen needs no sideways scrolling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'presence-dashboard-shots-'));
    await srv.put('alice', token, { status: 'In_A_Zoom_Meeting' });
    await srv.put('bob', token, { status: 'Do_Not_Disturb', duration: 45 });
    await seeText(page, '.card[data-id="bob"] .dnd', '45:00 left');
    // The change highlight is an animation; reduced motion shows the resting state the picture is for.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.screenshot({ path: join(dir, 'dashboard-wide.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    await page.screenshot({ path: join(dir, 'dashboard-narrow.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 820 });
    t.diagnostic(`screenshots in ${dir}`);
  });

  await t.test('an expired token ends the stream and brings back the form with the reason', async () => {
    await page.click('#disconnect');
    await signIn(page, await srv.userToken('carol', ['user:read:presence_status'], 60));
    await seeText(page, '.card[data-id="carol"] .state', 'Offline');
    assert.deepEqual(await visibleCards(page), ['carol'], 'a user token sees only its own user');
    await srv.advance(61);
    await seeText(page, '#signin-error:not([hidden])', 'has expired');
    assert.equal(await page.isVisible('#board'), false);
  });

  assert.deepEqual(problems, []);
});
