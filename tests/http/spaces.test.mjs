// Space booking (场地预约) over HTTP: staff add rooms and street culture stations; a group
// requests one for a time range with its programme report (节目报备), once or weekly; staff of
// the space's district approve or reject; an approval that overlaps an approved booking is
// refused with the conflicting time (touching is fine), also when two approvals race, on one
// server or two; the applicant cancels; the public schedule and other people see no personal
// data; the pages work with CSRF-protected forms.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, loginAs, assertError, DEMO, Client, registerUser } from './lib.mjs';

const DAY = 24 * 3600 * 1000;
/** The local (UTC+8) date n days from now, "YYYY-MM-DD". */
const dayAhead = (n) => new Date(Date.now() + 8 * 3600 * 1000 + n * DAY).toISOString().slice(0, 10);
const at = (day, hhmm) => `${day}T${hhmm}:00+08:00`;
const programme = (title = '街舞展演') => ({ title, description: '街舞团队展演与互动教学', performers: 12, audience: 80 });

describe('space booking', () => {
  let srv, srv2, anon, district, vm, citizen, other, west;
  let station; // a street station of 大渡口街道 (510402001), made here
  let seq = 10; // each test books its own day(s), 10+ days ahead (the demo books the next weekend)
  const nextDay = () => dayAhead(seq++);

  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
    district = await loginAs(srv.base, DEMO.districtAdmin); // 东区 510402
    vm = await loginAs(srv.base, DEMO.venueManager); // 大渡口街道 510402001, no accounts_read
    citizen = await loginAs(srv.base, DEMO.citizen);
    const city = await loginAs(srv.base, DEMO.cityAdmin);
    // a second citizen, and the district admin of 西区 (510403)
    await registerUser(srv, { phone: '18612340001', password: 'Other2026pw', name: '李四' });
    other = await loginAs(srv.base, { phone: '18612340001', password: 'Other2026pw' });
    const r2 = await city.post('/api/v1/accounts', {
      phone: '13912340002', password: 'West2026adm', name: '西区管理员', role: 'district_admin', division: '510403',
    });
    assert.equal(r2.status, 201, r2.text);
    west = await loginAs(srv.base, { phone: '13912340002', password: 'West2026adm' });
    const s = await district.post('/api/v1/spaces', {
      kind: 'street_station', name: '滨江街头文化站', division: '510402001', address: '滨江广场',
      lon: 101.726, lat: 26.578, capacity: 150, equipment: '折叠舞台、音响', opens: '08:00', closes: '22:00', max_minutes: 180,
    });
    assert.equal(s.status, 201, s.text);
    station = s.json;
  });
  after(async () => {
    await srv2?.stop();
    await srv?.stop();
  });

  const book = (c, day, from, to, extra = {}) => c.post(`/api/v1/spaces/${station.id}/bookings`, {
    starts_at: at(day, from), ends_at: at(day, to), group_name: '阳光街舞社', programme: programme(), ...extra,
  });
  const decide = (c, id, body) => c.post(`/api/v1/space-bookings/${id}/decision`, body);

  it('lists spaces (the demo ones too), filters them, and keeps them to staff of the division', async () => {
    assert.equal(station.kind, 'street_station');
    assert.equal(station.division, '510402001');
    assert.equal(station.opens, '08:00');
    assert.equal(station.max_minutes, 180);
    const all = await anon.get('/api/v1/spaces?division=510402');
    assert.equal(all.status, 200, all.text);
    assert.ok(all.json.items.length >= 5, all.text); // four demo spaces and this one
    const rooms = await anon.get('/api/v1/spaces?kind=room');
    assert.ok(rooms.json.items.length >= 2 && rooms.json.items.every((s) => s.kind === 'room' && s.venue_id));
    const venueId = rooms.json.items[0].venue_id;
    const ofVenue = await anon.get(`/api/v1/spaces?venue_id=${venueId}`);
    assert.ok(ofVenue.json.items.every((s) => s.venue_id === venueId && s.venue_name));
    assertError(await anon.get('/api/v1/spaces?kind=stage'), 400, 'bad_kind');
    // a room takes its venue's division; without a venue it is refused
    const room = await district.post('/api/v1/spaces', { kind: 'room', name: '排练厅二', venue_id: venueId, capacity: 40 });
    assert.equal(room.status, 201, room.text);
    assert.equal(room.json.division, rooms.json.items[0].division);
    assertError(await district.post('/api/v1/spaces', { kind: 'room', name: '无馆之室' }), 400, 'venue_required');
    assertError(await district.post('/api/v1/spaces', { kind: 'street_station', name: 'x', division: '510402', opens: '9am' }), 400, 'bad_hours');
    // scope: the citizen may not add; 西区's admin may not add in 东区 nor edit this station
    assertError(await citizen.post('/api/v1/spaces', { kind: 'street_station', name: 'x', division: '510402' }), 403);
    assertError(await west.post('/api/v1/spaces', { kind: 'street_station', name: 'x', division: '510402' }), 403, 'forbidden');
    assertError(await west.patch(`/api/v1/spaces/${station.id}`, { capacity: 10 }), 403, 'forbidden');
    const p = await vm.patch(`/api/v1/spaces/${room.json.id}`, { equipment: '音响' });
    assertError(p, 403, 'forbidden'); // the room is in 510402, above the venue manager's town
    const q = await vm.patch(`/api/v1/spaces/${station.id}`, { equipment: '折叠舞台、音响、遮阳棚' });
    assert.equal(q.status, 200, q.text);
    assert.equal(q.json.equipment, '折叠舞台、音响、遮阳棚');
    assert.equal(q.json.name, '滨江街头文化站');
    const g = await anon.get(`/api/v1/spaces/${station.id}`);
    assert.equal(g.json.equipment, '折叠舞台、音响、遮阳棚');
    assertError(await anon.get('/api/v1/spaces/999999'), 404, 'not_found');
  });

  it('checks the request: times, hours, length, the programme, logged in', async () => {
    const day = nextDay();
    assertError(await anon.post(`/api/v1/spaces/${station.id}/bookings`, {}), 401);
    assertError(await book(citizen, day, '12:00', '10:00'), 400, 'bad_time');
    assertError(await book(citizen, day, '07:00', '09:00'), 422, 'outside_hours');
    assertError(await book(citizen, day, '21:00', '23:00'), 422, 'outside_hours');
    assertError(await book(citizen, day, '10:00', '14:00'), 422, 'too_long');
    assertError(await book(citizen, dayAhead(-2), '10:00', '11:00'), 422, 'in_past');
    assertError(await book(citizen, dayAhead(200), '10:00', '11:00'), 422, 'too_far_ahead');
    assertError(await book(citizen, day, '10:00', '11:00', { starts_at: '明天上午' }), 400, 'bad_time');
    assertError(await book(citizen, day, '10:00', '11:00', { repeat_weeks: 27 }), 400, 'bad_repeat');
    assertError(await book(citizen, day, '10:00', '11:00', { group_name: '' }), 400, 'bad_group_name');
    assertError(await book(citizen, day, '10:00', '11:00', { programme: undefined }), 400, 'missing_field');
    assertError(await book(citizen, day, '10:00', '11:00', { programme: { title: '节目', performers: 0 } }), 400, 'bad_performers');
    assertError(await citizen.post('/api/v1/spaces/999999/bookings', {
      starts_at: at(day, '10:00'), ends_at: at(day, '11:00'), group_name: 'x', programme: programme(),
    }), 404);
    const none = await citizen.get('/api/v1/me/space-bookings');
    assert.ok(none.json.items.every((b) => !b.starts_at.startsWith(day)), 'nothing was written');
  });

  it('requests, approves, refuses an overlapping approval with the conflicting time, allows touching', async () => {
    const day = nextDay();
    const a = await book(citizen, day, '10:00', '12:00');
    assert.equal(a.status, 201, a.text);
    assert.equal(a.json.status, 'pending');
    assert.equal(a.json.series_id, null);
    assert.equal(a.json.bookings[0].contact, DEMO.citizen.phone); // the applicant's own number
    const b = await book(other, day, '11:00', '13:00', { contact: '0812-3334444' }); // pending may overlap
    assert.equal(b.status, 201, b.text);
    const c = await book(other, day, '12:00', '14:00');
    assert.equal(c.status, 201, c.text);
    // who may decide: not a citizen, not another district's admin
    assertError(await decide(citizen, a.json.id, { decision: 'approve' }), 403);
    assertError(await decide(west, a.json.id, { decision: 'approve' }), 403, 'forbidden');
    assertError(await decide(vm, a.json.id, { decision: 'maybe' }), 400, 'bad_decision');
    const ok = await decide(vm, a.json.id, { decision: 'approve' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.status, 'approved');
    const clash = await decide(vm, b.json.id, { decision: 'approve' });
    assertError(clash, 409, 'overlap');
    assert.equal(clash.json.error.conflict.id, a.json.id);
    assert.equal(clash.json.error.conflict.starts_at, at(day, '10:00'));
    assert.equal(clash.json.error.conflict.ends_at, at(day, '12:00'));
    assert.ok(clash.json.error.message.includes(at(day, '10:00')), clash.json.error.message);
    const touch = await decide(district, c.json.id, { decision: 'approve' });
    assert.equal(touch.status, 200, touch.text); // 12:00 is when a ends
    assertError(await decide(district, c.json.id, { decision: 'approve' }), 409, 'bad_state');
    // a rejection needs a reason; the applicant sees it
    assertError(await decide(vm, b.json.id, { decision: 'reject' }), 400, 'reason_required');
    const rj = await decide(vm, b.json.id, { decision: 'reject', reason: '该时段已有演出' });
    assert.equal(rj.status, 200, rj.text);
    const mine = await other.get('/api/v1/me/space-bookings');
    const rb = mine.json.items.find((x) => x.id === b.json.id);
    assert.equal(rb.status, 'rejected');
    assert.equal(rb.reason, '该时段已有演出');
    assert.equal(rb.contact, '0812-3334444');
    // each applicant is told the decision in their inbox
    const notes = async (c) => (await c.get('/api/v1/me/notifications?limit=100')).json.items;
    const okNote = (await notes(citizen)).find((n) => n.kind === 'space_booking.approved' && n.params.space_booking_id === a.json.id);
    assert.ok(okNote, 'the approval is in the applicant\'s inbox');
    assert.equal(okNote.params.title, '街舞展演');
    assert.equal(okNote.params.space, '滨江街头文化站');
    assert.equal(okNote.params.starts_at, at(day, '10:00'));
    const noNote = (await notes(other)).find((n) => n.kind === 'space_booking.rejected' && n.params.space_booking_id === b.json.id);
    assert.ok(noNote, 'the rejection is in the applicant\'s inbox');
    assert.equal(noNote.params.reason, '该时段已有演出');
    assert.ok(!(await notes(other)).some((n) => n.params.space_booking_id === a.json.id), 'not told of another\'s booking');
    const web = new Client(srv.base, { useCookie: true });
    await web.login('18612340001', 'Other2026pw');
    const ib = await web.get('/me/inbox');
    assert.equal(ib.status, 200);
    assert.ok(ib.text.includes('该时段已有演出') && ib.text.includes('滨江街头文化站'), 'the inbox page says it');
    // a new request for a taken time is refused at once
    assertError(await book(other, day, '13:00', '15:00'), 409, 'overlap');
    // the public schedule: approved only, with group and title, no personal data
    const sch = await anon.get(`/api/v1/spaces/${station.id}/schedule?from=${encodeURIComponent(at(day, '00:00'))}&to=${encodeURIComponent(at(dayAhead(seq), '00:00'))}`);
    assert.equal(sch.status, 200, sch.text);
    assert.deepEqual(sch.json.items.map((x) => x.id), [a.json.id, c.json.id]);
    for (const x of sch.json.items) {
      assert.deepEqual(Object.keys(x).sort(), ['ends_at', 'group_name', 'id', 'starts_at', 'title']);
    }
    assert.ok(!sch.text.includes(DEMO.citizen.phone) && !sch.text.includes('李四'));
    assertError(await anon.get(`/api/v1/spaces/${station.id}/schedule?from=yesterday`), 400, 'bad_time');
    // every decision is audited
    const audit = await district.get(`/api/v1/audit?object_type=space_booking`);
    assert.equal(audit.status, 200, audit.text);
    const acts = audit.json.items.filter((e) => [String(a.json.id), String(b.json.id), String(c.json.id)].includes(e.object_id)).map((e) => e.action);
    assert.equal(acts.filter((x) => x === 'space_booking.approve').length, 2);
    assert.equal(acts.filter((x) => x === 'space_booking.reject').length, 1);
  });

  it('staff see their subtree\'s pending requests with the programme; personal data is masked where it should be', async () => {
    const day = nextDay();
    const r = await book(other, day, '15:00', '16:30', { group_name: '老年合唱队', programme: programme('红歌联唱') });
    assert.equal(r.status, 201, r.text);
    const q = await vm.get('/api/v1/space-bookings?status=pending');
    assert.equal(q.status, 200, q.text);
    const item = q.json.items.find((x) => x.id === r.json.id);
    assert.ok(item, q.text);
    assert.equal(item.programme.title, '红歌联唱');
    assert.equal(item.programme.performers, 12);
    assert.equal(item.contact, '18612340001'); // the space's manager calls the group back
    assert.equal(item.applicant.name, '李四');
    assert.equal(item.applicant.phone, '186****0001'); // but the account's phone is not the venue manager's to see
    // 西区's admin sees none of 东区's requests, a citizen none at all
    const w = await west.get('/api/v1/space-bookings?status=pending');
    assert.equal(w.status, 200, w.text);
    assert.ok(!w.json.items.some((x) => x.id === r.json.id));
    assertError(await west.get('/api/v1/space-bookings?division=510402'), 403, 'forbidden');
    assertError(await citizen.get('/api/v1/space-bookings'), 403);
    assertError(await vm.get('/api/v1/space-bookings?status=odd'), 400, 'bad_status');
    // another person's booking cannot be cancelled (it does not exist for them)
    assertError(await citizen.delete(`/api/v1/space-bookings/${r.json.id}`), 404, 'not_found');
  });

  it('a request says whether it is the caller\'s own: in the answer, in one\'s list, in the staff\'s', async () => {
    const day = nextDay();
    const r = await book(citizen, day, '09:00', '10:00', { group_name: '书法小组' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.bookings[0].own, true);
    // a manager who requests the space too: their own request, among others they decide on
    const d = await book(vm, day, '11:00', '12:00', { group_name: '街道文艺队' });
    assert.equal(d.status, 201, d.text);
    assert.equal(d.json.bookings[0].own, true);
    const mine = await citizen.get('/api/v1/me/space-bookings');
    assert.equal(mine.status, 200, mine.text);
    assert.ok(mine.json.items.some((x) => x.id === r.json.id));
    assert.ok(mine.json.items.every((x) => x.own === true), mine.text);
    const q = await vm.get('/api/v1/space-bookings?status=pending');
    assert.equal(q.status, 200, q.text);
    const byId = Object.fromEntries(q.json.items.map((x) => [x.id, x.own]));
    assert.equal(byId[r.json.id], false);
    assert.equal(byId[d.json.id], true);
  });

  it('weekly repeats: one row per week sharing series_id; a series is approved where free', async () => {
    const day = nextDay();
    const s = await book(citizen, day, '18:00', '20:00', { repeat_weeks: 4 });
    assert.equal(s.status, 201, s.text);
    assert.equal(s.json.bookings.length, 4);
    const sid = s.json.series_id;
    assert.ok(sid);
    for (let i = 0; i < 4; i++) {
      assert.equal(s.json.bookings[i].series_id, sid);
      assert.equal(Date.parse(s.json.bookings[i].starts_at) - Date.parse(s.json.bookings[0].starts_at), i * 7 * DAY);
    }
    // someone else's booking in the third week is approved first
    const third = new Date(Date.parse(s.json.bookings[2].starts_at) + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const o = await book(other, third, '19:00', '21:00');
    assert.equal(o.status, 201, o.text);
    assert.equal((await decide(vm, o.json.id, { decision: 'approve' })).status, 200);
    const d = await decide(vm, s.json.bookings[1].id, { decision: 'approve', series: true });
    assert.equal(d.status, 200, d.text);
    assert.deepEqual(d.json.decided.map((x) => x.id), [s.json.bookings[0].id, s.json.bookings[1].id, s.json.bookings[3].id]);
    assert.equal(d.json.conflicts.length, 1);
    assert.equal(d.json.conflicts[0].id, s.json.bookings[2].id);
    assert.equal(d.json.conflicts[0].conflict.id, o.json.id);
    const again = await decide(vm, s.json.bookings[2].id, { decision: 'approve', series: true });
    assertError(again, 409, 'overlap');
    // the applicant cancels one week, then the rest of the series
    const c1 = await citizen.delete(`/api/v1/space-bookings/${s.json.bookings[0].id}`);
    assert.equal(c1.status, 200, c1.text);
    assert.equal(c1.json.cancelled, 1);
    assertError(await citizen.delete(`/api/v1/space-bookings/${s.json.bookings[0].id}`), 409, 'not_active');
    const c2 = await citizen.delete(`/api/v1/space-bookings/${s.json.bookings[1].id}?series=1`);
    assert.equal(c2.status, 200, c2.text);
    assert.equal(c2.json.cancelled, 3);
    const mine = (await citizen.get('/api/v1/me/space-bookings')).json.items.filter((x) => x.series_id === sid);
    assert.equal(mine.length, 4);
    assert.ok(mine.every((x) => x.status === 'cancelled'));
  });

  it('two approvals of overlapping bookings sent at once: exactly one succeeds, on one server or two', async () => {
    srv2 = await startServer({ db: srv.db, demo: false, dir: srv.dir });
    const vm2 = await loginAs(srv2.base, DEMO.venueManager);
    for (let round = 0; round < 8; round++) {
      const day = nextDay();
      const x = await book(citizen, day, '09:00', '11:00');
      const y = await book(other, day, '10:00', '12:00');
      assert.equal(x.status, 201, x.text);
      assert.equal(y.status, 201, y.text);
      const two = round % 2 ? [vm, vm2] : [vm, vm];
      const [rx, ry] = await Promise.all([
        decide(two[0], x.json.id, { decision: 'approve' }),
        decide(two[1], y.json.id, { decision: 'approve' }),
      ]);
      const statuses = [rx.status, ry.status].sort();
      assert.deepEqual(statuses, [200, 409], `round ${round}: ${rx.text} / ${ry.text}`);
      const loser = rx.status === 409 ? rx : ry;
      assert.equal(loser.json.error.code, 'overlap');
      const sch = await anon.get(`/api/v1/spaces/${station.id}/schedule?from=${encodeURIComponent(at(day, '00:00'))}&to=${encodeURIComponent(at(day, '23:59'))}`);
      assert.equal(sch.json.items.length, 1, sch.text);
    }
  });

  it('pages: the list, a space with its week and the request form, my requests, the staff queue', async () => {
    const list = await anon.get('/spaces?kind=street_station');
    assert.equal(list.status, 200);
    assert.ok(list.text.includes('滨江街头文化站'));
    assert.ok(!list.text.includes('排练厅二'));
    const day = nextDay();
    const cz = new Client(srv.base, { useCookie: true });
    await cz.login(DEMO.citizen.phone, DEMO.citizen.password);
    const page = await cz.get(`/spaces/${station.id}?week=${day}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('id="space-request-form"'));
    assert.ok(page.text.includes('name="_csrf"'));
    assert.ok(page.text.includes('id="prev-week"') && page.text.includes('id="next-week"'));
    const form = new URLSearchParams({
      date: day, start: '16:00', end: '17:30', repeat_weeks: '1', group_name: '<b>街头乐队</b>',
      title: '原创民谣', description: '三首原创歌曲', performers: '4', audience: '50',
    });
    const noCsrf = await cz.request('POST', `/spaces/${station.id}/bookings`, {
      body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(noCsrf.status, 403);
    form.set('_csrf', cz.jar.get('wy_csrf'));
    const post = await cz.request('POST', `/spaces/${station.id}/bookings`, {
      body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(post.status, 303, post.text);
    assert.equal(post.headers.get('location'), '/me/space-bookings?msg=space_requested');
    const mine = await cz.get('/me/space-bookings?msg=space_requested');
    assert.equal(mine.status, 200);
    assert.ok(mine.text.includes('&lt;b&gt;街头乐队&lt;/b&gt;'), 'escaped');
    assert.ok(!mine.text.includes('<b>街头乐队</b>'));
    // staff: the queue with the programme; approve through the form
    const adm = new Client(srv.base, { useCookie: true });
    await adm.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    const overview = await adm.get('/admin');
    assert.match(overview.text, /id="space-pending-count">[1-9]/);
    assert.ok(overview.text.includes('href="/admin/space-bookings"'));
    const q = await adm.get('/admin/space-bookings');
    assert.equal(q.status, 200);
    assert.ok(q.text.includes('原创民谣') && q.text.includes('三首原创歌曲'));
    const id = (await citizen.get('/api/v1/me/space-bookings')).json.items.find((x) => x.programme.title === '原创民谣').id;
    const dec = await adm.request('POST', `/admin/space-bookings/${id}`, {
      body: new URLSearchParams({ decision: 'approve', _csrf: adm.jar.get('wy_csrf') }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(dec.status, 303, dec.text);
    const week = await anon.get(`/spaces/${station.id}?week=${day}`);
    assert.ok(week.text.includes('原创民谣') && week.text.includes('16:00'));
    assert.ok(!week.text.includes(DEMO.citizen.phone));
    // the queue page is staff-only; cancel from the page
    const czq = await cz.get('/admin/space-bookings');
    assert.equal(czq.status, 403);
    const cancel = await cz.request('POST', `/space-bookings/${id}/cancel`, {
      body: new URLSearchParams({ _csrf: cz.jar.get('wy_csrf') }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(cancel.status, 303, cancel.text);
    const after = (await citizen.get('/api/v1/me/space-bookings')).json.items.find((x) => x.id === id);
    assert.equal(after.status, 'cancelled');
  });
});
