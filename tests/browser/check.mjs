// What a visitor sees, in a real browser. tests/browser.rs serves the pages (nginx with planb's own
// configuration, so every header is the production one), writes a job file and runs
//
//     node tests/browser/check.mjs JOB.json
//
// This script only looks and reports: it prints one JSON report on stdout, and every expectation
// lives in the Rust test, which says what failed and where.
//
// Job:    { chromium, screenshots?: DIR, pages: [{ name, url, language? }],
//           retry?: { url, runs, attempts, step_ms, limit_ms },
//           reload?: { nojs_url, js_url, reloads, watch_ms },
//           back?: { url, step_ms, limit_ms } }
// Report: { pages: [visit], axe: [audit], nojs: [reading], retry: [run],
//           reload?: { nojs: left, js: left }, back?: returned } (see each function)

import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { label, launch, VIEWPORTS } from './chromium.mjs';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TIMEOUT = 20_000;

// Init scripts run in every document before the page's own code, and the page's CSP does not
// apply to them: they can watch what the page does without changing what it is allowed to do.
const WATCH_CSP = () => {
  window.__csp = [];
  addEventListener('securitypolicyviolation', (e) => {
    const sample = e.sample ? ` (${e.sample})` : '';
    window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${sample}`);
  }, true);
};

// Logs when the overflow page's retries leave, what they meet and when, on the page's own clock.
const WATCH_RETRIES = () => {
  const log = (window.__retries = []);
  // The page schedules its first retry from its script at the end of <body>, just before this.
  addEventListener('DOMContentLoaded', () => { window.__start = Date.now(); });
  const real = window.fetch;
  window.fetch = function (...args) {
    const entry = { at: Date.now() };
    log.push(entry);
    return real.apply(this, args).then(
      (r) => { entry.status = r.status; entry.answered = Date.now(); return r; },
      (e) => { entry.error = String(e); entry.answered = Date.now(); throw e; });
  };
};

// Horizontal overflow: the page scrolls sideways, or an element sticks out of the viewport without
// an ancestor that scrolls or clips it.
const LAYOUT = () => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== root; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const name = (el) => el.localName + (el.id ? `#${el.id}` : '')
    + [...el.classList].map((c) => `.${c}`).join('');
  const outside = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.width || r.height) && (r.left < -1 || r.right > width + 1) && !contained(el)) {
      outside.push(`<${name(el)}> spans ${Math.round(r.left)}..${Math.round(r.right)}px`);
    }
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, innerWidth, outside };
};

const slug = (s) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');

async function newContext(browser, options) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT);
  return context;
}

// Every request, console message (errors and warnings: a font Chromium cannot decode is only a
// warning) and uncaught exception of a page, until `stop()`.
function listen(page) {
  const seen = { requests: [], console: [], errors: [] };
  const handlers = {
    request: (r) => {
      if (!r.url().startsWith('data:')) seen.requests.push(`${r.method()} ${r.url()}`);
    },
    console: (m) => {
      const type = m.type();
      if (type === 'error' || type === 'warning' || /content.security.policy/i.test(m.text())) {
        seen.console.push({ type, text: m.text(), url: m.location().url });
      }
    },
    pageerror: (e) => seen.errors.push(String(e)),
  };
  for (const [event, handler] of Object.entries(handlers)) page.on(event, handler);
  const stop = () => {
    for (const [event, handler] of Object.entries(handlers)) page.off(event, handler);
  };
  return { seen, stop };
}

// The target's page, as a visitor whose browser asks for `target.language` (none: no header).
async function go(page, target) {
  await page.setExtraHTTPHeaders(target.language ? { 'Accept-Language': target.language } : {});
  return page.goto(target.url, { waitUntil: 'load' });
}

// With the page's real CSP and JavaScript on: what it requests, logs and violates, how it lays out.
async function visit(page, target, viewport) {
  const { seen, stop } = listen(page);
  const response = await go(page, target);
  // A request started late (a font, a lazy image) shows up before the network is idle.
  await page.waitForLoadState('networkidle');
  const layout = await page.evaluate(LAYOUT);
  const csp = await page.evaluate(() => window.__csp);
  const screenshot = `${job.screenshots}/${slug(target.name)}-${label(viewport)}.png`;
  await page.screenshot({ path: screenshot, fullPage: true });
  stop();
  const lang = await page.evaluate(() => document.documentElement.lang);
  return {
    name: target.name, url: target.url, viewport: label(viewport), status: response.status(),
    ...seen, csp, layout, screenshot, lang,
  };
}

// axe-core's audit, in light then dark colours, in a context of its own: injecting axe needs
// bypassCSP, which must never touch the context that proves the CSP.
async function audit(page, target, viewport) {
  await go(page, target);
  await page.addScriptTag({ content: AXE });
  const audits = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
      }));
    });
    audits.push({ name: target.name, viewport: label(viewport), scheme, violations });
  }
  return audits;
}

