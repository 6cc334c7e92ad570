// The points supermarket (积分超市) through the API and the pages (src/mod/rewards/,
// docs/rewards.md): the demo's catalogue of 东区 with what is left, a volunteer's points and
// statement, a crowd redeeming the last pieces of an item through the seats writer (never
// oversold, the points taken only from those who got one, insufficient_points for the poor),
// gifts, cancelling and collecting by the code, a staff reversal, the auditor's reconciliation
// (the route and `wenyun rewards reconcile`), and the pages in Chinese; a priority booking
// window honoured by the activities' booking (held, refunded, told on the activity's page),
// points awarded to the volunteers checked in at a session (the API and the staff form), and a
// course place that enrols its holder, a refusal of the courses spending nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, freshPhone, cleanup, runCli } from './lib.mjs';

const PASSWORD = 'Volunteer2026pw';
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' }; // volunteer_coordinator 510402
const VOL1 = { phone: '13800002001', password: 'Demo2026zy' }; // 200 points awarded, 50 redeemed

describe('rewards', () => {
  let srv, admin, coord, vol1, anon, org;

  /** A new volunteer of 大渡口街道 with points (0: none). */
  async function volunteer(points) {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '志愿者', role: 'citizen', division: '510402001' });
    assert.equal(r.status, 201, r.text);
    const c = await loginAs(srv.base, { phone, password: PASSWORD });
    const v = await c.post('/api/v1/volunteers', { real_name: '王志愿', birth_date: '1990-01-01', skills: ['guide'], areas: ['510402001'] });
    assert.equal(v.status, 201, v.text);
    c.id = r.json.id;
    c.phone = phone;
    if (points) {
      const a = await coord.post('/api/v1/points/awards', { org_id: org, amount: points, reason: '服务主题讲座', user_ids: [c.id] });
      assert.equal(a.status, 201, a.text);
    }
    return c;
  }

  const balance = async (c) => (await c.get('/api/v1/me/points')).json.balance;

  const HOUR = 3600 * 1000;
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

  /** An activity of 510402001 published through the review chain; its sessions' ids. */
  async function publishActivity(sessions) {
    const [vm, rv1, rv2] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
    ]);
    const r = await vm.post('/api/v1/activities', {
      title: `积分优先讲座 ${Date.now() % 100000}`, category: 'lecture', division: '510402001',
      description: '大渡口街道文化站主题讲座。', waitlist: false, sessions,
    });
    assert.equal(r.status, 201, r.text);
    assert.equal((await vm.post(`/api/v1/activities/${r.json.id}/submit`)).status, 200);
    for (const rv of [rv1, rv2]) {
      const q = await rv.get('/api/v1/reviews?status=pending');
      const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === r.json.id);
      assert.ok(item, q.text);
      assert.equal((await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    }
    const a = await anon.get(`/api/v1/activities/${r.json.id}`);
    assert.equal(a.json.status, 'published', a.text);
    return { id: r.json.id, sessions: a.json.sessions.map((x) => x.id), vm };
  }

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, coord, vol1] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, COORDINATOR),
      loginAs(srv.base, VOL1),
    ]);
    anon = new Client(srv.base);
    const orgs = await anon.get('/api/v1/volunteer-organisations?division=510402');
    org = orgs.json.items.find((o) => o.name === '东区文化志愿者协会').id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('anyone reads the demo catalogue of 东区 with what is left', async () => {
    const r = await anon.get('/api/v1/rewards?division=510402');
    assert.equal(r.status, 200, r.text);
    const ticket = r.json.items.find((i) => i.kind === 'ticket');
    assert.ok(ticket, r.text);
    assert.equal(ticket.org_name, '东区文化志愿者协会');
    assert.equal(ticket.remaining, ticket.stock - 1); // the demo's one redemption
    assert.deepEqual(new Set(r.json.items.map((i) => i.kind)), new Set(['ticket', 'book', 'course_place', 'priority_booking']));
    assert.equal((await anon.get(`/api/v1/rewards/${ticket.id}`)).json.title, ticket.title);
    assertError(await anon.get('/api/v1/rewards/999999'), 404, 'not_found');
  });

  it('a course place enrols its holder through the seats writer; a refusal of the courses spends nothing', async () => {
    // the demo's open first-come courses of 东区 that a resident of 大渡口街道 aged 36 may take
    const q = await anon.get('/api/v1/courses?division=510402&limit=100');
    assert.equal(q.status, 200, q.text);
    const open = q.json.items.filter((k) => k.enrolment === 'first_come' && k.status === 'published' && !k.staff_only
      && k.age_min === null && k.age_max === null && (!k.residence || '510402001'.startsWith(k.residence)));
    const v = await volunteer(100);
    let item, course, r;
    for (const k of open) {
      const c = await coord.post('/api/v1/rewards', { org_id: org, title: `课程名额 ${k.id}`, kind: 'course_place', cost: 30, stock: 5, course_id: k.id });
      assert.equal(c.status, 201, c.text);
      assert.equal(c.json.course_id, k.id);
      r = await v.post(`/api/v1/rewards/${c.json.id}/redemptions`, {});
      if (r.status === 201) { item = c.json; course = k; break; }
      assert.equal(await balance(v), 100, `a refusal (${r.text}) spends nothing`);
    }
    assert.ok(item, 'an open first-come course of the demo takes the volunteer');
    assert.ok(r.json.enrolment_id > 0, r.text);
    assert.equal(await balance(v), 70);
    const mine = await v.get('/api/v1/me/redemptions');
    assert.equal(mine.json.items.find((x) => x.id === r.json.id).enrolment_id, r.json.enrolment_id);
    assertError(await v.post(`/api/v1/redemptions/${r.json.id}/cancel`, {}), 409, 'enrolled');
    // a second item of the same course: the holder has a place already
    const again = await coord.post('/api/v1/rewards', { org_id: org, title: `课程名额二 ${course.id}`, kind: 'course_place', cost: 30, stock: 5, course_id: course.id });
    assertError(await v.post(`/api/v1/rewards/${again.json.id}/redemptions`, {}), 409, 'duplicate');
    assert.equal(await balance(v), 70);
    assert.equal((await anon.get(`/api/v1/rewards/${again.json.id}`)).json.remaining, 5);
    // only a course place names a course
    assertError(await coord.post('/api/v1/rewards', { org_id: org, title: '图书', kind: 'book', cost: 30, stock: 5, course_id: course.id }), 400, 'bad_course');
  });

  it('a volunteer reads their balance and statement, and their redemption with its code', async () => {
    const r = await vol1.get('/api/v1/me/points');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.balance, 150);
    assert.deepEqual(r.json.items.map((e) => [e.kind, e.amount]), [['redeem', -50], ['award', 200]]);
    assert.equal(r.json.items[1].unit, '东区文化志愿者协会');
    const red = await vol1.get('/api/v1/me/redemptions');
    assert.equal(red.json.items.length, 1);
    assert.equal(red.json.items[0].status, 'confirmed');
    assert.match(red.json.items[0].code, /^[2-9A-HJ-NP-Z]{10}$/);
    assertError(await anon.get('/api/v1/me/points'), 401);
  });

  it('a crowd redeems the last pieces: never oversold, points taken only from the winners', async () => {
    const item = await coord.post('/api/v1/rewards', { org_id: org, title: '剧场演出门票', kind: 'ticket', cost: 40, stock: 3, place: '文化馆服务台' });
    assert.equal(item.status, 201, item.text);
    const citizen = await loginAs(srv.base, DEMO.citizen);
    assertError(await citizen.post('/api/v1/rewards', { org_id: org, title: 'x', kind: 'book', cost: 1, stock: 1 }), 403, 'forbidden');
    const crowd = await Promise.all(Array.from({ length: 12 }, () => volunteer(50)));
    const rs = await Promise.all(crowd.map((c) => c.post(`/api/v1/rewards/${item.json.id}/redemptions`)));
    const won = rs.filter((r) => r.status === 201);
    assert.equal(won.length, 3, rs.map((r) => r.status).join(' '));
    for (const r of rs.filter((x) => x.status !== 201)) assertError(r, 409, 'sold_out');
    const left = await anon.get(`/api/v1/rewards/${item.json.id}`);
    assert.equal(left.json.remaining, 0);
    const balances = await Promise.all(crowd.map(balance));
    assert.equal(balances.filter((b) => b === 10).length, 3);
    assert.equal(balances.filter((b) => b === 50).length, 9);
    // too poor: refused, nothing taken
    const poor = await volunteer(10);
    const cheap = await coord.post('/api/v1/rewards', { org_id: org, title: '图书一册', kind: 'book', cost: 20, stock: 5 });
    assertError(await poor.post(`/api/v1/rewards/${cheap.json.id}/redemptions`), 422, 'insufficient_points');
    assert.equal(await balance(poor), 10);
    assert.equal((await anon.get(`/api/v1/rewards/${cheap.json.id}`)).json.remaining, 5);
    // one live redemption per person and item
    const rich = await volunteer(100);
    assert.equal((await rich.post(`/api/v1/rewards/${cheap.json.id}/redemptions`)).status, 201);
    assertError(await rich.post(`/api/v1/rewards/${cheap.json.id}/redemptions`), 409, 'duplicate');
    // Idempotency-Key: a retry gets the first answer (200) and spends nothing more, even 3 at once
    const careful = await volunteer(100);
    const idem = (key) => ({ headers: { 'Idempotency-Key': key } });
    const first = await careful.post(`/api/v1/rewards/${cheap.json.id}/redemptions`, {}, idem('r-1'));
    assert.equal(first.status, 201, first.text);
    const retries = await Promise.all([1, 2, 3].map(() => careful.post(`/api/v1/rewards/${cheap.json.id}/redemptions`, {}, idem('r-1'))));
    for (const r of retries) {
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.id, first.json.id);
      assert.equal(r.json.code, first.json.code);
    }
    assert.equal(await balance(careful), 80);
    assertError(await careful.post(`/api/v1/rewards/${item.json.id}/redemptions`, {}, idem('r-1')), 422, 'idempotency_key_reused');
    assertError(await careful.post(`/api/v1/rewards/${cheap.json.id}/redemptions`, {}, idem('k'.repeat(65))), 400, 'bad_idempotency_key');
    assert.equal(await balance(careful), 80);
  });

  it('gifts, cancelling, collecting by the code, a staff reversal, and the reconciliation', async () => {
    const a = await volunteer(100), b = await volunteer(0);
    let r = await a.post('/api/v1/me/points/gifts', { to_phone: b.phone, amount: 30 });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.amount, -30);
    assert.equal(await balance(a), 70);
    assert.equal(await balance(b), 30);
    assertError(await a.post('/api/v1/me/points/gifts', { to_phone: b.phone, amount: 600 }), 400, 'bad_amount');
    assertError(await b.post('/api/v1/me/points/gifts', { to_phone: a.phone, amount: 31 }), 422, 'insufficient_points');
    assertError(await a.post('/api/v1/me/points/gifts', { to_phone: a.phone, amount: 1 }), 422, 'self_gift');

    const item = await coord.post('/api/v1/rewards', { org_id: org, title: '书法课名额', kind: 'course_place', cost: 25, stock: 2 });
    const red = await a.post(`/api/v1/rewards/${item.json.id}/redemptions`);
    assert.equal(red.status, 201, red.text);
    assert.equal(await balance(a), 45);
    assertError(await b.post(`/api/v1/redemptions/${red.json.id}/cancel`), 404, 'not_found');
    r = await a.post(`/api/v1/redemptions/${red.json.id}/cancel`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'cancelled');
    assert.equal(await balance(a), 70);
    assert.equal((await anon.get(`/api/v1/rewards/${item.json.id}`)).json.remaining, 2);
    const st = (await a.get('/api/v1/me/points')).json.items;
    assert.deepEqual(st.slice(0, 2).map((e) => [e.kind, e.amount]), [['refund', 25], ['redeem', -25]]);

    const red2 = await b.post(`/api/v1/rewards/${item.json.id}/redemptions`);
    assert.equal(red2.status, 201, red2.text);
    assertError(await b.post('/api/v1/redemptions/collect', { code: red2.json.code }), 403, 'forbidden');
    r = await coord.post('/api/v1/redemptions/collect', { code: red2.json.code });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'collected');
    assertError(await coord.post('/api/v1/redemptions/collect', { code: red2.json.code }), 409, 'bad_state');
    assertError(await b.post(`/api/v1/redemptions/${red2.json.id}/cancel`), 409, 'bad_state');

    // a reversal of the award to a, by staff with a reason
    const award = st.find((e) => e.kind === 'award');
    assertError(await a.post(`/api/v1/points/entries/${award.id}/reverse`, { reason: '自己撤销' }), 403);
    r = await coord.post(`/api/v1/points/entries/${award.id}/reverse`, { reason: '重复登记' });
    assertError(r, 422, 'insufficient_points'); // a has 70 of the 100 left
    const c = await volunteer(20);
    const cAward = (await c.get('/api/v1/me/points')).json.items[0];
    r = await coord.post(`/api/v1/points/entries/${cAward.id}/reverse`, { reason: '重复登记' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.reverses, cAward.id);
    assert.equal(await balance(c), 0);
    assertError(await coord.post(`/api/v1/points/entries/${cAward.id}/reverse`, { reason: '重复登记' }), 409, 'not_reversible');

    // the auditors' reconciliation: the route and the command line
    assertError(await a.get('/api/v1/points/reconcile'), 403);
    r = await admin.get('/api/v1/points/reconcile');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.ok, true);
    assert.ok(r.json.entries > 20 && r.json.accounts > 20, r.text);
    const cli = runCli(['rewards', 'reconcile', '--db', srv.db]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /^result: ok$/m);
    assert.match(cli.stdout, /^entries: \d+$/m);
  });

  it('the pages: the catalogue, my points with the gift form, my redemptions, the staff page', async () => {
    const web = new Client(srv.base, { useCookie: true });
    await web.login(VOL1.phone, VOL1.password);
    await web.csrfToken();
    const post = (c, path, fields) => c.request('POST', path, {
      body: new URLSearchParams({ _csrf: c.jar.get('wy_csrf'), ...fields }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    let p = await anon.get('/rewards');
    assert.equal(p.status, 200);
    assert.match(p.text, /<h1>积分超市<\/h1>/);
    assert.match(p.text, /攀枝花市文化馆周末惠民演出门票/);
    assert.doesNotMatch(p.text, /action="\/rewards\/\d+\/redeem"/, 'no redeem button without a login');
    p = await web.get('/rewards');
    // the demo's ticket is redeemed already: the last item of the page (a priority booking)
    const m = [...p.text.matchAll(/action="\/rewards\/(\d+)\/redeem"/g)].pop();
    assert.ok(m, 'a redeem button for the volunteer');
    const before = await balance(web);
    p = await post(web, `/rewards/${m[1]}/redeem`, {});
    assert.equal(p.status, 303, p.text.slice(0, 300));
    assert.equal(p.headers.get('location'), '/me/redemptions');
    assert.ok((await balance(web)) < before);
    p = await web.get('/me/redemptions');
    assert.equal(p.status, 200);
    assert.match(p.text, /<h1>我的兑换<\/h1>/);
    assert.match(p.text, /class="code">[2-9A-HJ-NP-Z]{10}</);
    p = await web.get('/me/points');
    assert.match(p.text, /<h1>我的积分<\/h1>/);
    assert.match(p.text, /id="gift-form"/);
    assert.match(p.text, /id="statement"/);
    // an empty state
    const fresh = await volunteer(0);
    p = await fresh.get('/me/redemptions');
    assert.match(p.text, /class="empty"/);
    // the staff's page: publish an item, mark one collected
    const staff = new Client(srv.base, { useCookie: true });
    await staff.login(COORDINATOR.phone, COORDINATOR.password);
    await staff.csrfToken();
    p = await staff.get('/admin/rewards');
    assert.equal(p.status, 200);
    assert.match(p.text, /id="item-form"/);
    p = await post(staff, '/admin/rewards/items', { org_id: String(org), title: '非遗展览导览', kind: 'other', cost: '10', stock: '4', place: '文化馆', description: '' });
    assert.equal(p.status, 303, p.text.slice(0, 300));
    assert.ok((await anon.get('/api/v1/rewards?division=510402&limit=100')).json.items.some((i) => i.title === '非遗展览导览'));
    const code = (await vol1.get('/api/v1/me/redemptions')).json.items.find((x) => x.status === 'confirmed').code;
    p = await post(staff, '/admin/rewards/collect', { code });
    assert.equal(p.status, 303, p.text.slice(0, 300));
    assert.equal((await anon.get('/admin/rewards')).status, 303);
  });

  it('a priority booking window opens the activity early for its holders, and a refund takes it back', async () => {
    const now = Date.now();
    const opens = Math.floor((now + 10 * HOUR) / 1000) * 1000; // whole seconds, as the API says it
    const { id, sessions: [sid] } = await publishActivity([{
      starts_at: iso(now + 48 * HOUR), ends_at: iso(now + 50 * HOUR), capacity: 20, booking_opens_at: iso(opens),
    }]);
    // a window names its activity and its hours
    const item = { org_id: org, title: '讲座优先预约', description: '', kind: 'priority_booking', cost: 10, stock: 5, place: '' };
    assertError(await coord.post('/api/v1/rewards', item), 400, 'bad_activity');
    assertError(await coord.post('/api/v1/rewards', { ...item, activity_id: id, priority_hours: 0 }), 400, 'bad_hours');
    assertError(await coord.post('/api/v1/rewards', { ...item, kind: 'book', activity_id: id, priority_hours: 12 }), 400, 'bad_activity');
    const r = await coord.post('/api/v1/rewards', { ...item, activity_id: id, priority_hours: 12 });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.activity_id, id);
    assert.equal(r.json.priority_hours, 12);
    const [holder, other, refunded] = await Promise.all([volunteer(50), volunteer(50), volunteer(50)]);
    // nobody books 10 hours before the opening, but a holder of 12 hours does
    assertError(await holder.post(`/api/v1/sessions/${sid}/bookings`), 409, 'not_open');
    assert.equal((await holder.post(`/api/v1/rewards/${r.json.id}/redemptions`)).status, 201);
    const b = await holder.post(`/api/v1/sessions/${sid}/bookings`);
    assert.equal(b.status, 201, b.text);
    assert.equal(b.json.status, 'confirmed');
    const refused = await other.post(`/api/v1/sessions/${sid}/bookings`);
    assertError(refused, 409, 'not_open');
    assert.equal(Date.parse(refused.json.error.opens_at), opens);
    // a cancelled (refunded) redemption holds nothing
    const red = await refunded.post(`/api/v1/rewards/${r.json.id}/redemptions`);
    assert.equal(red.status, 201, red.text);
    assert.equal((await refunded.post(`/api/v1/redemptions/${red.json.id}/cancel`)).status, 200);
    assertError(await refunded.post(`/api/v1/sessions/${sid}/bookings`), 409, 'not_open');
    // the activity's page tells the holder, not the others
    const web = new Client(srv.base, { useCookie: true });
    await web.login(holder.phone, PASSWORD);
    let p = await web.get(`/activities/${id}`);
    assert.equal(p.status, 200);
    assert.match(p.text, /你持有优先预约权，可提前 12 小时预约/);
    const web2 = new Client(srv.base, { useCookie: true });
    await web2.login(other.phone, PASSWORD);
    p = await web2.get(`/activities/${id}`);
    assert.doesNotMatch(p.text, /优先预约权/);
    assert.doesNotMatch(p.text, new RegExp(`action="/sessions/${sid}/book"`));
    // the catalogue says what the window opens
    p = await anon.get('/rewards?limit=100');
    assert.match(p.text, /可在开放预约前 12 小时预约/);
  });

  it('points for attending a session: the volunteers checked in, once per session', async () => {
    const now = Date.now();
    const { sessions: [sid, empty], vm } = await publishActivity([
      { starts_at: iso(now + 30 * 60000), ends_at: iso(now + 150 * 60000), capacity: 20 },
      { starts_at: iso(now + 40 * 60000), ends_at: iso(now + 160 * 60000), capacity: 20 },
    ]);
    const [came, away] = await Promise.all([volunteer(0), volunteer(0)]);
    const citizen = await loginAs(srv.base, DEMO.citizen);
    const codes = [];
    for (const c of [came, away, citizen]) {
      const b = await c.post(`/api/v1/sessions/${sid}/bookings`);
      assert.equal(b.status, 201, b.text);
      codes.push(b.json.code);
    }
    for (const code of [codes[0], codes[2]]) assert.equal((await vm.post('/api/v1/checkins', { code, session_id: sid })).status, 200);
    const award = { org_id: org, amount: 15, reason: '参加主题讲座' };
    assertError(await vol1.post('/api/v1/points/awards', { ...award, session_id: sid }), 403, 'forbidden');
    assertError(await coord.post('/api/v1/points/awards', { ...award, session_id: sid, user_ids: [came.id] }), 400, 'bad_users');
    assertError(await coord.post('/api/v1/points/awards', { ...award, session_id: 999999 }), 400, 'unknown_session');
    assertError(await coord.post('/api/v1/points/awards', { ...award, session_id: empty }), 422, 'nobody_attended');
    const r = await coord.post('/api/v1/points/awards', { ...award, session_id: sid });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.people, 1);
    assert.equal(r.json.session_id, sid);
    assert.equal(await balance(came), 15);
    assert.equal(await balance(away), 0);
    assertError(await coord.post('/api/v1/points/awards', { ...award, session_id: sid }), 409, 'already_awarded');
    assert.equal(await balance(came), 15);
    // the staff form: the same rule
    const staff = new Client(srv.base, { useCookie: true });
    await staff.login(COORDINATOR.phone, COORDINATOR.password);
    await staff.csrfToken();
    let p = await staff.get('/admin/rewards');
    assert.match(p.text, /id="award-form"/);
    assert.match(p.text, /按场次签到发放积分/);
    const post = (fields) => staff.request('POST', '/admin/rewards/awards', {
      body: new URLSearchParams({ _csrf: staff.jar.get('wy_csrf'), ...fields }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal((await vm.post('/api/v1/checkins', { code: codes[1], session_id: sid })).status, 200);
    p = await post({ org_id: String(org), session_id: String(sid), amount: '5', reason: '讲座签到' });
    assert.equal(p.status, 409, 'the session was awarded through the API');
    assert.equal(await balance(away), 0);
    const third = await volunteer(0);
    const b = await third.post(`/api/v1/sessions/${empty}/bookings`);
    assert.equal((await vm.post('/api/v1/checkins', { code: b.json.code, session_id: empty })).status, 200);
    p = await post({ org_id: String(org), session_id: String(empty), amount: '5', reason: '讲座签到' });
    assert.equal(p.status, 303, p.text.slice(0, 300));
    p = await staff.get(p.headers.get('location'));
    assert.match(p.text, /已为 1 名志愿者发放积分/);
    assert.equal(await balance(third), 5);
  });
});
