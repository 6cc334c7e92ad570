// Helpers for the HTTP tests: start the real wenyun binary on a loopback port over a fresh
// database loaded with the demo data (攀枝花市 5104), and talk to it with fetch and a small
// cookie jar. Each test file starts its own server(s); nothing is shared between files.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = process.env.WY_SOURCE_DIR || resolve(here, '../..');
export const BUILD_DIR = process.env.WY_BUILD_DIR || join(SOURCE_DIR, 'build');
export const BIN = process.env.WY_BIN || join(BUILD_DIR, 'wenyun');

/** The demo accounts of src/demo.c. */
export const DEMO = {
  cityAdmin: { phone: '13900000001', password: 'Demo2026pzh' },
  districtAdmin: { phone: '13900000002', password: 'Demo2026dq' }, // district_admin 510402
  districtReviewer: { phone: '13900000003', password: 'Demo2026rv1' }, // reviewer 510402
  cityReviewer: { phone: '13900000004', password: 'Demo2026rv2' }, // reviewer 5104
  venueManager: { phone: '13900000005', password: 'Demo2026vm' }, // venue_manager 510402001
  citizen: { phone: '13800000006', password: 'Demo2026cz' }, // citizen 510402001
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh temporary directory (removed by cleanup()). */
export function tempDir(prefix = 'wenyun-http-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A fresh, empty database for one server or CLI run. On SQLite (the default) a file in dir;
 * when WY_TEST_PG_HOST names the socket directory of the test PostgreSQL server (CTest's
 * *-pg tests), a new database there, given as a postgresql:// URL.
 */
let dbCounter = 0;
export function freshDb(dir) {
  const host = process.env.WY_TEST_PG_HOST;
  if (!host) return join(dir, `w${dbCounter++ || ''}.db`);
  const name = `wyh_${process.pid}_${Date.now() % 1e6}_${dbCounter++}`;
  const r = spawnSync('psql', ['-q', '-h', host, '-U', 'postgres', '-d', 'postgres', '-c', `CREATE DATABASE ${name}`],
                      { encoding: 'utf8' });
  assert.equal(r.status, 0, `cannot create database ${name}: ${r.stderr}`);
  return `postgresql:///${name}?host=${encodeURIComponent(host)}&user=postgres`;
}

/** Run the wenyun binary to completion; returns {code, stdout, stderr}. */
export function runCli(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 60000, ...opts });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Load the demo data into db (idempotent); asserts it succeeded. */
export function loadDemo(db) {
  const r = runCli(['demo', '--db', db]);
  assert.equal(r.code, 0, `wenyun demo failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Render a config object {section: {key: value}} (or a string) as INI. */
function iniText(config) {
  if (typeof config === 'string') return config;
  let s = '';
  for (const [section, kv] of Object.entries(config)) {
    s += `[${section}]\n`;
    for (const [k, v] of Object.entries(kv)) s += `${k} = ${v}\n`;
  }
  return s;
}

/**
 * Start a server. Options:
 *   config  {section: {key: value}} or INI text, written to a config file
 *   demo    load the demo data first (default true)
 *   dir     reuse a directory instead of a fresh one
 *   db      reuse a database (a file or URL from freshDb) instead of a fresh one
 *   env     more environment variables for the server
 *   startMs how long it may take to listen (default 15 s; loading a walking network takes longer)
 * Returns {base, port, dir, db, configFile, proc, logs(), stop(), kill()}.
 */
export async function startServer({ config, demo = true, dir, db, env, startMs = 15000 } = {}) {
  dir = dir || tempDir();
  db = db || freshDb(dir);
  if (demo) loadDemo(db);
  const portFile = join(dir, `port-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const args = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile];
  // tests list what they have just written: the public micro-cache (a second's lag for
  // anonymous lists) is off unless a test turns it on
  if (config === undefined || config === null) config = {};
  if (typeof config === 'string') {
    if (!/^\s*public_cache_ms\s*=/m.test(config)) config = `[server]\npublic_cache_ms = 0\n${config}`;
  } else if (!config.server || config.server.public_cache_ms === undefined) {
    config = { ...config, server: { public_cache_ms: 0, ...(config.server || {}) } };
  }
  const configFile = join(dir, 'wenyun.ini');
  writeFileSync(configFile, iniText(config));
  args.push('--config', configFile);
  const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  proc.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d) => (out += d));
  const exited = new Promise((res) => proc.on('exit', (code, signal) => res({ code, signal })));
  let exit = null;
  exited.then((e) => (exit = e));

  const deadline = Date.now() + startMs;
  let port = 0;
  while (!port) {
    if (exit) throw new Error(`wenyun serve exited (${exit.code ?? exit.signal}) before listening:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`wenyun serve did not write its port file in time:\n${out}`);
    }
    if (existsSync(portFile)) {
      const t = readFileSync(portFile, 'utf8');
      if (t.endsWith('\n')) port = parseInt(t, 10);
    }
    if (!port) await sleep(20);
  }
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`);
      await r.arrayBuffer();
      if (r.status === 200) break;
    } catch {
      /* not yet */
    }
    if (exit) throw new Error(`wenyun serve exited before /healthz answered:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`/healthz did not answer 200 in time:\n${out}`);
    }
    await sleep(20);
  }

  const srv = {
    base,
    port,
    dir,
    db,
    configFile,
    proc,
    logs: () => out,
    exited,
    /** SIGTERM, wait for the exit; asserts a graceful shutdown (exit code 0). */
    async stop() {
      if (!exit) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 20000);
      const e = await exited;
      clearTimeout(t);
      assert.equal(e.signal, null, `wenyun serve was killed by ${e.signal}:\n${out}`);
      assert.equal(e.code, 0, `wenyun serve exited with ${e.code} on SIGTERM:\n${out}`);
      return e;
    },
    kill() {
      if (!exit) proc.kill('SIGKILL');
    },
    client(opts) {
      return new Client(base, opts);
    },
  };
  return srv;
}

/** Remove a temporary directory made by tempDir()/startServer(). */
export function cleanup(dir) {
  if (dir && dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
}

/**
 * A client with a cookie jar. By default it authenticates with the bearer token that
 * login() got; with {useCookie: true} it relies on the wy_session cookie instead (and then
 * has to send the CSRF token on unsafe requests, as a browser would).
 */
export class Client {
  constructor(base, { useCookie = false } = {}) {
    this.base = base;
    this.jar = new Map();
    this.token = null;
    this.useCookie = useCookie;
    this.setCookies = []; // Set-Cookie lines of the last response
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  storeCookies(res) {
    this.setCookies = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
    for (const line of this.setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const maxAge = attrs.map((a) => a.trim()).find((a) => /^max-age=/i.test(a));
      if (value === '' || (maxAge && parseInt(maxAge.split('=')[1], 10) <= 0)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /**
   * request(method, path, {json, body, headers, bearer, cookies, csrf}) ->
   *   {status, headers, text, json, setCookies}
   * json: a value sent as the JSON body; body: a raw body (string/Buffer/URLSearchParams).
   * bearer: false to leave out the Authorization header; cookies: false to send no cookies;
   * csrf: true to echo the wy_csrf cookie in X-CSRF-Token.
   */
  async request(method, path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['Content-Type'] ??= 'application/json';
    }
    if (this.token && !this.useCookie && opts.bearer !== false) headers.Authorization = `Bearer ${this.token}`;
    if (opts.cookies !== false && this.jar.size) headers.Cookie = this.cookieHeader();
    if (opts.csrf && this.jar.has('wy_csrf')) headers['X-CSRF-Token'] = this.jar.get('wy_csrf');
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    this.storeCookies(res);
    let json;
    if ((res.headers.get('content-type') || '').startsWith('application/json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, headers: res.headers, text, json, setCookies: this.setCookies };
  }

  get(path, opts) {
    return this.request('GET', path, opts);
  }
  post(path, json, opts = {}) {
    return this.request('POST', path, { ...opts, json });
  }
  patch(path, json, opts = {}) {
    return this.request('PATCH', path, { ...opts, json });
  }
  put(path, json, opts = {}) {
    return this.request('PUT', path, { ...opts, json });
  }
  delete(path, opts) {
    return this.request('DELETE', path, opts);
  }

  /** Log in through the API; asserts 200 and returns the token (the cookie is in the jar). */
  async login(phone, password) {
    const r = await this.request('POST', '/api/v1/auth/login', {
      json: { phone, password },
      bearer: false,
      cookies: false, // a live session cookie would make this a CSRF-checked request
    });
    assert.equal(r.status, 200, `login ${phone}: ${r.status} ${r.text}`);
    assert.equal(typeof r.json.token, 'string');
    this.token = r.json.token;
    return this.token;
  }

  /** Fetch a page so that the server sets the wy_csrf cookie; returns its value. */
  async csrfToken() {
    if (!this.jar.has('wy_csrf')) await this.get('/login', { bearer: false });
    assert.ok(this.jar.has('wy_csrf'), 'the server set no wy_csrf cookie on GET /login');
    return this.jar.get('wy_csrf');
  }

  /** POST a page's form (application/x-www-form-urlencoded) with its CSRF field, as a browser
   * does; redirects are not followed. */
  async postForm(path, fields) {
    const token = await this.csrfToken();
    return this.request('POST', path, { body: new URLSearchParams({ ...fields, _csrf: token }) });
  }
}

/** Approve content through core review by each reviewer in turn (a district's, then a
 * city's): a reviewer with nothing waiting, or not of the chain's level, is passed over. */
export async function approveAll(reviewers, type, id) {
  for (const rv of reviewers) {
    const q = await rv.get('/api/v1/reviews?status=pending&limit=200');
    const it = q.json.items.find((x) => x.content_type === type && x.content_id === id);
    if (!it) continue;
    const d = await rv.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'approve' });
    if (d.status === 403 && d.json?.error?.code === 'not_your_level') continue;
    assert.equal(d.status, 200, d.text);
  }
}

/** A foreign friendship city of 攀枝花 (5104), made by the city's admin; its id. */
export async function newExchangePartner(admin, name, country) {
  const r = await admin.post('/api/v1/exchange/partners', {
    division: '5104', name, kind: 'friendship_city', scope: 'foreign', country, city: name,
  });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

/** Log a demo account in; returns a Client. */
export async function loginAs(base, account, opts) {
  const c = new Client(base, opts);
  await c.login(account.phone, account.password);
  return c;
}

/** Assert a JSON error answer: status and error.code. */
export function assertError(r, status, code, what = '') {
  assert.equal(r.status, status, `${what} want ${status} ${code}, got ${r.status}: ${r.text}`);
  assert.ok(r.json && r.json.error, `${what} error body is not {error: ...}: ${r.text}`);
  if (code) assert.equal(r.json.error.code, code, `${what} error.code: ${r.text}`);
  assert.equal(typeof r.json.error.message, 'string');
}

/**
 * The one-time codes the server "sent" to phone, oldest first: with the development SMS
 * provider ([sms] provider = log, the default) each one is a line of the server's log,
 * "sms.code phone=<number> code=<code> purpose=<purpose>".
 */
export function smsCodes(srv, phone, purpose) {
  const re = new RegExp(`sms\\.code phone=${phone} code=(\\d{6}) purpose=(\\w+)`, 'g');
  return [...srv.logs().matchAll(re)].filter((m) => !purpose || m[2] === purpose).map((m) => m[1]);
}

/**
 * Wait for a code sent to phone after `before` codes had been (messages go out from a thread
 * of their own, a moment after the answer); returns it.
 */
export async function nextSmsCode(srv, phone, before, purpose) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const codes = smsCodes(srv, phone, purpose);
    if (codes.length > before) return codes[codes.length - 1];
    if (Date.now() > deadline) throw new Error(`no SMS code for ${phone} in the log:\n${srv.logs().slice(-2000)}`);
    await sleep(20);
  }
}

/**
 * Register an account through the API and prove its number with the code from the log, as a
 * person with the phone would: {phone, password, name, division?} -> {id} (asserts 202, 201).
 */
export async function registerUser(srv, account) {
  const c = new Client(srv.base);
  const before = smsCodes(srv, account.phone, 'register').length;
  const r = await c.post('/api/v1/auth/register', account, { bearer: false, cookies: false });
  assert.equal(r.status, 202, `register ${account.phone}: ${r.status} ${r.text}`);
  const code = await nextSmsCode(srv, account.phone, before, 'register');
  const v = await c.post('/api/v1/auth/verify', { phone: account.phone, code }, { bearer: false, cookies: false });
  assert.equal(v.status, 201, `verify ${account.phone}: ${v.status} ${v.text}`);
  return { id: v.json.id };
}

let phoneSeq = 0;
/** A fresh valid mobile number for this process (distinct across test files). */
export function freshPhone() {
  phoneSeq++;
  const n = (process.pid % 100000) * 100 + (phoneSeq % 100);
  return `186${String(n).padStart(8, '0')}`;
}
