// Notifications (the in-app inbox and webhooks through the outbox) and organisers changing and
// cancelling sessions: a booking's confirmation reaches the inbox; a cancellation promotes the
// next in line, who is told; raising the capacity promotes in order; the capacity cannot go
// below the confirmed seats; a change of time tells everyone booked; cancelling a session
// cancels its bookings, frees the seats and tells each person; the day-before reminder comes
// once (from the server's job thread and from `wenyun jobs --once`); a webhook receiver gets
// every event signed with HMAC-SHA256, and an event it first answered with 500 again; the
// organisers' forms on the activity page and the inbox page work; a published activity keeps
// all but its description, audience and links, and those only through review.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import {
  startServer, cleanup, Client, DEMO, loginAs, runCli, assertError, freshPhone, registerUser,
} from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SECRET = 'wenyun-test-secret-0123456789';

async function until(what, fn, ms = 15000) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('notifications, session changes and webhooks', () => {
  let srv, receiver, hookUrl;
  let vm, rv1, rv2, admin, citizen, anon;
  const people = []; // {c, id, phone}
  const got = []; // webhook requests: {headers, body, status}
  let failFirst = true;
  const hanging = []; // requests to /hang, never answered

  async function publish({ capacity = 1, waitlist = true, startsIn = 2 * DAY } = {}) {
    const now = Date.now();
    const r = await vm.post('/api/v1/activities', {
      title: `社区读书会 ${now % 100000}`,
      category: 'reading',
      division: '510402001',
      description: '每月一次的社区读书会。',
      waitlist,
      sessions: [{ starts_at: iso(now + startsIn), ends_at: iso(now + startsIn + 2 * HOUR), capacity }],
    });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await vm.post(`/api/v1/activities/${id}/submit`)).status, 200);
    const q = await rv1.get('/api/v1/reviews?status=pending');
    const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === id);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    const d = await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
    assert.equal(d.json.status, 'published', d.text);
    const a = await anon.get(`/api/v1/activities/${id}`);
    return { id, session: a.json.sessions[0].id, title: a.json.title };
  }

  const inbox = async (c, q = '') => {
    const r = await c.get(`/api/v1/me/notifications${q}`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const kinds = async (c) => (await inbox(c, '?limit=100')).items.map((n) => n.kind);
  const book = async (c, sid, status) => {
    const r = await c.post(`/api/v1/sessions/${sid}/bookings`);
    assert.equal(r.status, 201, r.text);
    if (status) assert.equal(r.json.status, status);
    return r.json;
  };

  before(async () => {
    receiver = http.createServer((req, res) => {
      if (req.url === '/hang') { // never answers: the server must not wait for it to stop
        hanging.push(req);
        return;
      }
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const status = failFirst ? 500 : 200;
        failFirst = false;
        got.push({ headers: req.headers, body, status });
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(status === 200 ? 'ok' : 'not now');
      });
    });
    await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${receiver.address().port}/hook`;
    srv = await startServer({
      config: {
        auth: { password_memlimit_kib: 8, password_opslimit: 1 },
        booking: { max_people_per_day: 100 },
        // the receiver listens on loopback, which webhooks may reach only when allowed
        notify: { interval_ms: 100, retry_base_ms: 300, timeout_ms: 3000, max_attempts: 5, allow_private_targets: true },
        jobs: { interval_s: 1 },
      },
    });
    anon = new Client(srv.base);
    [vm, rv1, rv2, admin, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.citizen),
    ]);
    for (let i = 0; i < 3; i++) {
      const c = new Client(srv.base);
      const phone = freshPhone();
      const { id } = await registerUser(srv, { phone, password: 'Notify2026pw', name: `读者${i}` });
      await c.login(phone, 'Notify2026pw');
      people.push({ c, id, phone });
    }
  });

  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
    for (const r of hanging) r.socket.destroy();
    if (receiver) receiver.close();
  });

  it('admins add webhooks for their subtree; others may not', async () => {
    let r = await citizen.post('/api/v1/webhooks', { url: hookUrl, division: '5104' });
    assert.equal(r.status, 403, r.text);
    r = await admin.post('/api/v1/webhooks', { url: 'ftp://example.org/x', division: '5104' });
    assertError(r, 400, 'bad_url');
    r = await admin.post('/api/v1/webhooks', { url: 'https:///hook', division: '5104' });
    assertError(r, 400, 'bad_url');
    assert.equal(r.json.error.field, 'url');
    r = await admin.post('/api/v1/webhooks', { url: hookUrl, division: '5104', kinds: ['no.such'] });
    assertError(r, 400, 'bad_kinds');
    r = await admin.post('/api/v1/webhooks', { url: hookUrl, division: '5104', secret: SECRET });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.secret, SECRET);
    assert.equal(r.json.active, true);
    // a second one, created and removed again
    const other = await admin.post('/api/v1/webhooks', { url: 'https://example.org/hook', division: '510402', kinds: ['session.cancelled'] });
    assert.equal(other.status, 201, other.text);
    assert.match(other.json.secret, /^[0-9a-f]{48}$/);
    r = await admin.get('/api/v1/webhooks');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 2);
    assert.ok(r.json.items.every((w) => w.secret === undefined), 'the secret is shown only once');
    assert.equal((await citizen.delete(`/api/v1/webhooks/${other.json.id}`)).status, 403);
    r = await admin.delete(`/api/v1/webhooks/${other.json.id}`);
    assert.equal(r.status, 200, r.text);
    assertError(await admin.delete(`/api/v1/webhooks/${other.json.id}`), 404, 'not_found');
  });

  let act; // the first activity: one seat, waitlist on
  it('a confirmed booking is in the inbox; a cancellation tells the one promoted', async () => {
    act = await publish({ capacity: 1 });
    const [a, b] = people;
    const ba = await book(a.c, act.session, 'confirmed');
    const bb = await book(b.c, act.session, 'waitlisted');
    const ia = await inbox(a.c);
    assert.equal(ia.unread, 1);
    assert.equal(ia.items[0].kind, 'booking.confirmed');
    assert.equal(ia.items[0].booking_id, ba.id);
    assert.equal(ia.items[0].activity.title, act.title);
    assert.equal(ia.items[0].unread, true);
    assert.deepEqual(await kinds(b.c), [], 'a waitlisted booking is not a confirmation');
    assert.equal((await a.c.delete(`/api/v1/bookings/${ba.id}`)).status, 200);
    const ib = await inbox(b.c);
    assert.equal(ib.items.length, 1);
    assert.equal(ib.items[0].kind, 'booking.promoted');
    assert.equal(ib.items[0].booking_id, bb.id);
    const mine = await b.c.get('/api/v1/me/bookings');
    assert.equal(mine.json.items.find((x) => x.id === bb.id).status, 'confirmed');
  });

  it('organisers change a session: capacity raised promotes in order, never below the confirmed seats', async () => {
    const [, b, c] = people;
    const pc = await book(c.c, act.session, 'waitlisted');
    assertError(await citizen.patch(`/api/v1/sessions/${act.session}`, { capacity: 5 }), 403, null, 'a citizen');
    assertError(await rv1.patch(`/api/v1/sessions/${act.session}`, { capacity: 5 }), 403, null, 'a reviewer');
    assertError(await vm.patch(`/api/v1/sessions/${act.session}`, {}), 400, 'nothing_to_change');
    assertError(await vm.patch(`/api/v1/sessions/${act.session}`, { capacity: 0 }), 400, 'bad_session');
    assertError(await vm.patch(`/api/v1/sessions/${act.session}`, { starts_at: 'tomorrow' }), 400, 'bad_time');
    let r = await vm.patch(`/api/v1/sessions/${act.session}`, { capacity: 3 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.capacity, 3);
    assert.equal(r.json.seats_left, 1);
    const ic = await inbox(c.c);
    assert.deepEqual(ic.items.map((n) => n.kind), ['booking.promoted']);
    assert.equal(ic.items[0].booking_id, pc.id);
    r = await vm.patch(`/api/v1/sessions/${act.session}`, { capacity: 1 });
    assertError(r, 409, 'below_confirmed');
    const a = await anon.get(`/api/v1/activities/${act.id}`);
    assert.equal(a.json.sessions[0].capacity, 3, 'a refused change changes nothing');
    void b;
  });

  it('a change of time tells everyone booked what changed', async () => {
    const [a, b, c] = people;
    const before = await anon.get(`/api/v1/activities/${act.id}`);
    const old = before.json.sessions[0];
    const starts = Date.parse(old.starts_at) + DAY;
    const r = await vm.patch(`/api/v1/sessions/${act.session}`, { starts_at: iso(starts), ends_at: iso(starts + 2 * HOUR) });
    assert.equal(r.status, 200, r.text);
    assert.equal(Date.parse(r.json.starts_at), starts);
    for (const p of [b, c]) {
      const items = (await inbox(p.c)).items;
      assert.equal(items[0].kind, 'session.changed');
      assert.equal(Date.parse(items[0].params.changes.starts_at.from), Date.parse(old.starts_at));
      assert.equal(Date.parse(items[0].params.changes.starts_at.to), starts);
      assert.equal(Date.parse(items[0].starts_at), starts);
    }
    assert.ok(!(await kinds(a.c)).includes('session.changed'), 'a cancelled booking is not told');
    // the audit log has the change
    const au = await admin.get(`/api/v1/audit?object_type=session&object_id=${act.session}`);
    assert.equal(au.status, 200, au.text);
    assert.ok(au.json.items.some((e) => e.action === 'session.update'), au.text);
  });

  it('organisers cancel a session: bookings cancelled, seats freed, everyone told; non-staff may not', async () => {
    const [, b, c] = people;
    assertError(await citizen.post(`/api/v1/sessions/${act.session}/cancel`, { reason: '不想办了' }), 403, null, 'a citizen');
    assertError(await vm.post(`/api/v1/sessions/${act.session}/cancel`, {}), 400, 'missing_field');
    let r = await vm.post(`/api/v1/sessions/${act.session}/cancel`, { reason: '场馆维修' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.bookings_cancelled, 2);
    for (const p of [b, c]) {
      const items = (await inbox(p.c)).items;
      assert.equal(items[0].kind, 'session.cancelled');
      assert.equal(items[0].params.reason, '场馆维修');
      const mine = await p.c.get('/api/v1/me/bookings');
      assert.ok(mine.json.items.filter((x) => x.session_id === act.session).every((x) => x.status === 'cancelled'));
    }
    const a = await anon.get(`/api/v1/activities/${act.id}`);
    assert.equal(a.json.sessions[0].status, 'cancelled');
    assert.equal(a.json.sessions[0].seats_left, a.json.sessions[0].capacity, 'the seats are free');
    assertError(await vm.post(`/api/v1/sessions/${act.session}/cancel`, { reason: '再来一次' }), 409, 'cancelled');
    assertError(await vm.patch(`/api/v1/sessions/${act.session}`, { capacity: 9 }), 409, 'cancelled');
    assertError(await people[0].c.post(`/api/v1/sessions/${act.session}/bookings`), 409, 'cancelled');
    const au = await admin.get(`/api/v1/audit?object_type=session&object_id=${act.session}`);
    assert.ok(au.json.items.some((e) => e.action === 'session.cancel' && e.reason === '场馆维修'), au.text);
  });

  it('the day-before reminder comes once per booking', async () => {
    const soon = await publish({ capacity: 5, startsIn: 3 * HOUR });
    const later = await publish({ capacity: 5, startsIn: 3 * DAY });
    const [a] = people;
    const bk = await book(a.c, soon.session, 'confirmed');
    await book(a.c, later.session, 'confirmed');
    const rem = await until('a reminder', async () => {
      const items = (await inbox(a.c, '?limit=100')).items.filter((n) => n.kind === 'session.reminder');
      return items.length ? items : null;
    });
    assert.equal(rem.length, 1);
    assert.equal(rem[0].booking_id, bk.id);
    assert.equal(rem[0].session_id, soon.session);
    await sleep(2500); // two more runs of the job thread
    const cli = runCli(['jobs', '--once', '--db', srv.db]);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    const again = (await inbox(a.c, '?limit=100')).items.filter((n) => n.kind === 'session.reminder');
    assert.equal(again.length, 1, 'one reminder per booking, ever');
  });

  it('the inbox pages with a cursor, counts unread, and marks read', async () => {
    const [a] = people;
    const all = await inbox(a.c, '?limit=100');
    assert.ok(all.items.length >= 4, JSON.stringify(all));
    for (let i = 1; i < all.items.length; i++) assert.ok(all.items[i - 1].id > all.items[i].id, 'newest first');
    const p1 = await inbox(a.c, '?limit=2');
    assert.equal(p1.items.length, 2);
    assert.ok(p1.next_cursor);
    const p2 = await inbox(a.c, `?limit=2&cursor=${p1.next_cursor}`);
    assert.equal(p2.items[0].id, all.items[2].id);
    assert.equal(all.unread, all.items.length);
    let r = await a.c.post('/api/v1/me/notifications/read', { ids: [all.items[0].id] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.marked, 1);
    assert.equal(r.json.unread, all.items.length - 1);
    // another person's notification is not in this inbox: nothing is marked
    const other = (await inbox(people[1].c)).items[0].id;
    r = await a.c.post('/api/v1/me/notifications/read', { ids: [other] });
    assert.equal(r.json.marked, 0);
    assert.equal((await inbox(people[1].c)).items[0].unread, true);
    assertError(await a.c.post('/api/v1/me/notifications/read', { ids: [] }), 400, 'bad_ids');
    assertError(await a.c.post('/api/v1/me/notifications/read', {}), 400, 'bad_ids');
    r = await a.c.post('/api/v1/me/notifications/read', { all: true });
    assert.equal(r.json.unread, 0);
    assert.equal((await anon.get('/api/v1/me/notifications')).status, 401);
  });

  it('the inbox page says what happened, in Chinese, with links', async () => {
    const [, b] = people;
    const r = await b.c.get('/me/inbox');
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /已取消/);
    assert.match(r.text, /候补/);
    assert.ok(r.text.includes(`href="/activities/${act.id}"`), 'links to the activity');
    const mb = await b.c.get('/me/bookings');
    assert.ok(mb.text.includes('href="/me/inbox"'), '/me/bookings links to the inbox');
  });

  it('the webhook gets every event signed, and an event again after answering 500', async () => {
    await until('the webhook deliveries', () => {
      const ok = got.filter((g) => g.status === 200).map((g) => g.headers['x-wenyun-event']);
      return ['booking.confirmed', 'booking.promoted', 'session.changed', 'session.cancelled', 'session.reminder']
        .every((k) => ok.includes(k));
    }, 20000);
    for (const g of got) {
      const want = 'sha256=' + createHmac('sha256', SECRET).update(g.body).digest('hex');
      assert.equal(g.headers['x-wenyun-signature'], want, 'HMAC-SHA256 of the body');
      const body = JSON.parse(g.body);
      assert.equal(body.event, g.headers['x-wenyun-event']);
      assert.match(g.headers['x-wenyun-delivery'], /^\d+$/);
      assert.equal(g.headers['content-type'], 'application/json');
      assert.equal(body.activity.division.slice(0, 4), '5104');
    }
    const first = got[0];
    assert.equal(first.status, 500);
    const retried = got.filter((g) => g.headers['x-wenyun-delivery'] === first.headers['x-wenyun-delivery']);
    assert.ok(retried.length >= 2, 'the event answered with 500 is sent again');
    assert.equal(retried[1].body, first.body, 'the same body');
    assert.equal(retried.at(-1).status, 200);
    const cancelled = got.find((g) => g.headers['x-wenyun-event'] === 'session.cancelled');
    assert.equal(JSON.parse(cancelled.body).params.reason, '场馆维修');
    // each event delivered once it succeeded: no delivery id is answered 200 twice
    const okIds = got.filter((g) => g.status === 200).map((g) => g.headers['x-wenyun-delivery']);
    assert.equal(new Set(okIds).size, okIds.length);
  });

  it('organisers change and cancel a session from the activity page; the inbox page marks all read', async () => {
    const p = await publish({ capacity: 2 });
    const [a] = people;
    await book(a.c, p.session, 'confirmed');
    const staff = new Client(srv.base, { useCookie: true });
    await staff.login(DEMO.venueManager.phone, DEMO.venueManager.password);
    const page = await staff.get(`/activities/${p.id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`action="/sessions/${p.session}/change"`), 'the change form');
    assert.ok(page.text.includes(`action="/sessions/${p.session}/cancel"`), 'the cancel form');
    const csrf = staff.jar.get('wy_csrf');
    assert.ok(csrf);
    const pub = await anon.get(`/activities/${p.id}`);
    assert.ok(!pub.text.includes('/change"'), 'no staff form for the public');
    const form = (o) => ({ body: new URLSearchParams({ _csrf: csrf, ...o }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    let r = await staff.request('POST', `/sessions/${p.session}/change`, form({ capacity: '0' }));
    assert.equal(r.status, 400, r.text);
    r = await staff.request('POST', `/sessions/${p.session}/change`, form({ capacity: '4' }));
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/activities/${p.id}?msg=session_updated`, 'a change of capacity tells nobody');
    assert.equal((await anon.get(`/api/v1/activities/${p.id}`)).json.sessions[0].capacity, 4);
    r = await staff.request('POST', `/sessions/${p.session}/cancel`, form({ reason: '天气原因' }));
    assert.equal(r.status, 303, r.text);
    assert.equal((await anon.get(`/api/v1/activities/${p.id}`)).json.sessions[0].status, 'cancelled');
    const items = (await inbox(a.c)).items;
    assert.equal(items[0].kind, 'session.cancelled');
    assert.equal(items[0].params.reason, '天气原因');
    // a citizen's inbox page: mark all read
    const cz = new Client(srv.base, { useCookie: true });
    await cz.login(a.phone, 'Notify2026pw');
    const ib = await cz.get('/me/inbox');
    assert.equal(ib.status, 200);
    assert.match(ib.text, /天气原因/);
    r = await cz.request('POST', '/me/inbox/read', { body: new URLSearchParams({ _csrf: cz.jar.get('wy_csrf') }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 303, r.text);
    assert.equal((await inbox(a.c)).unread, 0);
  });

  it('a published activity proposes only its description, audience and links; a draft changes all', async () => {
    const p = await publish({ capacity: 2 });
    let r = await vm.patch(`/api/v1/activities/${p.id}`, { title: '改个名字' });
    assertError(r, 409, 'published_locked');
    // the rest waits for review (tests/http/revisions.test.mjs): the public version stays
    r = await vm.patch(`/api/v1/activities/${p.id}`, { description: '新的介绍', live_url: 'https://live.example.org/1' });
    assert.equal(r.status, 202, r.text);
    assert.equal(r.json.description, '每月一次的社区读书会。');
    assert.equal(r.json.pending_revision.changes.description, '新的介绍');
    assert.equal(r.json.title, p.title);
    assertError(await citizen.patch(`/api/v1/activities/${p.id}`, { description: 'x' }), 403);
    assertError(await vm.patch(`/api/v1/activities/${p.id}`, { live_url: 'javascript:alert(1)' }), 400, 'bad_url');
    // a link goes somewhere: a host, and nothing that ends or hides the address; the error names the field
    for (const [field, url] of [['live_url', 'https://'], ['live_url', 'https:///live'], ['replay_url', 'http://?x=1'],
      ['replay_url', 'https://example.org/a b'], ['live_url', 'https://user@example.org/'], ['replay_url', 'https://example.org/\u0007']]) {
      r = await vm.patch(`/api/v1/activities/${p.id}`, { [field]: url });
      assertError(r, 400, 'bad_url', `${field}=${JSON.stringify(url)}`);
      assert.equal(r.json.error.field, field, r.text);
    }
    // a draft: every field
    const d = await vm.post('/api/v1/activities', {
      title: '草稿活动', category: 'lecture', division: '510402001', description: '草稿',
      sessions: [{ starts_at: iso(Date.now() + 5 * DAY), ends_at: iso(Date.now() + 5 * DAY + HOUR), capacity: 10 }],
    });
    assert.equal(d.status, 201, d.text);
    r = await vm.patch(`/api/v1/activities/${d.json.id}`, { title: '改好的草稿', category: 'film', waitlist: true, max_companions: 2 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.title, '改好的草稿');
    assert.equal(r.json.category, 'film');
    assert.equal(r.json.waitlist, true);
    assert.equal(r.json.max_companions, 2);
    assertError(await vm.patch(`/api/v1/activities/${d.json.id}`, { category: 'nonsense' }), 400, 'bad_category');
    assert.equal((await vm.post(`/api/v1/activities/${d.json.id}/submit`)).status, 200);
    assertError(await vm.patch(`/api/v1/activities/${d.json.id}`, { title: '审核中' }), 409, 'under_review');
    const au = await admin.get(`/api/v1/audit?object_type=activity&object_id=${d.json.id}`);
    assert.ok(au.json.items.some((e) => e.action === 'activity.update'), au.text);
  });

  it('stops at once while a webhook does not answer, and gives the event back', async () => {
    const r = await admin.post('/api/v1/webhooks', { url: hookUrl.replace('/hook', '/hang'), division: '510402' });
    assert.equal(r.status, 201, r.text);
    const p = await publish({ capacity: 3 });
    await book(people[2].c, p.session, 'confirmed');
    await until('the hanging delivery', () => hanging.length > 0);
    const t0 = Date.now();
    await srv.stop();
    assert.ok(Date.now() - t0 < 2500, `stopped in ${Date.now() - t0} ms`);
    assert.doesNotMatch(srv.logs(), /cannot give event/);
    cleanup(srv.dir);
    srv = null;
  });
});