// JavaScript off: the heading, the text and every link must still be there for the visitor.
async function read(page, target, viewport) {
  await go(page, target);
  const missing = [];
  const h1 = page.locator('h1');
  const heading = (await h1.count()) === 1 ? (await h1.innerText()).trim() : '';
  if (!heading || !(await h1.isVisible())) missing.push('the <h1> heading');
  for (const p of await page.locator('main p:not([hidden])').all()) {
    const text = (await p.textContent()).trim();
    const image = (await p.locator('img').count()) > 0;
    if (!text && !image) missing.push('an empty <p> in <main>');
    else if (!(await p.isVisible())) missing.push(`the text "${text.slice(0, 60)}"`);
  }
  const links = await page.locator('a[href]').all();
  for (const a of links) {
    if (!(await a.isVisible())) missing.push(`the link to ${await a.getAttribute('href')}`);
  }
  return { name: target.name, viewport: label(viewport), heading, links: links.length, missing };
}

// One page per kind of look, each in its own context, reused from one page of the site to the next.
async function lookers(browser, viewport) {
  const strict = await newContext(browser, { viewport });
  await strict.addInitScript(WATCH_CSP);
  const scriptless = await newContext(browser, { viewport, javaScriptEnabled: false });
  const auditing = await newContext(browser, { viewport, bypassCSP: true });
  const contexts = [strict, scriptless, auditing];
  const [visitor, reader, auditor] = await Promise.all(contexts.map((c) => c.newPage()));
  const close = () => Promise.all(contexts.map((c) => c.close()));
  return { visitor, reader, auditor, close };
}

// One visitor on the overflow page, on a fake clock that moves only when told: in steps shorter
// than any delay, and after a retry leaves it waits (real time) for the retry's answer before
// moving on, so each delay is measured exactly, on the page's own clock, from the moment it was
// scheduled.
async function retryRun(browser, r) {
  const context = await newContext(browser, { viewport: VIEWPORTS[0] });
  const page = await context.newPage();
  const { seen } = listen(page);
  await page.addInitScript(WATCH_CSP);
  await page.addInitScript(WATCH_RETRIES);
  // Paused: no time passes on the page's clock while it loads, so the moment its script schedules
  // the first retry is the moment DOMContentLoaded notes (on a flowing clock a busy machine put
  // 112 ms between them, and a 10 s delay measured 9.888 s). The clock flows from `install` until
  // `pauseAt`, which cannot go back: a busy CI once spent more than 1 s between the two, so it
  // pauses a minute ahead (no page is loaded yet, so no timer of it fires meanwhile).
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  await page.clock.install({ time: t0 });
  await page.clock.pauseAt(t0 + 60_000);
  const response = await page.goto(r.url, { waitUntil: 'load' });
  const start = await page.evaluate(() => window.__start);
  const retries = [];
  for (let elapsed = 0; retries.length < r.attempts && elapsed < r.limit_ms; elapsed += r.step_ms) {
    await page.clock.runFor(r.step_ms);
    const departed = await page.evaluate((n) => window.__retries.length > n, retries.length);
    if (!departed) continue;
    const i = retries.length;
    await page.waitForFunction((n) => window.__retries[n].answered !== undefined, i,
      { polling: 20 });
    retries.push(await page.evaluate((n) => window.__retries[n], i));
  }
  const csp = await page.evaluate(() => window.__csp);
  await context.close();
  return { status: response.status(), start, retries, ...seen, csp };
}

