// Accounts: registration proved by a code sent by SMS, password reset by code, login (token
// and cookie), me, logout, password change, login throttle (growing waits, counted atomically,
// in the audit log), limits on codes, CSRF on cookie sessions and forms, and the pages.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, cleanup, Client, DEMO, loginAs, assertError, freshPhone, registerUser, smsCodes, nextSmsCode,
} from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const masked = (p) => `${p.slice(0, 3)}****${p.slice(7)}`;
const form = (c, path, fields) =>
  c.request('POST', path, {
    body: new URLSearchParams({ _csrf: c.jar.get('wy_csrf'), ...fields }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });

describe('accounts over the API', () => {
  let srv;
  before(async () => {
    // one code a minute per number is tested below; here a number registers, then resets
    srv = await startServer({ config: { auth: { code_resend_s: 0 } } });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const phone = freshPhone();
  const password = 'Wenyun2026ok';
  let id;

  it('registers: 202 code_sent, no account until the code comes back; verify: 201 {id}', async () => {
    const c = new Client(srv.base);
    const r = await c.post('/api/v1/auth/register', { phone, password, name: '测试用户' });
    assert.equal(r.status, 202, r.text);
    assert.deepEqual(r.json, { status: 'code_sent' });
    const code = await nextSmsCode(srv, phone, 0, 'register');
    assert.match(code, /^\d{6}$/);
    // no account can log in before its number is proved
    assertError(await c.post('/api/v1/auth/login', { phone, password }), 401, 'bad_credentials');
    assertError(await c.post('/api/v1/auth/verify', { phone, code: '12345' }), 400, 'bad_code');
    assertError(await c.post('/api/v1/auth/verify', { phone, code: 'abcdef' }), 400, 'bad_code');
    assertError(await c.post('/api/v1/auth/verify', { phone: '123', code }), 400, 'bad_phone');
    assertError(await c.post('/api/v1/auth/verify', { phone }), 400, 'missing_field');
    const wrong = String((+code + 1) % 1e6).padStart(6, '0');
    assertError(await c.post('/api/v1/auth/verify', { phone, code: wrong }), 422, 'wrong_code');
    const v = await c.post('/api/v1/auth/verify', { phone, code });
    assert.equal(v.status, 201, v.text);
    assert.ok(Number.isInteger(v.json.id) && v.json.id > 0, v.text);
    id = v.json.id;
    // a code is good once
    assertError(await c.post('/api/v1/auth/verify', { phone, code }), 422, 'wrong_code');
  });

  it('the same answer whether or not the number has an account, and nothing sent to a taken one', async () => {
    const c = new Client(srv.base);
    const fresh = freshPhone();
    const a = await c.post('/api/v1/auth/register', { phone: fresh, password: 'Another2026x', name: '另一人' });
    const b = await c.post('/api/v1/auth/register', { phone: DEMO.citizen.phone, password: 'Another2026x', name: '另一人' });
    assert.equal(a.status, 202, a.text);
    assert.equal(b.status, a.status);
    assert.equal(b.text, a.text);
    assert.equal(b.headers.get('content-type'), a.headers.get('content-type'));
    await nextSmsCode(srv, fresh, 0);
    await sleep(300);
    assert.deepEqual(smsCodes(srv, DEMO.citizen.phone), [], 'no code goes to a number that has an account');
    // guessing at a code for it is answered as any wrong code
    assertError(await c.post('/api/v1/auth/verify', { phone: DEMO.citizen.phone, code: '123456' }), 422, 'wrong_code');
    await loginAs(srv.base, DEMO.citizen); // and its password is what it was
  });

  it('a code takes code_max_tries tries, then even the right one is refused', async () => {
    const p = freshPhone();
    const c = new Client(srv.base);
    assert.equal((await c.post('/api/v1/auth/register', { phone: p, password, name: '猜码' })).status, 202);
    const code = await nextSmsCode(srv, p, 0);
    const wrong = String((+code + 5) % 1e6).padStart(6, '0');
    for (let i = 0; i < 5; i++) assertError(await c.post('/api/v1/auth/verify', { phone: p, code: wrong }), 422, 'wrong_code');
    assertError(await c.post('/api/v1/auth/verify', { phone: p, code }), 422, 'wrong_code');
    assertError(await c.post('/api/v1/auth/login', { phone: p, password }), 401, 'bad_credentials');
  });

  it('refuses bad phone numbers: 400 bad_phone', async () => {
    const c = new Client(srv.base);
    for (const bad of ['12345678901', '1380000000', '138000000001', '2380000000x', '+8613800000000', '']) {
      const r = await c.post('/api/v1/auth/register', { phone: bad, password, name: '坏号码' });
      assertError(r, 400, 'bad_phone', `phone ${JSON.stringify(bad)}:`);
    }
  });

  it('refuses weak passwords: 400 weak_password', async () => {
    const c = new Client(srv.base);
    for (const weak of ['short1', 'onlyletterspassword', '1234567890123', 'x'.repeat(129) + '1']) {
      const r = await c.post('/api/v1/auth/register', { phone: freshPhone(), password: weak, name: '弱密码' });
      assertError(r, 400, 'weak_password', `password ${weak.slice(0, 20)}:`);
    }
  });

  it('refuses missing fields and bad names: 400', async () => {
    const c = new Client(srv.base);
    assertError(await c.post('/api/v1/auth/register', { phone: freshPhone(), password }), 400, 'missing_field');
    assertError(
      await c.post('/api/v1/auth/register', { phone: freshPhone(), password, name: '' }),
      400,
      'bad_name',
    );
    assertError(
      await c.post('/api/v1/auth/register', { phone: freshPhone(), password, name: '名'.repeat(33) }),
      400,
      'bad_name',
    );
  });

  it('logs in: a token, and an HttpOnly SameSite=Lax wy_session cookie', async () => {
    const c = new Client(srv.base);
    const r = await c.post('/api/v1/auth/login', { phone, password });
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.token, /^[A-Za-z0-9_-]{43}$/, 'a 256-bit token in URL-safe base64');
    assert.equal(r.json.user_id, id);
    const line = r.setCookies.find((l) => l.startsWith('wy_session='));
    assert.ok(line, `no wy_session cookie in ${JSON.stringify(r.setCookies)}`);
    assert.equal(line.split(';')[0], `wy_session=${r.json.token}`);
    const attrs = line.split(';').map((a) => a.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), line);
    assert.ok(attrs.includes('samesite=lax'), line);
    assert.ok(attrs.includes('path=/'), line);
    // sessions expire: 14 days by default, the same in the cookie and in expires_in
    assert.ok(attrs.includes('max-age=1209600'), line);
    assert.equal(r.json.expires_in, 1209600);
  });

  it('GET /api/v1/me with the bearer token and with the cookie; the owner sees the whole phone', async () => {
    const c = new Client(srv.base);
    const token = await c.login(phone, password);
    const byBearer = await c.get('/api/v1/me', { cookies: false });
    assert.equal(byBearer.status, 200, byBearer.text);
    assert.equal(byBearer.json.id, id);
    assert.equal(byBearer.json.name, '测试用户');
    assert.equal(byBearer.json.phone, phone, 'the owner sees the phone whole');
    assert.deepEqual(byBearer.json.roles, []);

    const byCookie = await c.get('/api/v1/me', { bearer: false });
    assert.equal(byCookie.status, 200, byCookie.text);
    assert.equal(byCookie.json.id, id);
    assert.equal(byCookie.json.phone, phone);

    // the owner may read their own account record too
    const own = await c.get(`/api/v1/accounts/${id}`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.phone, phone);
    assert.ok(token);
  });

  it('GET /api/v1/me without credentials is 401; a bad bearer token is 401', async () => {
    const c = new Client(srv.base);
    assertError(await c.get('/api/v1/me'), 401, 'login_required');
    assertError(
      await c.get('/api/v1/me', { headers: { Authorization: 'Bearer ' + 'A'.repeat(43) } }),
      401,
      'bad_token',
    );
    // another scheme (basic auth at a proxy) is not a session: still 401
    assertError(await c.get('/api/v1/me', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }), 401, null);
  });

  it('a stale session cookie is treated as anonymous and cleared', async () => {
    const c = new Client(srv.base);
    c.jar.set('wy_session', 'B'.repeat(43));
    const r = await c.get('/api/v1/me');
    assertError(r, 401, 'login_required');
    const clear = r.setCookies.find((l) => l.startsWith('wy_session='));
    assert.ok(clear, 'the stale cookie is cleared');
    assert.match(clear, /^wy_session=;/);
  });

  it('wrong password and unknown phone get the same 401 bad_credentials', async () => {
    const c = new Client(srv.base);
    const a = await c.post('/api/v1/auth/login', { phone, password: 'Wrong2026pw' });
    assertError(a, 401, 'bad_credentials');
    const b = await c.post('/api/v1/auth/login', { phone: freshPhone(), password: 'Wrong2026pw' });
    assertError(b, 401, 'bad_credentials');
    assert.equal(a.json.error.message, b.json.error.message);
  });

  it('logout ends the session: the token is refused afterwards (401)', async () => {
    const c = new Client(srv.base);
    const token = await c.login(phone, password);
    assert.equal((await c.get('/api/v1/me')).status, 200);
    const out = await c.post('/api/v1/auth/logout', undefined, { cookies: false });
    assert.equal(out.status, 200, out.text);
    assert.ok(
      out.setCookies.some((l) => /^wy_session=;/.test(l)),
      `logout clears the cookie: ${JSON.stringify(out.setCookies)}`,
    );
    const again = await new Client(srv.base).get('/api/v1/me', {
      headers: { Authorization: `Bearer ${token}` },
    });
    assertError(again, 401, 'bad_token');
    // the same token as a cookie means nobody
    const viaCookie = await new Client(srv.base).get('/api/v1/me', { headers: { Cookie: `wy_session=${token}` } });
    assert.equal(viaCookie.status, 401);
  });

  it('logout needs a session: anonymous 401', async () => {
    assertError(await new Client(srv.base).post('/api/v1/auth/logout'), 401, 'login_required');
  });

  it('changing the password ends the other sessions, keeps this one, and swaps the password', async () => {
    const p2 = freshPhone();
    const pw1 = 'First2026pass';
    const pw2 = 'Second2026pass';
    await registerUser(srv, { phone: p2, password: pw1, name: '改密码' });
    const a = new Client(srv.base);
    const b = new Client(srv.base);
    await a.login(p2, pw1);
    await b.login(p2, pw1);
    assert.equal((await b.get('/api/v1/me')).status, 200);

    assertError(
      await a.post('/api/v1/me/password', { old_password: 'Nope2026nope', new_password: pw2 }, { cookies: false }),
      422,
      'wrong_password',
    );
    assertError(
      await a.post('/api/v1/me/password', { old_password: pw1, new_password: 'weak' }, { cookies: false }),
      400,
      'weak_password',
    );
    const ch = await a.post('/api/v1/me/password', { old_password: pw1, new_password: pw2 }, { cookies: false });
    assert.equal(ch.status, 200, ch.text);

    assert.equal((await a.get('/api/v1/me', { cookies: false })).status, 200, 'the session that changed it lives on');
    assertError(await b.get('/api/v1/me', { cookies: false }), 401, 'bad_token');

    assertError(await new Client(srv.base).post('/api/v1/auth/login', { phone: p2, password: pw1 }), 401, 'bad_credentials');
    await new Client(srv.base).login(p2, pw2);
  });

  it('a forgotten password is reset with a code: the same answer for any number, every session ends', async () => {
    const p = freshPhone();
    const pw1 = 'Forgot2026one';
    const pw2 = 'Forgot2026two';
    await registerUser(srv, { phone: p, password: pw1, name: '忘密码' });
    const a = new Client(srv.base);
    await a.login(p, pw1);
    const anon = new Client(srv.base);
    const unknown = freshPhone();
    const x = await anon.post('/api/v1/auth/reset/request', { phone: unknown });
    const y = await anon.post('/api/v1/auth/reset/request', { phone: p });
    assert.equal(y.status, 202, y.text);
    assert.deepEqual(y.json, { status: 'code_sent' });
    assert.equal(x.status, y.status);
    assert.equal(x.text, y.text);
    assertError(await anon.post('/api/v1/auth/reset/request', { phone: '12' }), 400, 'bad_phone');
    const code = await nextSmsCode(srv, p, 0, 'reset');
    await sleep(200);
    assert.deepEqual(smsCodes(srv, unknown), [], 'no code for a number without an account');
    // the password's rules first; then the code
    assertError(await anon.post('/api/v1/auth/reset', { phone: p, code, password: 'weak' }), 400, 'weak_password');
    const wrong = String((+code + 1) % 1e6).padStart(6, '0');
    assertError(await anon.post('/api/v1/auth/reset', { phone: p, code: wrong, password: pw2 }), 422, 'wrong_code');
    assert.equal((await a.get('/api/v1/me')).status, 200, 'nothing changed yet');
    // a reset code does not verify a registration
    assertError(await anon.post('/api/v1/auth/verify', { phone: p, code }), 422, 'wrong_code');
    const r = await anon.post('/api/v1/auth/reset', { phone: p, code, password: pw2 });
    assert.equal(r.status, 200, r.text);
    assertError(await a.get('/api/v1/me', { cookies: false }), 401, 'bad_token');
    assertError(await anon.post('/api/v1/auth/login', { phone: p, password: pw1 }), 401, 'bad_credentials');
    await new Client(srv.base).login(p, pw2);
    assertError(await anon.post('/api/v1/auth/reset', { phone: p, code, password: 'Forgot2026three' }), 422, 'wrong_code');
  });
});

