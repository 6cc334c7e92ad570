// The booking form of the activity page: it takes companions when the activity allows them;
// a refusal (the daily limit, a window not open yet) is said on the activity page in words,
// not as "please try again"; an organiser's change of capacity alone does not claim that
// everyone booked was told (only a change of time is sent to them).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, DEMO, loginAs, freshPhone, registerUser } from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('the booking form', () => {
  let srv, vm, rv1, rv2;

  async function publish(body) {
    const r = await vm.post('/api/v1/activities', {
      category: 'lecture', division: '510402001', description: '介绍', ...body,
    });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await vm.post(`/api/v1/activities/${id}/submit`)).status, 200);
    const q = await rv1.get('/api/v1/reviews?status=pending&limit=200');
    const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === id);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).json.status, 'published');
    return { id, sessions: r.json.sessions.map((s) => s.id) };
  }

  async function webUser() {
    const phone = freshPhone();
    const c = new Client(srv.base, { useCookie: true });
    await registerUser(srv, { phone, password: 'Form2026pw', name: '表单测试' });
    await c.login(phone, 'Form2026pw');
    return c;
  }

  const post = (c, path, fields) => c.request('POST', path, {
    body: new URLSearchParams({ _csrf: c.jar.get('wy_csrf'), ...fields }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });

  before(async () => {
    srv = await startServer({
      config: {
        auth: { password_memlimit_kib: 8, password_opslimit: 1 },
        booking: { max_people_per_day: 3 },
      },
    });
    [vm, rv1, rv2] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
    ]);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('takes companions where allowed, and says the daily limit on the page', async () => {
    const now = Date.now();
    const a = await publish({
      title: '亲子阅读会', max_companions: 2,
      sessions: [0, 1].map((k) => ({ starts_at: iso(now + (2 + k) * DAY), ends_at: iso(now + (2 + k) * DAY + HOUR), capacity: 30 })),
    });
    const solo = await publish({
      title: '独自聆听讲座',
      sessions: [{ starts_at: iso(now + 4 * DAY), ends_at: iso(now + 4 * DAY + HOUR), capacity: 30 }],
    });
    const c = await webUser();
    const page = await c.get(`/activities/${a.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /name="companion1"/);
    assert.match(page.text, /name="companion2"/);
    assert.doesNotMatch(page.text, /name="companion3"/);
    assert.doesNotMatch((await c.get(`/activities/${solo.id}`)).text, /name="companion1"/, 'no companions where none are taken');

    // two people: the booker and 张小明
    let r = await post(c, `/sessions/${a.sessions[0]}/book`, { companion1: '张小明', companion2: '' });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), '/me/bookings?msg=booked');
    const mine = await c.get('/api/v1/me/bookings');
    const b = mine.json.items.find((x) => x.session_id === a.sessions[0]);
    assert.ok(b, mine.text);
    assert.equal(b.seats, 2);

    // three more would pass the daily limit of 3 people: said on the activity page
    r = await post(c, `/sessions/${a.sessions[1]}/book`, { companion1: '李四', companion2: '王五' });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/activities/${a.id}?msg=daily_limit`);
    const shown = await c.get(r.headers.get('location'));
    assert.match(shown.text, /class="form-error" role="alert" id="flash">您今日预约的人数已达单个账号的上限。/);
    assert.doesNotMatch(shown.text, /请重试|try again/);
    // too many companions for the activity: said too
    r = await post(c, `/sessions/${solo.sessions[0]}/book`, { companion1: '李四' });
    assert.equal(r.headers.get('location'), `/activities/${solo.id}?msg=too_many_companions`);
  });

  it('a window not open yet is said on the page', async () => {
    const now = Date.now();
    const a = await publish({
      title: '稍后开放的讲座',
      sessions: [{ starts_at: iso(now + 9 * DAY), ends_at: iso(now + 9 * DAY + HOUR), capacity: 30, booking_opens_at: iso(now + 5 * DAY) }],
    });
    const c = await webUser();
    const r = await post(c, `/sessions/${a.sessions[0]}/book`, {});
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/activities/${a.id}?msg=not_open`);
    assert.match((await c.get(r.headers.get('location'))).text, /id="flash">该场次尚未开放预约。/);
  });

  it('a change of capacity alone does not say that everyone was told', async () => {
    const now = Date.now();
    const a = await publish({
      title: '扩容测试讲座',
      sessions: [{ starts_at: iso(now + 6 * DAY), ends_at: iso(now + 6 * DAY + HOUR), capacity: 5 }],
    });
    const staff = new Client(srv.base, { useCookie: true });
    await staff.login(DEMO.venueManager.phone, DEMO.venueManager.password);
    const s = (await staff.get(`/api/v1/activities/${a.id}`)).json.sessions[0];
    // the form sends the times as they are, and a new capacity
    let r = await post(staff, `/sessions/${s.id}/change`, { starts_at: s.starts_at, ends_at: s.ends_at, capacity: '8' });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/activities/${a.id}?msg=session_updated`);
    const p = await staff.get(r.headers.get('location'));
    assert.match(p.text, /id="flash">场次已修改。</);
    assert.doesNotMatch(p.text, /已通知/);
    // a new time is sent to everyone booked, and the flash says so
    r = await post(staff, `/sessions/${s.id}/change`, { starts_at: iso(Date.parse(s.starts_at) + HOUR), ends_at: iso(Date.parse(s.ends_at) + HOUR) });
    assert.equal(r.headers.get('location'), `/activities/${a.id}?msg=session_changed`);
  });
});
