// Accounts: register, login (token and cookie), me, logout, password change, login throttle,
// CSRF on cookie sessions and forms.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, DEMO, assertError, freshPhone } from './lib.mjs';

describe('accounts over the API', () => {
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

  const phone = freshPhone();
  const password = 'Wenyun2026ok';
  let id;

  it('registers an account: 201 {id}', async () => {
    const c = new Client(srv.base);
    const r = await c.post('/api/v1/auth/register', { phone, password, name: '测试用户' });
    assert.equal(r.status, 201, r.text);
    assert.ok(Number.isInteger(r.json.id) && r.json.id > 0, r.text);
    id = r.json.id;
  });

  it('refuses a second account with the same phone: 409 phone_taken', async () => {
    const c = new Client(srv.base);
    const r = await c.post('/api/v1/auth/register', { phone, password: 'Another2026x', name: '另一人' });
    assertError(r, 409, 'phone_taken');
    assert.equal(r.json.error.field, 'phone');
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
    const reg = await new Client(srv.base).post('/api/v1/auth/register', { phone: p2, password: pw1, name: '改密码' });
    assert.equal(reg.status, 201, reg.text);
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
    const reg = await new Client(srv.base).post('/api/v1/auth/register', { phone, password: pw1, name: '饼干' });
    assert.equal(reg.status, 201, reg.text);
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

describe('login throttle: slowed, then locked (429 with Retry-After)', () => {
  let srv;
  before(async () => {
    srv = await startServer({
      config: { auth: { login_slow_after: 2, login_lock_after: 3, login_lock_s: 120, login_window_s: 600 } },
    });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('slows a phone after login_slow_after failures and locks it after login_lock_after', async () => {
    const c = new Client(srv.base);
    const { phone, password } = DEMO.venueManager;
    const bad = { phone, password: 'Wrong2026pw' };
    assertError(await c.post('/api/v1/auth/login', bad), 401, 'bad_credentials', 'failure 1:');
    assertError(await c.post('/api/v1/auth/login', bad), 401, 'bad_credentials', 'failure 2:');

    // two failures: the next try must wait (1 s after the last failure)
    const slow = await c.post('/api/v1/auth/login', { phone, password });
    assertError(slow, 429, 'too_many_attempts', 'slowed:');
    const ra = slow.headers.get('retry-after');
    assert.ok(ra, 'a 429 has Retry-After');
    assert.ok(/^\d+$/.test(ra) && +ra >= 1 && +ra <= 2, `Retry-After ${ra}`);
    assert.equal(slow.json.error.retry_after, +ra);

    await new Promise((r) => setTimeout(r, +ra * 1000 + 100));
    assertError(await c.post('/api/v1/auth/login', bad), 401, 'bad_credentials', 'failure 3:');

    // three failures: locked; the right password is refused too
    const locked = await c.post('/api/v1/auth/login', { phone, password });
    assertError(locked, 429, 'locked', 'locked:');
    const ra2 = +locked.headers.get('retry-after');
    assert.ok(ra2 > 100 && ra2 <= 120, `Retry-After while locked: ${ra2}`);
    assert.ok(!locked.setCookies.some((l) => l.startsWith('wy_session=')));

    // the web form answers the same way
    const w = new Client(srv.base);
    const tok = await w.csrfToken();
    const page = await w.request('POST', '/login', {
      body: new URLSearchParams({ phone, password, _csrf: tok }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(page.status, 429);
    assert.ok(page.headers.get('retry-after'));

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
});

describe('login throttle per client address', () => {
  let srv;
  before(async () => {
    srv = await startServer({
      config: { auth: { login_slow_after: 100, login_lock_after: 100, login_ip_lock_after: 3, login_lock_s: 300 } },
    });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('failures on different phones from one address lock that address (429 with Retry-After)', async () => {
    const c = new Client(srv.base);
    for (const phone of [freshPhone(), freshPhone(), freshPhone()])
      assertError(await c.post('/api/v1/auth/login', { phone, password: 'Wrong2026pw' }), 401, 'bad_credentials');
    const r = await c.post('/api/v1/auth/login', DEMO.citizen);
    assertError(r, 429, 'locked');
    const ra = +r.headers.get('retry-after');
    assert.ok(ra > 250 && ra <= 300, `Retry-After ${ra}`);
  });
});
