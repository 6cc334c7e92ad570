// Roles and scope on the admin routes: who may list, create, read and grant, and where.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, DEMO, loginAs, assertError, freshPhone } from './lib.mjs';

const masked = (p) => `${p.slice(0, 3)}****${p.slice(7)}`;

describe('admin routes: authentication, roles and division scope', () => {
  let srv, anon, citizen, district, city, reviewer;
  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
    [citizen, district, city, reviewer] = await Promise.all([
      loginAs(srv.base, DEMO.citizen),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
    ]);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('anonymous callers get 401 on admin routes', async () => {
    assertError(await anon.get('/api/v1/accounts'), 401, 'login_required');
    assertError(await anon.get('/api/v1/accounts/1'), 401, 'login_required');
    assertError(
      await anon.post('/api/v1/accounts', { phone: freshPhone(), password: 'Anon2026pass', name: '匿名', division: '510402' }),
      401,
      'login_required',
    );
    assertError(await anon.post('/api/v1/accounts/1/roles', { role: 'reviewer', division: '5104' }), 401, 'login_required');
    assertError(await anon.get('/api/v1/audit'), 401, 'login_required');
    assertError(await anon.get('/api/v1/reviews'), 401, 'login_required');
  });

  it('a citizen gets 403 on admin routes', async () => {
    assertError(await citizen.get('/api/v1/accounts'), 403, 'forbidden');
    assertError(await citizen.get('/api/v1/accounts?division=510402001'), 403, 'forbidden');
    assertError(
      await citizen.post('/api/v1/accounts', { phone: freshPhone(), password: 'Citizen2026x', name: '群众', division: '510402001' }),
      403,
      'forbidden',
    );
    assertError(await citizen.post('/api/v1/accounts/1/roles', { role: 'city_admin', division: '5104' }), 403, 'forbidden');
    assertError(await citizen.get('/api/v1/audit'), 403, 'forbidden');
    assertError(await citizen.get('/api/v1/reviews'), 403, 'forbidden');
    assertError(await citizen.request('PUT', '/api/v1/review-chains/notice', { json: { levels: '' } }), 403, 'forbidden');
  });

  it('a reviewer may not manage accounts', async () => {
    assertError(await reviewer.get('/api/v1/accounts'), 403, 'forbidden');
    assertError(
      await reviewer.post('/api/v1/accounts', { phone: freshPhone(), password: 'Review2026x', name: '审核', division: '510402' }),
      403,
      'forbidden',
    );
  });

  it("the district admin of 510402 lists 510402's accounts, with phones whole", async () => {
    for (const q of ['', '?division=510402', '?division=510402000000']) {
      const r = await district.get(`/api/v1/accounts${q}`);
      assert.equal(r.status, 200, `${q}: ${r.text}`);
      const phones = r.json.items.map((u) => u.phone);
      for (const d of [DEMO.districtAdmin, DEMO.districtReviewer, DEMO.venueManager, DEMO.citizen])
        assert.ok(phones.includes(d.phone), `${q}: ${d.phone} listed whole in ${phones}`);
      assert.ok(!phones.includes(DEMO.cityAdmin.phone), 'the city admin (5104) is outside 510402');
      for (const u of r.json.items) {
        assert.ok(u.division.startsWith('510402'), `${u.phone} in ${u.division}`);
        assert.equal(typeof u.name, 'string');
        assert.equal(u.status, 'active');
      }
    }
    const town = await district.get('/api/v1/accounts?division=510402001');
    assert.equal(town.status, 200);
    assert.deepEqual(
      town.json.items.map((u) => u.phone).sort(),
      [DEMO.venueManager.phone, DEMO.citizen.phone].sort(),
    );
  });

  it("the district admin of 510402 gets 403 for 510403's accounts and for the whole city", async () => {
    assertError(await district.get('/api/v1/accounts?division=510403'), 403, 'forbidden');
    assertError(await district.get('/api/v1/accounts?division=5104'), 403, 'forbidden');
    assertError(await district.get('/api/v1/accounts?division=bogus'), 400, 'bad_division');
  });

  it('the city admin lists the whole city, page by page', async () => {
    const seen = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const r = await city.get(`/api/v1/accounts?division=5104&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length <= 2);
      seen.push(...r.json.items.map((u) => u.phone));
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    for (const d of Object.values(DEMO)) assert.ok(seen.includes(d.phone), `${d.phone} in ${seen}`);
    assert.equal(new Set(seen).size, seen.length, 'no account on two pages');
    assertError(await city.get('/api/v1/accounts?limit=0'), 400, 'bad_limit');
    assertError(await city.get('/api/v1/accounts?limit=abc'), 400, 'bad_limit');
    assertError(await city.get('/api/v1/accounts?cursor=-4'), 400, 'bad_cursor');
  });

  let inDistrict; // an account the district admin made in 510402
  let inWest; // an account the city admin made in 510403

  it('the district admin creates an account in 510402 (201), with a role in its subtree', async () => {
    const phone = freshPhone();
    const r = await district.post('/api/v1/accounts', {
      phone,
      password: 'District2026a',
      name: '东区新成员',
      division: '510402',
    });
    assert.equal(r.status, 201, r.text);
    inDistrict = { id: r.json.id, phone, password: 'District2026a' };

    const vm = await district.post('/api/v1/accounts', {
      phone: freshPhone(),
      password: 'District2026b',
      name: '炳草岗街道文化站',
      division: '510402002',
      role: 'venue_manager',
    });
    assert.equal(vm.status, 201, vm.text);
    const got = await district.get(`/api/v1/accounts/${vm.json.id}`);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(
      got.json.roles.map((g) => [g.role, g.division]),
      [['venue_manager', '510402002']],
    );

    // the new account can log in and sees itself
    const me = await loginAs(srv.base, inDistrict);
    const r2 = await me.get('/api/v1/me');
    assert.equal(r2.json.id, inDistrict.id);
    assert.equal(r2.json.division, '510402');
  });

  it('the district admin gets 403 creating an account in 510403, and the account is not made', async () => {
    const phone = freshPhone();
    const r = await district.post('/api/v1/accounts', {
      phone,
      password: 'District2026c',
      name: '西区成员',
      division: '510403',
    });
    assertError(r, 403, 'forbidden');
    assertError(await new Client(srv.base).post('/api/v1/auth/login', { phone, password: 'District2026c' }), 401, 'bad_credentials');
  });

  it('the district admin cannot make admins: city_admin, district_admin, auditor → 403', async () => {
    for (const role of ['city_admin', 'district_admin', 'auditor']) {
      const r = await district.post('/api/v1/accounts', {
        phone: freshPhone(),
        password: 'District2026d',
        name: '越权',
        division: '510402',
        role,
      });
      assertError(r, 403, 'forbidden', `create ${role}:`);
    }
    assertError(
      await district.post(`/api/v1/accounts/${inDistrict.id}/roles`, { role: 'city_admin', division: '5104' }),
      403,
      'forbidden',
    );
    assertError(
      await district.post(`/api/v1/accounts/${inDistrict.id}/roles`, { role: 'city_admin', division: '510402' }),
      403,
      'forbidden',
    );
    assertError(
      await district.post(`/api/v1/accounts/${inDistrict.id}/roles`, { role: 'district_admin', division: '510402' }),
      403,
      'forbidden',
    );
  });

  it('bad roles and divisions are 400', async () => {
    const base = { phone: freshPhone(), password: 'District2026e', name: '坏角色' };
    assertError(await district.post('/api/v1/accounts', { ...base, division: '510402', role: 'king' }), 400, 'bad_role');
    assertError(await district.post('/api/v1/accounts', { ...base, division: '5104xx' }), 400, 'bad_division');
    assertError(await district.post('/api/v1/accounts', { ...base }), 400, 'missing_field');
    assertError(await district.post('/api/v1/accounts', { ...base, division: '510402999' }), 400, 'unknown_division');
    assertError(
      await district.post(`/api/v1/accounts/${inDistrict.id}/roles`, { role: 'nobody', division: '510402' }),
      400,
      'bad_role',
    );
  });

  it('the district admin grants and revokes a reviewer role inside 510402', async () => {
    const g = await district.post(`/api/v1/accounts/${inDistrict.id}/roles`, { role: 'reviewer', division: '510402001' });
    assert.equal(g.status, 201, g.text);
    assertError(
      await district.post(`/api/v1/accounts/${inDistrict.id}/roles`, { role: 'reviewer', division: '510402001' }),
      409,
      'duplicate',
    );
    const me = await loginAs(srv.base, inDistrict);
    const r = await me.get('/api/v1/me');
    assert.deepEqual(
      r.json.roles.map((x) => [x.role, x.division]),
      [['reviewer', '510402001']],
    );
    const del = await district.delete(`/api/v1/accounts/${inDistrict.id}/roles/${g.json.id}`);
    assert.equal(del.status, 200, del.text);
    assert.deepEqual((await me.get('/api/v1/me')).json.roles, []);
  });

  it('the city admin can create in 510403 and grant city_admin', async () => {
    const phone = freshPhone();
    const r = await city.post('/api/v1/accounts', { phone, password: 'City2026west', name: '西区文化馆', division: '510403' });
    assert.equal(r.status, 201, r.text);
    inWest = { id: r.json.id, phone, password: 'City2026west' };

    const g = await city.post(`/api/v1/accounts/${inDistrict.id}/roles`, { role: 'city_admin', division: '5104' });
    assert.equal(g.status, 201, g.text);
    const me = await loginAs(srv.base, inDistrict);
    const roles = (await me.get('/api/v1/me')).json.roles;
    assert.ok(roles.some((x) => x.role === 'city_admin' && x.division === '5104'), JSON.stringify(roles));
    // and may now list the city
    assert.equal((await me.get('/api/v1/accounts?division=5104')).status, 200);

    // a district admin cannot revoke a city admin grant
    assertError(await district.delete(`/api/v1/accounts/${inDistrict.id}/roles/${g.json.id}`), 403, 'forbidden');
    const del = await city.delete(`/api/v1/accounts/${inDistrict.id}/roles/${g.json.id}`);
    assert.equal(del.status, 200, del.text);
  });

  it('the district admin of 510402 cannot read an account of 510403; the city admin can, phone whole', async () => {
    assertError(await district.get(`/api/v1/accounts/${inWest.id}`), 403, 'forbidden');
    const r = await city.get(`/api/v1/accounts/${inWest.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.phone, inWest.phone);
    assert.equal(r.json.division, '510403');
    assert.deepEqual(r.json.roles, []);
  });

  // an admin changes the roles only of accounts inside its own area (those it may read)
  it('the district admin of 510402 cannot change the roles of an account of 510403', async () => {
    const r = await district.post(`/api/v1/accounts/${inWest.id}/roles`, { role: 'venue_manager', division: '510402' });
    assertError(r, 403, 'outside_area');
    assertError(await district.post('/api/v1/accounts/1/roles', { role: 'reviewer', division: '510402' }), 403, 'outside_area');
  });

  it('a citizen cannot read another account (403); the admin over it sees the phone whole', async () => {
    const other = await city.get(`/api/v1/accounts?division=510402&q=${DEMO.venueManager.phone}`);
    assert.equal(other.status, 200, other.text);
    assert.equal(other.json.items.length, 1, other.text);
    const vmId = other.json.items[0].id;
    assertError(await citizen.get(`/api/v1/accounts/${vmId}`), 403, 'forbidden');
    const byDistrict = await district.get(`/api/v1/accounts/${vmId}`);
    assert.equal(byDistrict.status, 200);
    assert.equal(byDistrict.json.phone, DEMO.venueManager.phone);
    assert.deepEqual(
      byDistrict.json.roles.map((g) => [g.role, g.division]),
      [['venue_manager', '510402001']],
    );
    // the owner sees their own record whole
    const vm = await loginAs(srv.base, DEMO.venueManager);
    const own = await vm.get(`/api/v1/accounts/${vmId}`);
    assert.equal(own.status, 200);
    assert.equal(own.json.phone, DEMO.venueManager.phone);

    assertError(await city.get('/api/v1/accounts/999999'), 404, 'not_found');
    assertError(await city.get('/api/v1/accounts/abc'), 404, 'not_found');
  });

  /** Queue an import and wait for its job to finish; returns the job's last state. */
  async function runImport(client, path, csv, headers = {}) {
    const q = await client.request('POST', path, { body: csv, headers: { 'Content-Type': 'text/csv', ...headers } });
    assert.equal(q.status, 202, q.text);
    assert.equal(q.json.status, 'queued');
    assert.equal(q.headers.get('location'), `/api/v1/accounts/import/${q.json.id}`);
    for (let i = 0; i < 600; i++) {
      const j = await client.get(q.headers.get('location'), { headers });
      assert.equal(j.status, 200, j.text);
      assert.ok(j.json.rows_done <= j.json.rows_total || j.json.status === 'queued');
      if (j.json.status === 'done' || j.json.status === 'failed') return j.json;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import did not finish');
  }

  it('member import over the API: a job that reports rows with masked phones (138****1234 style)', async () => {
    const good = freshPhone();
    const pending = freshPhone();
    const csv = [
      'phone,name,password,role,division',
      `${good},导入成员,Import2026ok,citizen,510402001`,
      `1234,坏号码,Import2026ok,citizen,510402001`,
      `${DEMO.citizen.phone},重复,Import2026ok,citizen,510402001`,
      `${freshPhone()},西区的人,Import2026ok,citizen,510403`,
      `${pending},待激活,,citizen,510402001`,
      '',
    ].join('\n');
    const dry = await runImport(district, '/api/v1/accounts/import?dry_run=1', csv);
    assert.equal(dry.status, 'done');
    assert.equal(dry.dry_run, true);
    assert.equal(dry.rows_total, 5);
    assert.equal(dry.rows_done, 5);
    assert.equal(dry.accepted, 2);
    assert.equal(dry.rejected, 3);
    assertError(await new Client(srv.base).post('/api/v1/auth/login', { phone: good, password: 'Import2026ok' }), 401, 'bad_credentials');

    const r = await runImport(district, '/api/v1/accounts/import', csv, { 'Accept-Language': 'en' });
    assert.equal(r.dry_run, false);
    assert.equal(r.accepted, 2);
    const byLine = Object.fromEntries(r.lines.map((l) => [l.line, l]));
    assert.equal(byLine[2].status, 'accepted');
    assert.equal(byLine[2].phone, masked(good));
    assert.equal(byLine[3].status, 'rejected');
    assert.match(byLine[3].reason, /mobile number/i);
    assert.equal(byLine[4].status, 'rejected');
    assert.equal(byLine[4].phone, '138****0006');
    assert.match(byLine[4].reason, /exists/);
    assert.equal(byLine[5].status, 'rejected', 'a district admin may not import into 510403');
    assert.equal(byLine[6].status, 'accepted');
    for (const l of r.lines) assert.ok(!/^1\d{10}$/.test(l.phone), `phone masked: ${l.phone}`);
    await loginAs(srv.base, { phone: good, password: 'Import2026ok' });
    // the row without a password waits for its member
    const list = await district.get(`/api/v1/accounts?division=510402001&q=${pending}`);
    assert.equal(list.json.items.length, 1, list.text);
    assert.equal(list.json.items[0].status, 'pending');
    // the lines page by line
    const page = await district.get(`/api/v1/accounts/import/${r.id}?limit=2`);
    assert.equal(page.json.lines.length, 2);
    assert.equal(page.json.next_cursor, '3');
    const rest = await district.get(`/api/v1/accounts/import/${r.id}?limit=10&cursor=3`);
    assert.deepEqual(rest.json.lines.map((l) => l.line), [4, 5, 6]);
    assert.equal(rest.json.next_cursor, null);
    // only the admin who queued it reads it
    assertError(await city.get(`/api/v1/accounts/import/${r.id}`), 404, 'not_found');
    assertError(await citizen.get(`/api/v1/accounts/import/${r.id}`), 403, 'forbidden');

    assertError(
      await citizen.request('POST', '/api/v1/accounts/import', { body: csv, headers: { 'Content-Type': 'text/csv' } }),
      403,
      'forbidden',
    );
  });

  it('the audit log: readable by the city admin and a district admin (own subtree), not by a citizen', async () => {
    const r = await city.get('/api/v1/audit?limit=200');
    assert.equal(r.status, 200, r.text);
    const actions = new Set(r.json.items.map((e) => e.action));
    for (const a of ['user.create', 'role.grant', 'role.revoke', 'session.login']) assert.ok(actions.has(a), `${a} in ${[...actions]}`);
    const grant = r.json.items.find((e) => e.action === 'role.grant' && e.to === 'city_admin');
    assert.ok(grant, 'the city_admin grant is on record');
    assert.equal(grant.object_type, 'user');
    assert.equal(grant.object_id, String(inDistrict.id));
    assert.match(grant.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$/);

    const d = await district.get('/api/v1/audit?limit=200');
    assert.equal(d.status, 200, d.text);
    for (const e of d.json.items) assert.ok(e.division && e.division.startsWith('510402'), JSON.stringify(e));
    assertError(await district.get('/api/v1/audit?division=510403'), 403, 'forbidden');
    assertError(await citizen.get('/api/v1/audit'), 403, 'forbidden');
  });

  it('the admin console page: a redirect to login for anonymous, 403 for a citizen, 200 for an admin', async () => {
    const a = await anon.get('/admin');
    assert.equal(a.status, 303);
    assert.match(a.headers.get('location'), /^\/login\?next=\/admin/);
    const cz = new Client(srv.base, { useCookie: true });
    await cz.login(DEMO.citizen.phone, DEMO.citizen.password);
    const c403 = await cz.get('/admin');
    assert.equal(c403.status, 403);
    assert.match(c403.headers.get('content-type'), /^text\/html/);
    const adm = new Client(srv.base, { useCookie: true });
    await adm.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    const ok = await adm.get('/admin/accounts');
    assert.equal(ok.status, 200);
    assert.ok(ok.text.includes(DEMO.venueManager.phone), 'the admin sees phones of its subtree whole');
  });
});