// One visitor on the overflow page at one of its own URLs (where its language switcher links)
// once the site is back: on a fake clock moved in steps, with real time between them for the
// retry's answer, until the page navigates away or `limit_ms` of its time has passed. Returns the
// "Try again" link's target, every navigation and every fetch the page made.
async function backRun(browser, r) {
  const context = await newContext(browser, { viewport: VIEWPORTS[0] });
  const page = await context.newPage();
  const navigations = [];
  const fetches = [];
  page.on('request', (q) => {
    if (q.isNavigationRequest()) navigations.push(q.url());
    else if (q.resourceType() === 'fetch') fetches.push(q.url());
  });
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  await page.clock.install({ time: t0 });
  await page.clock.pauseAt(t0 + 60_000);
  const response = await page.goto(r.url, { waitUntil: 'load' });
  const again = await page.evaluate(() => document.getElementById('again')?.href ?? null);
  for (let t = 0; navigations.length < 2 && t < r.limit_ms; t += r.step_ms) {
    // The page may navigate in the middle of a step: the clock of the document that is going.
    await page.clock.runFor(r.step_ms).catch(() => {});
    for (let i = 0; i < 10 && navigations.length < 2 && fetches.length > 0; i++) {
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  await page.waitForLoadState('load').catch(() => {});
  await context.close();
  return { status: response.status(), again, navigations, fetches };
}

// One visitor leaves the page open, on the real clock (a meta refresh ignores playwright's fake
// one), with JavaScript on or off: every navigation of the page (a reload; overflow.js's retries
// are fetches, listed apart) and every load, in ms since the first left, and how many meta refresh
// elements the first document holds. Stops after `watch_ms`, or once `reloads` reloads have loaded.
async function leftOpen(browser, url, javaScriptEnabled, r) {
  const context = await newContext(browser, { viewport: VIEWPORTS[0], javaScriptEnabled });
  const page = await context.newPage();
  const t0 = Date.now();
  const since = () => Date.now() - t0;
  const navigations = [];
  const loads = [];
  const fetches = [];
  page.on('request', (q) => {
    if (q.isNavigationRequest()) navigations.push({ url: q.url(), at: since() });
    else if (q.resourceType() === 'fetch') fetches.push({ url: q.url(), at: since() });
  });
  page.on('response', (a) => {
    const list = a.request().isNavigationRequest() ? navigations : fetches;
    const entry = list.findLast((e) => e.url === a.url() && e.status === undefined);
    if (!entry) return;
    entry.status = a.status();
    // When the browser itself started the request, by its own clock: the 'request' event reaches
    // this process later, and on a busy machine late by more for one request than the next (a CI
    // run measured a 2 s refresh as 1415 ms, nginx logging the requests 2 s apart).
    const started = a.request().timing().startTime;
    if (started > 0) entry.at = started - t0;
  });
  page.on('load', () => loads.push(since()));
  await page.goto(url, { waitUntil: 'load' });
  const refresh = javaScriptEnabled ? await metaRefreshes(page) : await metaRefreshesOnceParsed(page);
  while (since() < r.watch_ms && loads.length <= r.reloads) await page.waitForTimeout(50);
  await context.close();
  return { javaScriptEnabled, refresh, navigations, loads, fetches };
}

const META_REFRESH = 'meta[http-equiv="refresh" i]';
const metaRefreshes = (page) => page.locator(META_REFRESH).count();

// Without JavaScript the page reloads itself: on a busy machine the first reload can start before
// the count, which then meets a document not parsed yet (a CI run counted 0). Every document is the
// same page, so the count waits (5 s at most, three times) for one that holds its meta refresh;
// a page that has none still counts 0.
async function metaRefreshesOnceParsed(page) {
  for (let i = 0; i < 3; i++) {
    const attached = page.locator(META_REFRESH).first().waitFor({ state: 'attached', timeout: 5000 });
    const n = await attached.then(() => metaRefreshes(page), () => 0).catch(() => 0);
    if (n > 0) return n;
  }
  return 0;
}

// A look that throws (the page navigated away, a timeout) is reported with its `failure`: the
// test lists it among every other problem instead of stopping at the first.
const failed = (report) => (e) => ({ ...report, failure: e.message.split('\n')[0] });

async function main() {
  if (job.screenshots) mkdirSync(job.screenshots, { recursive: true });
  const browser = await launch(job.chromium);
  const report = { pages: [], axe: [], nojs: [], retry: [] };
  try {
    for (const viewport of VIEWPORTS) {
      const look = await lookers(browser, viewport);
      for (const target of job.pages ?? []) {
        // Three contexts, three pages: looking at once mostly overlaps the waits for the network.
        const base = { name: target.name, viewport: label(viewport) };
        const [visited, audits, reading] = await Promise.all([
          visit(look.visitor, target, viewport).catch(failed(base)),
          audit(look.auditor, target, viewport)
            .catch((e) => ['light', 'dark'].map((scheme) => failed({ ...base, scheme })(e))),
          read(look.reader, target, viewport).catch(failed(base)),
        ]);
        report.pages.push(visited);
        report.axe.push(...audits);
        report.nojs.push(reading);
      }
      await look.close();
    }
    // The visitors wait side by side: each has its own context, so its own clock and storage.
    const runs = Array.from({ length: job.retry?.runs ?? 0 }, () => retryRun(browser, job.retry));
    report.retry = await Promise.all(runs);
    if (job.reload) {
      const r = job.reload;
      const [nojs, js] = await Promise.all([
        leftOpen(browser, r.nojs_url, false, r), leftOpen(browser, r.js_url, true, r)]);
      report.reload = { nojs, js };
    }
    if (job.back) report.back = await backRun(browser, job.back);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
}

// The Rust test kills the process group past its own limit; this one makes a hang say where.
setTimeout(() => { console.error('check.mjs: gave up after 8 minutes'); process.exit(3); },
  8 * 60_000).unref();
main().catch((e) => { console.error(e); process.exit(1); });
