// Bounded lists: an activity carries only its coming sessions (at most 20 in lists, 100 in
// the detail) with sessions_total and more_sessions; GET /api/v1/activities/{id}/sessions
// pages through all of them, past ones too; GET /api/v1/me/bookings pages with a cursor,
// the coming bookings first. The statements a request runs are read from /metrics.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, loginAs, DEMO, Client, assertError, freshPhone, registerUser } from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('bounded session lists and paged bookings', () => {
  let srv, vm, anon, act, draft, past, coming;

  async function publish(body) {
    const r = await vm.post('/api/v1/activities', body);
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await vm.post(`/api/v1/activities/${id}/submit`)).status, 200);
    for (const who of [DEMO.districtReviewer, DEMO.cityReviewer]) {
      const rv = await loginAs(srv.base, who);
      const item = (await rv.get('/api/v1/reviews?status=pending&limit=100')).json.items
        .find((i) => i.content_type === 'activity' && i.content_id === id);
      assert.ok(item);
      assert.equal((await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    }
    return id;
  }

  before(async () => {
    // the periodic jobs once, at the start: their statements would blur the counts below
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 }, jobs: { interval_s: 86400 } } });
    anon = new Client(srv.base);
    vm = await loginAs(srv.base, DEMO.venueManager);
    // 40 sessions in the past (one a day), 30 to come (one a day from tomorrow)
    const today = Math.floor(Date.now() / DAY) * DAY + 2 * HOUR;
    past = Array.from({ length: 40 }, (_, k) => today - (40 - k) * DAY);
    coming = Array.from({ length: 30 }, (_, k) => today + (k + 1) * DAY);
    const sessions = [...past, ...coming].map((t) => ({ starts_at: iso(t), ends_at: iso(t + HOUR), capacity: 5 }));
    act = await publish({
      title: `每日讲座 ${Date.now() % 100000}`, category: 'lecture', division: '510402001',
      description: '每天一场。', sessions,
    });
    const d = await vm.post('/api/v1/activities', {
      title: '草稿活动', category: 'lecture', division: '510402001', description: '',
      sessions: [{ starts_at: iso(today + DAY), ends_at: iso(today + DAY + HOUR), capacity: 5 }],
    });
    assert.equal(d.status, 201, d.text);
    draft = d.json.id;
  });

  after(async () => {
    if (srv) await srv.stop();
  });

  it('the detail carries the coming sessions only, with their total', async () => {
    const r = await anon.get(`/api/v1/activities/${act}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.sessions.map((s) => Date.parse(s.starts_at)), coming);
    assert.equal(r.json.sessions_total, 30);
    assert.equal(r.json.more_sessions, false);
  });

  it('a list carries the first 20 coming sessions and says there are more', async () => {
    const r = await anon.get(`/api/v1/activities?q=${encodeURIComponent('每日讲座')}&limit=100`);
    assert.equal(r.status, 200, r.text);
    const a = r.json.items.find((x) => x.id === act);
    assert.ok(a, r.text.slice(0, 500));
    assert.deepEqual(a.sessions.map((s) => Date.parse(s.starts_at)), coming.slice(0, 20));
    assert.equal(a.sessions_total, 30);
    assert.equal(a.more_sessions, true);
    // with from: the sessions not ended at from
    const from = iso(coming[25]);
    const f = await anon.get(`/api/v1/activities?q=${encodeURIComponent('每日讲座')}&from=${from}`);
    const b = f.json.items.find((x) => x.id === act);
    assert.deepEqual(b.sessions.map((s) => Date.parse(s.starts_at)), coming.slice(25));
    assert.equal(b.sessions_total, 5);
    assert.equal(b.more_sessions, false);
  });

  it('GET /activities/{id}/sessions pages through every session, past ones too', async () => {
    const seen = [];
    let cursor = '';
    let pages = 0;
    for (;;) {
      const r = await anon.get(`/api/v1/activities/${act}/sessions?limit=16${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length <= 16);
      seen.push(...r.json.items.map((s) => Date.parse(s.starts_at)));
      pages++;
      if (!r.json.next_cursor) break;
      cursor = encodeURIComponent(r.json.next_cursor);
    }
    assert.equal(pages, 5); // 70 sessions, 16 a page
    assert.deepEqual(seen, [...past, ...coming]);
    // from and to bound the starts
    const w = await anon.get(`/api/v1/activities/${act}/sessions?from=${iso(past[38])}&to=${iso(coming[1])}`);
    assert.deepEqual(w.json.items.map((s) => Date.parse(s.starts_at)), [past[38], past[39], coming[0]]);
    assert.equal(w.json.next_cursor, null);
    // bad input, a draft (not public), an unknown activity
    assertError(await anon.get(`/api/v1/activities/${act}/sessions?cursor=x`), 400, 'bad_cursor');
    assertError(await anon.get(`/api/v1/activities/${act}/sessions?from=yesterday`), 400, 'bad_time');
    assertError(await anon.get(`/api/v1/activities/${act}/sessions?limit=0`), 400, null);
    assertError(await anon.get(`/api/v1/activities/${draft}/sessions`), 404, 'not_found');
    assert.equal((await vm.get(`/api/v1/activities/${draft}/sessions`)).json.items.length, 1);
    assertError(await anon.get('/api/v1/activities/99999999/sessions'), 404, 'not_found');
  });

  it('the page shows the coming sessions and links to the later ones', async () => {
    // a hundred coming sessions are the detail's cap: 100 more shown, then a link
    const base = Math.ceil(Date.now() / HOUR) * HOUR;
    const many = Array.from({ length: 100 }, (_, k) => base + (k + 1) * HOUR);
    const id = await publish({
      title: `整点开放 ${Date.now() % 100000}`, category: 'exhibition', division: '510402001', description: '',
      sessions: many.map((t) => ({ starts_at: iso(t), ends_at: iso(t + HOUR), capacity: 5 })),
    });
    const page = await anon.get(`/activities/${id}`);
    assert.equal(page.status, 200);
    assert.equal((page.text.match(/<li><strong>/g) || []).length, 100);
    assert.doesNotMatch(page.text, /id="more-sessions"/);
    const p2 = await anon.get(`/activities/${act}`);
    assert.equal((p2.text.match(/<li><strong>/g) || []).length, 30, 'the past sessions are not shown');
    // the API's detail says 100 of 100; a page from a later time shows the rest
    const later = await anon.get(`/activities/${id}?from=${encodeURIComponent(iso(many[89] + HOUR))}`);
    assert.equal((later.text.match(/<li><strong>/g) || []).length, 10);
  });

  it('my bookings: the coming first, soonest first, then the past, a page at a time', async () => {
    const phone = freshPhone();
    const c = new Client(srv.base);
    await registerUser(srv, { phone, password: 'Lists2026pw', name: '翻页者' });
    await c.login(phone, 'Lists2026pw');
    const sessions = (await anon.get(`/api/v1/activities/${act}`)).json.sessions;
    // book days 3, 1, 5, 2, 4 (in that order): the list is by start whatever the booking order
    const order = [2, 0, 4, 1, 3];
    for (const k of order) assert.equal((await c.post(`/api/v1/sessions/${sessions[k].id}/bookings`, {})).status, 201);
    const got = [];
    let cursor = null;
    let pages = 0;
    do {
      const r = await c.get(`/api/v1/me/bookings?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length <= 2);
      got.push(...r.json.items);
      cursor = r.json.next_cursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(got.map((b) => b.session_id), sessions.slice(0, 5).map((s) => s.id));
    for (const b of got) {
      assert.equal(b.activity.id, act);
      assert.ok(b.starts_at && b.ends_at && b.code);
    }
    assertError(await c.get('/api/v1/me/bookings?cursor=nonsense'), 400, 'bad_cursor');
    // the page pages too
    const form = new Client(srv.base, { useCookie: true });
    await form.login(phone, 'Lists2026pw');
    const p = await form.get('/me/bookings?limit=2');
    assert.equal(p.status, 200);
    assert.equal((p.text.match(/class="card booking"/g) || []).length, 2);
    const next = p.text.match(/id="next-page" href="([^"]+)"/);
    assert.ok(next, 'a next page link');
    const p2 = await form.get(next[1].replaceAll('&amp;', '&'));
    assert.equal((p2.text.match(/class="card booking"/g) || []).length, 2);
  });

  it('statements per request do not grow with the rows listed', async () => {
    const statements = async () => {
      const m = await anon.get('/metrics');
      const l = m.text.split('\n').find((x) => x.startsWith('wenyun_db_statements_total{pool="primary"} '));
      return Number(l.split(' ').at(-1));
    };
    // the organiser page: a fixed number of queries for a page of activities and their sessions
    const before1 = await statements();
    assert.equal((await vm.get('/organiser?limit=1')).status, 200);
    const one = (await statements()) - before1;
    const before2 = await statements();
    assert.equal((await vm.get('/organiser?limit=50')).status, 200);
    const fifty = (await statements()) - before2;
    assert.ok(fifty <= one + 2, `the organiser page: ${one} statements for 1 activity, ${fifty} for 50`);
  });
  it('staff with grants in two subtrees see the activities of both on the organiser page', async () => {
    const admin = await loginAs(srv.base, DEMO.cityAdmin);
    // a draft in 西区 (510403), beside the demo's and this test's activities in 东区
    const west = await admin.post('/api/v1/activities', {
      title: `西区草稿 ${Date.now() % 100000}`, category: 'lecture', division: '510403', description: '',
      sessions: [{ starts_at: iso(Date.now() + 2 * DAY), ends_at: iso(Date.now() + 2 * DAY + HOUR), capacity: 5 }],
    });
    assert.equal(west.status, 201, west.text);
    const phone = freshPhone();
    const made = await admin.post('/api/v1/accounts', {
      phone, password: 'TwoPlaces2026', name: '两地管理员', division: '510402001', role: 'venue_manager',
    });
    assert.equal(made.status, 201, made.text);
    const g = await admin.post(`/api/v1/accounts/${made.json.id}/roles`, { role: 'venue_manager', division: '510403' });
    assert.equal(g.status, 201, g.text);
    const two = await loginAs(srv.base, { phone, password: 'TwoPlaces2026' });
    const page = await two.get('/organiser?limit=100');
    assert.equal(page.status, 200);
    const title = (await anon.get(`/api/v1/activities/${act}`)).json.title;
    assert.ok(page.text.includes(title), 'the activity in 510402001');
    assert.ok(page.text.includes(west.json.title), 'and the draft in 510403');
  });
});