describe('CSRF: double-submit for cookie sessions and forms', () => {
  let srv;
  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('pages set a wy_csrf cookie (SameSite=Lax) and put it in their forms', async () => {
    const c = new Client(srv.base);
    const r = await c.get('/login');
    assert.equal(r.status, 200);
    const line = r.setCookies.find((l) => l.startsWith('wy_csrf='));
    assert.ok(line, `no wy_csrf cookie: ${JSON.stringify(r.setCookies)}`);
    assert.match(line, /SameSite=Lax/i);
    const tok = c.jar.get('wy_csrf');
    assert.ok(tok.length >= 16);
    assert.ok(r.text.includes(`name="_csrf" value="${tok}"`) || r.text.includes(tok), 'the form carries the token');
  });

  it('a cookie-authenticated API POST without X-CSRF-Token is 403 csrf_failed; with it, it passes', async () => {
    const phone = freshPhone();
    const pw1 = 'Cookie2026one';
    const pw2 = 'Cookie2026two';
    await registerUser(srv, { phone, password: pw1, name: '饼干' });
    const c = new Client(srv.base, { useCookie: true });
    await c.login(phone, pw1);
    await c.csrfToken();
    assert.ok(c.jar.has('wy_session'));

    const body = { old_password: pw1, new_password: pw2 };
    assertError(await c.post('/api/v1/me/password', body), 403, 'csrf_failed', 'no header:');
    assertError(
      await c.post('/api/v1/me/password', body, { headers: { 'X-CSRF-Token': 'x'.repeat(24) } }),
      403,
      'csrf_failed',
      'wrong header:',
    );
    // the token in the body of an API call does not count (only forms use _csrf)
    assertError(
      await c.post('/api/v1/me/password', { ...body, _csrf: c.jar.get('wy_csrf') }),
      403,
      'csrf_failed',
      '_csrf in JSON:',
    );
    // nothing changed so far
    assertError(await new Client(srv.base).post('/api/v1/auth/login', { phone, password: pw2 }), 401, 'bad_credentials');

    const ok = await c.post('/api/v1/me/password', body, { csrf: true });
    assert.equal(ok.status, 200, ok.text);
    await new Client(srv.base).login(phone, pw2);

    // logout by cookie needs the token too
    assertError(await c.post('/api/v1/auth/logout'), 403, 'csrf_failed');
    assert.equal((await c.post('/api/v1/auth/logout', undefined, { csrf: true })).status, 200);
  });

  it('a bearer-authenticated API POST needs no CSRF token', async () => {
    const c = new Client(srv.base);
    await c.login(DEMO.citizen.phone, DEMO.citizen.password);
    const r = await c.post('/api/v1/auth/logout', undefined, { cookies: false });
    assert.equal(r.status, 200, r.text);
  });

  it('the web login form: 403 without _csrf, a redirect and a session with it', async () => {
    const c = new Client(srv.base);
    const tok = await c.csrfToken();
    const form = (extra) =>
      new URLSearchParams({ phone: DEMO.citizen.phone, password: DEMO.citizen.password, next: '/account', ...extra });
    const type = { 'Content-Type': 'application/x-www-form-urlencoded' };

    const no = await c.request('POST', '/login', { body: form(), headers: type });
    assert.equal(no.status, 403, no.text);
    assert.match(no.headers.get('content-type'), /^text\/html/);
    assert.ok(!no.setCookies.some((l) => l.startsWith('wy_session=')), 'no session without the token');

    const wrong = await c.request('POST', '/login', { body: form({ _csrf: 'w'.repeat(tok.length) }), headers: type });
    assert.equal(wrong.status, 403);

    const noCookie = await new Client(srv.base).request('POST', '/login', { body: form({ _csrf: tok }), headers: type });
    assert.equal(noCookie.status, 403, 'the field alone, without the cookie, is refused');

    const yes = await c.request('POST', '/login', { body: form({ _csrf: tok }), headers: type });
    assert.equal(yes.status, 303, yes.text);
    assert.equal(yes.headers.get('location'), '/account');
    assert.ok(c.jar.has('wy_session'));
    const acct = await c.get('/account');
    assert.equal(acct.status, 200);
    assert.ok(acct.text.includes(DEMO.citizen.phone), 'the account page shows the owner the phone');
  });

  it('a form login refuses an open redirect target', async () => {
    const c = new Client(srv.base);
    const tok = await c.csrfToken();
    const r = await c.request('POST', '/login', {
      body: new URLSearchParams({
        phone: DEMO.citizen.phone,
        password: DEMO.citizen.password,
        next: '//evil.example/x',
        _csrf: tok,
      }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/');
  });
});

describe('login throttle: each try after a few failures waits twice as long, up to a cap', () => {
  let srv;
  before(async () => {
    srv = await startServer({ config: { auth: { login_slow_after: 2, login_max_delay_s: 4, login_window_s: 600 } } });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('slows a phone after login_slow_after failures: 1, 2, 4 s, then never more than the cap', async () => {
    const c = new Client(srv.base);
    const { phone, password } = DEMO.venueManager;
    const bad = { phone, password: 'Wrong2026pw' };
    assertError(await c.post('/api/v1/auth/login', bad), 401, 'bad_credentials', 'failure 1:');
    assertError(await c.post('/api/v1/auth/login', bad), 401, 'bad_credentials', 'failure 2:');

    // two failures: the next try must wait (1 s after the last failure), the right password too
    const slow = await c.post('/api/v1/auth/login', { phone, password });
    assertError(slow, 429, 'too_many_attempts', 'slowed:');
    const ra = slow.headers.get('retry-after');
    assert.ok(/^\d+$/.test(ra) && +ra >= 1 && +ra <= 2, `Retry-After ${ra}`);
    assert.equal(slow.json.error.retry_after, +ra);
    assert.ok(!slow.setCookies.some((l) => l.startsWith('wy_session=')));

    for (const want of [2, 4, 4]) {
      await sleep(+ra * 1000 + 100);
      const r = await c.post('/api/v1/auth/login', bad);
      if (r.status === 429) await sleep(+r.headers.get('retry-after') * 1000 + 100);
      if (r.status === 429) assertError(await c.post('/api/v1/auth/login', bad), 401, 'bad_credentials');
      else assertError(r, 401, 'bad_credentials');
      const w = await c.post('/api/v1/auth/login', { phone, password });
      assertError(w, 429, 'too_many_attempts');
      const got = +w.headers.get('retry-after');
      assert.ok(got <= want && got >= want - 1, `waits ${got} s, want ${want} (the cap is 4)`);
    }

    // the web form answers the same way
    const wc = new Client(srv.base);
    await wc.csrfToken();
    const page = await form(wc, '/login', { phone, password });
    assert.equal(page.status, 429);
    assert.ok(+page.headers.get('retry-after') >= 1);

    // no lock: once the wait is over the owner gets in
    await sleep(4100);
    await new Client(srv.base).login(phone, password);
    // another phone is not affected
    await new Client(srv.base).login(DEMO.citizen.phone, DEMO.citizen.password);
  });

  it('an unknown phone is throttled the same way (no account enumeration)', async () => {
    const c = new Client(srv.base);
    const bad = { phone: freshPhone(), password: 'Wrong2026pw' };
    assertError(await c.post('/api/v1/auth/login', bad), 401, 'bad_credentials');
    assertError(await c.post('/api/v1/auth/login', bad), 401, 'bad_credentials');
    const r = await c.post('/api/v1/auth/login', bad);
    assertError(r, 429, 'too_many_attempts');
    assert.ok(r.headers.get('retry-after'));
  });

  it('a successful login clears the failures of its phone', async () => {
    const c = new Client(srv.base);
    const { phone, password } = DEMO.cityReviewer;
    assertError(await c.post('/api/v1/auth/login', { phone, password: 'Wrong2026pw' }), 401, 'bad_credentials');
    await c.login(phone, password);
    assertError(await c.post('/api/v1/auth/login', { phone, password: 'Wrong2026pw' }), 401, 'bad_credentials');
    // one failure since the success: not slowed yet
    await c.login(phone, password);
  });

  it('failed logins and refusals are in the audit log, the phone masked', async () => {
    const city = await loginAs(srv.base, DEMO.cityAdmin);
    const r = await city.get('/api/v1/audit?limit=200');
    assert.equal(r.status, 200, r.text);
    const mine = r.json.items.filter((e) => e.object_type === 'login' && e.object_id === masked(DEMO.venueManager.phone));
    const failed = mine.filter((e) => e.action === 'login.failed');
    const throttled = mine.filter((e) => e.action === 'login.throttled');
    assert.ok(failed.length >= 5, `login.failed entries: ${JSON.stringify(mine)}`);
    assert.ok(throttled.length >= 1, 'login.throttled entries');
    assert.equal(failed[0].division, '510402001');
    assert.ok(!r.text.includes(DEMO.venueManager.phone), 'no whole phone in the audit log');
  });
});

describe('login throttle: parallel tries are counted one by one', () => {
  let srv;
  before(async () => {
    // cheap hashing: the twelve tries reach the server within far less than the first wait (1 s)
    srv = await startServer({
      config: { auth: { login_slow_after: 3, login_max_delay_s: 60, password_memlimit_kib: 1024, password_opslimit: 1 } },
    });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('twelve wrong passwords at once get at most login_slow_after real checks', async () => {
    // a number without an account: its check costs what the configured hash costs (an account's
    // costs what its own hash was made with), and is throttled the same way
    const phone = freshPhone();
    const rs = await Promise.all(
      Array.from({ length: 12 }, () => new Client(srv.base).post('/api/v1/auth/login', { phone, password: 'Wrong2026pw' })),
    );
    const checked = rs.filter((r) => r.status === 401).length;
    const refused = rs.filter((r) => r.status === 429).length;
    assert.equal(checked + refused, 12, rs.map((r) => r.status).join(' '));
    assert.ok(checked <= 3, `${checked} real checks of 12 parallel tries (3 allowed): ${rs.map((r) => r.status).join(' ')}`);
    assert.ok(checked >= 1);
    for (const r of rs.filter((x) => x.status === 429)) assert.ok(+r.headers.get('retry-after') >= 1);
  });
});

describe('login throttle per client address', () => {
  let srv;
  before(async () => {
    srv = await startServer({ config: { auth: { login_slow_after: 100, login_ip_slow_after: 3, login_max_delay_s: 300 } } });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('failures on different phones from one address slow that address down, briefly', async () => {
    const c = new Client(srv.base);
    for (const phone of [freshPhone(), freshPhone(), freshPhone()])
      assertError(await c.post('/api/v1/auth/login', { phone, password: 'Wrong2026pw' }), 401, 'bad_credentials');
    const r = await c.post('/api/v1/auth/login', DEMO.citizen);
    assertError(r, 429, 'too_many_attempts');
    const ra = +r.headers.get('retry-after');
    assert.ok(ra >= 1 && ra <= 2, `the first wait is a second, not a lock: Retry-After ${ra}`);
    await sleep(ra * 1000 + 100);
    await new Client(srv.base).login(DEMO.citizen.phone, DEMO.citizen.password);
  });
});

describe('limits on codes: per number, per address, and registrations overall', () => {
  let srv;
  before(async () => {
    srv = await startServer({ config: { auth: { code_per_ip_hour: 4, code_resend_s: 60 } } });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('one code a minute per number, the same answer for a number with an account', async () => {
    const c = new Client(srv.base);
    for (const phone of [freshPhone(), DEMO.citizen.phone]) {
      const body = { phone, password: 'Limit2026pw', name: '限流' };
      let t0 = Date.now();
      assert.equal((await c.post('/api/v1/auth/register', body)).status, 202);
      const hashed = Date.now() - t0;
      t0 = Date.now();
      const r = await c.post('/api/v1/auth/register', body);
      const refused = Date.now() - t0;
      assertError(r, 429, 'too_many_requests', phone);
      const ra = +r.headers.get('retry-after');
      assert.ok(ra >= 1 && ra <= 60, `Retry-After ${ra}`);
      // refused before the password is hashed (argon2id at 64 MiB: most of the first answer)
      assert.ok(refused < hashed / 2, `refused in ${refused} ms, accepted in ${hashed} ms`);
    }
  });

  it('an address that has asked code_per_ip_hour times is refused, whatever the number', async () => {
    const c = new Client(srv.base);
    // two registrations and two refusals so far from this address: the fifth is over
    const r = await c.post('/api/v1/auth/reset/request', { phone: freshPhone() });
    assertError(r, 429, 'too_many_requests');
    assert.ok(+r.headers.get('retry-after') >= 1);
    // the page says so too
    await c.csrfToken();
    const page = await form(c, '/register', { phone: freshPhone(), name: '页面', password: 'Limit2026pw' });
    assert.equal(page.status, 429);
    assert.ok(page.headers.get('retry-after'));
    assert.match(page.text, /form-error/);
  });
});

describe('registrations overall', () => {
  let srv;
  before(async () => {
    srv = await startServer({ config: { auth: { register_per_minute: 2, code_per_ip_hour: 1000 } } });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('past register_per_minute everyone waits until the minute is over', async () => {
    const c = new Client(srv.base);
    for (let i = 0; i < 2; i++)
      assert.equal((await c.post('/api/v1/auth/register', { phone: freshPhone(), password: 'Crowd2026pw', name: '人群' })).status, 202);
    const r = await c.post('/api/v1/auth/register', { phone: freshPhone(), password: 'Crowd2026pw', name: '人群' });
    assertError(r, 429, 'too_many_requests');
    assert.ok(+r.headers.get('retry-after') <= 60);
  });
});

describe('pages: register with the code, reset the password', () => {
  let srv;
  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('the register form leads to a page for the code, and the code to the login', async () => {
    const c = new Client(srv.base);
    const page = await c.get('/register');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="register-form"/);
    const phone = freshPhone();
    const r = await form(c, '/register', { phone, name: '网页注册', password: 'Page2026pw' });
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /id="verify-form"/);
    assert.match(r.text, new RegExp(`value="${phone}"`));
    const code = await nextSmsCode(srv, phone, 0, 'register');
    const wrong = String((+code + 1) % 1e6).padStart(6, '0');
    const no = await form(c, '/register/verify', { phone, code: wrong });
    assert.equal(no.status, 422);
    assert.match(no.text, /id="verify-form"/);
    assert.match(no.text, /form-error/);
    const ok = await form(c, '/register/verify', { phone, code });
    assert.equal(ok.status, 303, ok.text);
    assert.equal(ok.headers.get('location'), '/login?msg=registered');
    await new Client(srv.base).login(phone, 'Page2026pw');
    // the page for the code alone, for someone who comes back to it
    const later = await c.get('/register/verify');
    assert.equal(later.status, 200);
    assert.match(later.text, /id="verify-form"/);
  });

  it('a taken number gets the same page, and no code', async () => {
    const c = new Client(srv.base);
    await c.csrfToken();
    const r = await form(c, '/register', { phone: DEMO.venueManager.phone, name: '冒名', password: 'Page2026pw' });
    assert.equal(r.status, 200);
    assert.match(r.text, /id="verify-form"/);
    await sleep(300);
    assert.deepEqual(smsCodes(srv, DEMO.venueManager.phone), []);
  });

  it('forgot password: the number, then the code with a new password', async () => {
    const c = new Client(srv.base);
    const login = await c.get('/login');
    assert.match(login.text, /href="\/reset"/);
    const page = await c.get('/reset');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="reset-request-form"/);
    const { phone } = DEMO.cityReviewer;
    const r = await form(c, '/reset', { phone });
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /id="reset-form"/);
    const code = await nextSmsCode(srv, phone, 0, 'reset');
    const ok = await form(c, '/reset/confirm', { phone, code, password: 'Page2026new' });
    assert.equal(ok.status, 303, ok.text);
    assert.equal(ok.headers.get('location'), '/login?msg=password_reset');
    const flash = await c.get('/login?msg=password_reset');
    assert.match(flash.text, /class="flash"/);
    await new Client(srv.base).login(phone, 'Page2026new');
  });
});
