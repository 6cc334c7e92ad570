// Stateless app processes: two `wenyun serve` on one PostgreSQL database behind nginx
// (round-robin, all on loopback). A login through nginx is valid on either app server, both
// servers get traffic, a write through one is read through the other, and a logout through one
// ends the session on the other. PostgreSQL only (CTest registers it with the pg fixture).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer,
  freshDb,
  loadDemo,
  tempDir,
  cleanup,
  Client,
  loginAs,
  assertError,
  freshPhone,
  DEMO,
} from '../http/lib.mjs';

const NGINX = process.env.WY_NGINX || 'nginx';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The answer of get() once check(answer) holds, trying for up to 2 s: another app server
 * learns of a logout or a role change through a PostgreSQL notification, which arrives within
 * milliseconds of the commit, not before the commit's answer reaches the client.
 */
async function eventually(get, check) {
  let r;
  for (let t = 0; t < 200; t++) {
    r = await get();
    if (check(r)) return r;
    await sleep(10);
  }
  return r;
}
const is = (status) => (r) => r.status === status;

/** A free loopback TCP port (bound and released: nginx binds it right after). */
function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Start nginx in the foreground (daemon off) as a child, everything under dir. */
async function startNginx(dir, upstreams) {
  const port = await freePort();
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `# written by tests/scaling/two-apps.test.mjs
${process.getuid && process.getuid() === 0 ? 'user root;' : ''}
daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log notice;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream wenyun {
${upstreams.map((u) => `    server ${u};`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://wenyun;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  );
  const proc = spawn(NGINX, ['-c', conf, '-p', dir, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d) => (out += d));
  let exit = null;
  const exited = new Promise((res) =>
    proc.on('exit', (code, signal) => res((exit = { code, signal }))),
  );
  proc.on('error', (e) => (out += `spawn ${NGINX}: ${e.message}\n`));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (exit) throw new Error(`nginx exited (${exit.code ?? exit.signal}) before answering:\n${out}`);
    try {
      const r = await fetch(`${base}/healthz`);
      await r.arrayBuffer();
      if (r.status === 200) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`nginx did not proxy /healthz in time:\n${out}`);
    }
    await sleep(50);
  }
  return {
    base,
    port,
    logs: () => out,
    /** Graceful stop (SIGQUIT), SIGKILL after 10 s; returns the exit. */
    async stop() {
      if (!exit) proc.kill('SIGQUIT');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10000);
      const e = await exited;
      clearTimeout(t);
      return e;
    },
    kill() {
      if (!exit) proc.kill('SIGKILL');
    },
  };
}

/** Request lines of `GET path` in a server's request log. */
function hits(srv, path) {
  const re = new RegExp(`^\\S+ INFO [0-9a-f]+ GET ${path.replace(/[/.]/g, '\\$&')} `, 'gm');
  return (srv.logs().match(re) || []).length;
}

describe('two app servers on one PostgreSQL database behind nginx', { skip: !process.env.WY_TEST_PG_HOST && 'needs PostgreSQL (WY_TEST_PG_HOST)' }, () => {
  let dir, db, app1, app2, lb;

  before(async () => {
    dir = tempDir('wenyun-scaling-');
    db = freshDb(dir);
    loadDemo(db); // once, for both
    mkdirSync(join(dir, 'a1'));
    mkdirSync(join(dir, 'a2'));
    mkdirSync(join(dir, 'nginx'));
    app1 = await startServer({ db, demo: false, dir: join(dir, 'a1') });
    app2 = await startServer({ db, demo: false, dir: join(dir, 'a2') });
    lb = await startNginx(join(dir, 'nginx'), [`127.0.0.1:${app1.port}`, `127.0.0.1:${app2.port}`]);
  });

  after(async () => {
    let ng = null;
    if (lb) ng = await lb.stop();
    const stops = [];
    for (const s of [app1, app2]) if (s) stops.push(s.stop());
    const results = await Promise.allSettled(stops);
    cleanup(dir);
    if (ng) assert.ok(ng.code === 0 && ng.signal === null, `nginx stopped with ${JSON.stringify(ng)}:\n${lb.logs()}`);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  });

  it('nginx spreads requests over both app servers (round-robin)', async () => {
    const path = '/api/v1/divisions/510402';
    const before1 = hits(app1, path);
    const before2 = hits(app2, path);
    const anon = new Client(lb.base);
    const n = 10;
    for (let i = 0; i < n; i++) {
      const r = await anon.get(path);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.code, '510402', r.text);
    }
    // the request line is logged when the request completes: wait for both logs to have them
    let a = 0;
    let b = 0;
    const deadline = Date.now() + 5000;
    do {
      a = hits(app1, path) - before1;
      b = hits(app2, path) - before2;
      if (a + b >= n) break;
      await sleep(20);
    } while (Date.now() < deadline);
    assert.equal(a + b, n, `every request reached one app server (app1 ${a}, app2 ${b})`);
    assert.ok(a >= 3 && b >= 3, `both app servers served requests: app1 ${a}, app2 ${b}`);
  });

  it('a login through nginx works on app 1 and on app 2 directly (token and cookie)', async () => {
    const viaLb = await loginAs(lb.base, DEMO.citizen);
    assert.ok(viaLb.jar.has('wy_session'), 'the login set the session cookie');
    const me = await viaLb.get('/api/v1/me', { cookies: false });
    assert.equal(me.status, 200, me.text);
    const id = me.json.id;
    for (const app of [app1, app2]) {
      // the bearer token
      const byToken = new Client(app.base);
      byToken.token = viaLb.token;
      const r = await byToken.get('/api/v1/me', { cookies: false });
      assert.equal(r.status, 200, `${app.base} by token: ${r.text}`);
      assert.equal(r.json.id, id);
      assert.equal(r.json.phone, DEMO.citizen.phone);
      // the session cookie
      const byCookie = new Client(app.base, { useCookie: true });
      byCookie.jar.set('wy_session', viaLb.jar.get('wy_session'));
      const c = await byCookie.get('/api/v1/me');
      assert.equal(c.status, 200, `${app.base} by cookie: ${c.text}`);
      assert.equal(c.json.id, id);
      // and a page that needs the login
      const page = await byCookie.get('/account');
      assert.equal(page.status, 200, `${app.base} GET /account by cookie: ${page.status}`);
    }
  });

  it('an account created through app 1 is read and logs in through app 2 at once', async () => {
    const admin1 = await loginAs(app1.base, DEMO.districtAdmin);
    const phone = freshPhone();
    const password = 'Scale2026two';
    const made = await admin1.post('/api/v1/accounts', {
      phone,
      password,
      name: '扩容测试',
      division: '510402001',
    });
    assert.equal(made.status, 201, made.text);
    const id = made.json.id;
    assert.ok(Number.isInteger(id), made.text);

    // the same admin's token, on app 2: the record is there
    const admin2 = new Client(app2.base);
    admin2.token = admin1.token;
    const got = await admin2.get(`/api/v1/accounts/${id}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.phone, phone);
    assert.equal(got.json.name, '扩容测试');
    const list = await admin2.get('/api/v1/accounts?division=510402');
    assert.equal(list.status, 200, list.text);

    // the new account logs in on app 2 with the password set through app 1
    const user2 = await loginAs(app2.base, { phone, password });
    const me = await user2.get('/api/v1/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.id, id);
  });

  it('a notice written through app 1 is read through app 2 at once', async () => {
    const vm1 = await loginAs(app1.base, DEMO.venueManager);
    const made = await vm1.post('/api/v1/notices', {
      division: '510402001',
      title: '两台应用服务器的通知',
      body: '写在一台应用服务器上，从另一台读出。',
    });
    assert.equal(made.status, 201, made.text);
    const nid = made.json.id;
    const vm2 = new Client(app2.base);
    vm2.token = vm1.token;
    const got = await vm2.get(`/api/v1/notices/${nid}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.title, '两台应用服务器的通知');
    assert.equal(got.json.status, 'draft');
    // submitted through app 2, the new state is read through app 1
    const sub = await vm2.post(`/api/v1/notices/${nid}/submit`);
    assert.equal(sub.status, 200, sub.text);
    assert.equal(sub.json.status, 'pending');
    const again = await vm1.get(`/api/v1/notices/${nid}`);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.status, 'pending');
  });

  it('a role granted or revoked through one app server counts on the other at once', async () => {
    // each app server remembers sessions it has seen (auth.session_cache_ttl_s); a change of
    // roles through app 1 must reach app 2's memory through PostgreSQL's notification
    const admin1 = await loginAs(app1.base, DEMO.districtAdmin);
    const phone = freshPhone();
    const password = 'Scale2026role';
    const made = await admin1.post('/api/v1/accounts', { phone, password, name: '角色测试', division: '510402001' });
    assert.equal(made.status, 201, made.text);
    const user2 = await loginAs(app2.base, { phone, password });
    // app 2 has seen the session with no role: the review list is refused
    assertError(await user2.get('/api/v1/reviews'), 403, 'forbidden', 'before the grant:');
    assert.equal((await user2.get('/api/v1/me')).json.roles.length, 0);
    const grant = await admin1.post(`/api/v1/accounts/${made.json.id}/roles`, { role: 'reviewer', division: '510402' });
    assert.equal(grant.status, 201, grant.text);
    const me = await eventually(() => user2.get('/api/v1/me'), (r) => r.json.roles.length === 1);
    assert.deepEqual(me.json.roles.map((g) => g.role), ['reviewer'], me.text);
    assert.equal((await user2.get('/api/v1/reviews')).status, 200);
    const revoke = await admin1.delete(`/api/v1/accounts/${made.json.id}/roles/${grant.json.id}`);
    assert.equal(revoke.status, 200, revoke.text);
    assertError(await eventually(() => user2.get('/api/v1/reviews'), is(403)), 403, 'forbidden', 'after the revoke:');
  });

  it('a password change through one app server ends the other sessions on the other', async () => {
    const admin1 = await loginAs(app1.base, DEMO.districtAdmin);
    const phone = freshPhone();
    const password = 'Scale2026pw1';
    const made = await admin1.post('/api/v1/accounts', { phone, password, name: '改密测试', division: '510402001' });
    assert.equal(made.status, 201, made.text);
    const onApp2 = await loginAs(app2.base, { phone, password });
    assert.equal((await onApp2.get('/api/v1/me')).status, 200);
    const onApp1 = await loginAs(app1.base, { phone, password });
    const changed = await onApp1.post('/api/v1/me/password', { old_password: password, new_password: 'Scale2026pw2' });
    assert.equal(changed.status, 200, changed.text);
    assertError(await eventually(() => onApp2.get('/api/v1/me'), is(401)), 401, 'bad_token', 'the other session on app 2:');
    assert.equal((await onApp1.get('/api/v1/me')).status, 200, 'the session that changed it stays');
  });

  it('a logout through one app server ends the session on the other (and through nginx)', async () => {
    const viaLb = await loginAs(lb.base, DEMO.districtReviewer);
    const token = viaLb.token;
    const cookie = viaLb.jar.get('wy_session');
    const on = (app) => {
      const c = new Client(app.base);
      c.token = token;
      return c;
    };
    assert.equal((await on(app1).get('/api/v1/me')).status, 200);
    assert.equal((await on(app2).get('/api/v1/me')).status, 200);

    const out = await on(app2).post('/api/v1/auth/logout', undefined, { cookies: false });
    assert.equal(out.status, 200, out.text);

    assertError(await eventually(() => on(app1).get('/api/v1/me'), is(401)), 401, 'bad_token', 'app 1 after logout on app 2:');
    assertError(await on(app2).get('/api/v1/me'), 401, 'bad_token', 'app 2 after its logout:');
    for (let i = 0; i < 4; i++) {
      // through nginx, whichever app server answers
      assertError(await viaLb.get('/api/v1/me', { cookies: false }), 401, 'bad_token', `nginx #${i}:`);
    }
    // the old cookie is nobody on app 1
    const byCookie = await new Client(app1.base).get('/api/v1/me', { headers: { Cookie: `wy_session=${cookie}` } });
    assert.equal(byCookie.status, 401, byCookie.text);
  });
});
