// What the browser tests share: a wenyun server on the demo data (SQLite, or PostgreSQL in the
// *-pg run), Debian's Chromium through playwright-core, pages at a phone's or a desktop's size
// that collect console errors, CSP violations and 5xx answers, screenshots under
// $WY_BUILD_DIR/artifacts/e2e, and logging in through the login form.
//
// CTest runs each test file as `node --test` with WY_BIN, WY_SOURCE_DIR and WY_BUILD_DIR set.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { freshDb } from '../http/lib.mjs';

export const BIN = process.env.WY_BIN;
export const SOURCE_DIR = process.env.WY_SOURCE_DIR ?? path.resolve(import.meta.dirname, '../..');
export const BUILD_DIR = process.env.WY_BUILD_DIR ?? path.join(SOURCE_DIR, 'build');
export const ARTIFACTS = path.join(BUILD_DIR, 'artifacts', 'e2e');
const CHROMIUM = process.env.WY_CHROMIUM ?? '/usr/bin/chromium';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * A demo server and a browser. `config` is the text of an INI file given to `wenyun serve`.
 * Call start() in before() and stop() in after(); `problems` collects what went wrong in pages.
 */
export class Harness {
  constructor(name, { config = '' } = {}) {
    this.name = name;
    this.config = config;
    this.problems = [];
    this.serverLog = '';
  }

  async start() {
    assert.ok(BIN, 'WY_BIN names the wenyun binary');
    mkdirSync(ARTIFACTS, { recursive: true });
    this.tmp = mkdtempSync(path.join(tmpdir(), `wy-e2e-${this.name}-`));
    const db = freshDb(this.tmp);
    const portFile = path.join(this.tmp, 'port');
    const configFile = path.join(this.tmp, 'wenyun.ini');
    writeFileSync(configFile, this.config);
    const env = { ...process.env, WY_DATA_DIR: path.join(SOURCE_DIR, 'data') };
    execFileSync(BIN, ['demo', '--db', db], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    this.server = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile,
                              '--config', configFile],
                        { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.server.stdout.on('data', (d) => { this.serverLog += d; });
    this.server.stderr.on('data', (d) => { this.serverLog += d; });
    let exited = null;
    this.server.on('exit', (code, sig) => { exited = { code, sig }; });
    this.server.on('error', (e) => { exited = { error: e.message }; });
    for (let i = 0; i < 400 && !this.base; i++) {
      if (exited) throw new Error(`wenyun serve exited early (${JSON.stringify(exited)}):\n${this.serverLog}`);
      if (existsSync(portFile)) {
        const m = /^(\d+)\n/.exec(readFileSync(portFile, 'utf8'));
        if (m) this.base = `http://127.0.0.1:${m[1]}`;
      }
      if (!this.base) await sleep(50);
    }
    if (!this.base) throw new Error(`wenyun serve did not write its port file in 20 s:\n${this.serverLog}`);
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return this.base;
  }

  async stop() {
    await this.browser?.close();
    const s = this.server;
    if (s && s.exitCode === null && s.signalCode === null) {
      const done = new Promise((resolve) => s.once('exit', resolve));
      s.kill('SIGTERM');
      const t = setTimeout(() => s.kill('SIGKILL'), 15000);
      await done;
      clearTimeout(t);
    }
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
  }

  /** A page in a new browser context (its own cookies, or state's) at viewport's size, in
   * Chinese. */
  async newPage(viewport, state) {
    const context = await this.browser.newContext({
      storageState: state,
      viewport,
      deviceScaleFactor: viewport === PHONE ? 2 : 1,
      isMobile: viewport === PHONE,
      hasTouch: viewport === PHONE,
      locale: 'zh-CN',
      extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.6' },
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('console', (m) => {
      // a 4xx page (a refused action) is logged by Chromium too: expected
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()))
        this.problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500) this.problems.push(`${r.url()}: HTTP ${r.status()}`);
    });
    return { context, page };
  }

  /** The latest one-time code sent to phone: the development SMS provider writes each one to
   * the server's log ("sms.code phone=<number> code=<code>"), a moment after the answer. */
  async smsCode(phone) {
    const re = new RegExp(`sms\\.code phone=${phone} code=(\\d{6})`, 'g');
    for (let i = 0; i < 200; i++) {
      const all = [...this.serverLog.matchAll(re)];
      if (all.length) return all[all.length - 1][1];
      await sleep(50);
    }
    throw new Error(`no SMS code for ${phone} in the server's log`);
  }

  async shot(page, name, fullPage = true) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
  }

  async login(page, { phone, password }) {
    await page.goto(`${this.base}/login`);
    const form = page.locator('#login-form');
    await form.locator('input[name="phone"]').fill(phone);
    await form.locator('input[name="password"]').fill(password);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login'),
                       form.locator('button[type="submit"]').click()]);
  }
}

/** The page is styled and does not scroll sideways. */
export async function checkShell(page) {
  const s = await page.evaluate(() => ({
    css: [...document.styleSheets].some((x) => x.href && x.href.endsWith('/static/app.css') &&
                                               x.cssRules.length > 0),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    lang: document.documentElement.lang,
  }));
  assert.ok(s.css, 'the stylesheet /static/app.css is loaded');
  assert.ok(s.overflow <= 0, `no horizontal scrolling (${s.overflow}px too wide) on ${page.url()}`);
  return s;
}
