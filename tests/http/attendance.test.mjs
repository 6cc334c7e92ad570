// After the session (issue 5): no-shows and the booking ban, excusing a no-show, ratings with
// moderation and averages, the attendance CSV and the organiser's pages.
//
// Sessions "end" for real: the activity's sessions start a few seconds after it is created and
// last one second; the test books them, checks people in, then waits for the end. The ban is
// checked before the no-show sweep has run (the rule counts confirmed bookings of ended
// sessions itself), then the organiser's page sweeps and the figures are read back. Only
// sessions where check-in took place make no-shows: the fourth session has bookings and no
// check-in at all. Once a session has started, bookings and the session itself stand: no
// cancellation, no new times; check-in works from an hour before the start until the end.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, DEMO, loginAs, assertError, freshPhone, registerUser } from './lib.mjs';

const CONFIG = {
  auth: { password_memlimit_kib: 8, password_opslimit: 1 },
  booking: { max_people_per_day: 50 },
};
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
/** "YYYY-MM-DD HH:MM" in China time (UTC+8), as the messages write a time. */
const cst = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

describe('no-shows, ratings, attendance export, the organiser', () => {
  let srv, vm, da, rv1, rv2, anon, cz;
  let A, B, C, F; // {c, id, phone, name}
  let act; // {id, s: [session ids], ends}
  let venueId;
  const codes = {}; // booking codes by `${who}:${session}`
  const ids = {}; // booking ids

  async function register(name) {
    const phone = freshPhone();
    const c = new Client(srv.base);
    const { id } = await registerUser(srv, { phone, password: 'Attend2026pw', name });
    await c.login(phone, 'Attend2026pw');
    return { c, id, phone, name };
  }

  async function publish(body) {
    // the district's admin publishes: the venue is in 510402, beyond the venue manager's
    // 510402001 (who still manages the activity, in 510402001, at the door)
    const r = await da.post('/api/v1/activities', body);
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await da.post(`/api/v1/activities/${id}/submit`)).status, 200);
    for (const rv of [rv1, rv2]) {
      const q = await rv.get('/api/v1/reviews?status=pending');
      const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === id);
      assert.ok(item, q.text);
      const d = await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
      assert.equal(d.status, 200, d.text);
    }
    const a = await anon.get(`/api/v1/activities/${id}`);
    assert.equal(a.json.status, 'published', a.text);
    return { id, s: a.json.sessions.map((x) => x.id) };
  }

  async function book(who, key, sid) {
    const r = await who.c.post(`/api/v1/sessions/${sid}/bookings`, {});
    assert.equal(r.status, 201, `${key} books ${sid}: ${r.text}`);
    codes[`${key}:${sid}`] = r.json.code;
    ids[`${key}:${sid}`] = r.json.id;
    return r.json;
  }

  before(async () => {
    srv = await startServer({ config: CONFIG });
    anon = new Client(srv.base);
    [vm, da, rv1, rv2, cz] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.citizen),
    ]);
    [A, B, C, F] = await Promise.all(['缺席者', '到场者', '旁观者', '观众'].map(register));
    const v = await anon.get('/api/v1/venues?division=510402&limit=1');
    assert.equal(v.status, 200, v.text);
    venueId = v.json.items[0].id;

    // four sessions that start in a few seconds and last one second, one two days away
    const start = Math.ceil((Date.now() + 8000) / 1000) * 1000; // room for a loaded machine
    const end = start + 1000;
    const soon = (capacity) => ({ starts_at: iso(start), ends_at: iso(end), capacity });
    act = await publish({
      title: `读书分享会 ${Date.now() % 100000}`,
      category: 'reading',
      division: '510402001',
      venue_id: venueId,
      description: '社区图书室读书分享，到场签到。',
      waitlist: true,
      sessions: [soon(2), soon(10), soon(10), soon(10),
        { starts_at: iso(start + 2 * DAY), ends_at: iso(start + 2 * DAY + 2 * HOUR), capacity: 10 }],
    });
    act.ends = end;
    const [s1, s2, s3, s4] = act.s;
    // A: three no-shows and a booking of s4, where nobody checks in; B: checked in at s1 and
    // s3; C: waitlisted at s1, cancels, waits again; F: in at s2, booked at s4
    await book(A, 'A', s1);
    await book(A, 'A', s2);
    await book(A, 'A', s3);
    await book(A, 'A', s4);
    await book(B, 'B', s1);
    await book(B, 'B', s3);
    const w = await book(C, 'C', s1);
    assert.equal(w.status, 'waitlisted');
    assert.equal((await C.c.delete(`/api/v1/bookings/${w.id}`)).status, 200);
    ids['C:cancelled'] = w.id;
    assert.equal((await book(C, 'C', s1)).status, 'waitlisted');
    await book(F, 'F', s2);
    await book(F, 'F', s4);
    for (const k of [`B:${s1}`, `F:${s2}`, `B:${s3}`]) {
      const r = await vm.post('/api/v1/checkins', { code: codes[k] });
      assert.equal(r.status, 200, r.text);
    }
    assert.ok(Date.now() < start, `the set-up took too long (${Date.now() - start} ms past the start)`);
  });

  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('rating: refused before the session ends and for people who did not come', async () => {
    assertError(await B.c.post(`/api/v1/activities/${act.id}/ratings`, { score: 5, comment: '很好' }),
                409, 'not_ended');
    assertError(await C.c.post(`/api/v1/activities/${act.id}/ratings`, { score: 5 }), 403, 'not_attended');
    assertError(await anon.post(`/api/v1/activities/${act.id}/ratings`, { score: 5 }), 401, null);
    // then the sessions end
    await sleep(Math.max(0, act.ends - Date.now()) + 300);
  });

  it('a fourth booking after three no-shows is refused as banned, with the date it ends', async () => {
    const s5 = act.s[4];
    const until = act.ends + 30 * DAY; // the no-show that reached the limit ended at act.ends
    const r = await A.c.post(`/api/v1/sessions/${s5}/bookings`, {});
    assertError(r, 422, 'banned');
    assert.equal(Date.parse(r.json.error.until), until, r.text);
    assert.match(r.json.error.until, /\+08:00$/);
    assert.ok(r.json.error.message.includes(cst(until)), `the message names the date: ${r.text}`);
    const en = await A.c.post(`/api/v1/sessions/${s5}/bookings?lang=en`, {});
    assert.equal(en.status, 422);
    assert.ok(en.json.error.message.includes(`until ${cst(until)}`), en.text);
    // the activity's page says so too, without book buttons
    const page = await A.c.get(`/activities/${act.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /id="ban-notice"/);
    assert.ok(page.text.includes(cst(until)), 'the page names the date');
    assert.doesNotMatch(page.text, /class="inline book"/);
    // and the form's answer is a page that names it
    const form = new Client(srv.base, { useCookie: true });
    await form.login(A.phone, 'Attend2026pw');
    const csrf = await form.csrfToken();
    const fp = await form.request('POST', `/sessions/${s5}/book`, {
      body: new URLSearchParams({ _csrf: csrf }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(fp.status, 422, fp.text.slice(0, 300));
    assert.ok(fp.text.includes(cst(until)));
    // a waitlisted booking of an ended session is not a no-show: C may book
    await book(C, 'C', s5);
  });

  it('the organiser page sweeps the no-shows and shows each session\'s figures', async () => {
    const r = await vm.get('/organiser');
    assert.equal(r.status, 200);
    assert.ok(r.text.includes(act.title ?? '') || r.text.includes('读书分享会'));
    const row = (sid) => {
      const m = r.text.match(new RegExp(`<tr data-session="${sid}">(.*?)</tr>`));
      assert.ok(m, `a row for session ${sid}`);
      const cell = (cls) => m[1].match(new RegExp(`class="${cls}">([^<]*)<`))[1];
      return { booked: cell('booked'), waitlist: +cell('waitlist'), in: +cell('checked-in'), no: +cell('no-shows'), html: m[1] };
    };
    const [s1, s2, s3, s4, s5] = act.s;
    assert.deepEqual([row(s1).booked, row(s1).waitlist, row(s1).in, row(s1).no], ['2 / 2', 1, 1, 1]);
    assert.deepEqual([row(s2).in, row(s2).no], [1, 1]);
    assert.deepEqual([row(s3).in, row(s3).no], [1, 1]);
    // nobody was checked in at s4: check-in did not take place, so nobody there is a no-show
    assert.deepEqual([row(s4).booked, row(s4).in, row(s4).no], ['2 / 10', 0, 0]);
    assert.equal(row(s5).no, 0);
    assert.ok(row(s1).html.includes(`/api/v1/sessions/${s1}/attendance.csv`));
    assert.ok(row(s1).html.includes(`/organiser/sessions/${s1}`));
    assert.ok(row(s1).html.includes(`/checkin?session=${s1}`));
    // the sweep marked them: the organiser's list shows no_show now, and a second sweep changes nothing
    const l = await vm.get(`/api/v1/sessions/${s3}/bookings`);
    assert.deepEqual(l.json.items.map((b) => b.status).sort(), ['checked_in', 'no_show']);
    assert.equal(l.json.no_shows, 1);
    const l4 = await vm.get(`/api/v1/sessions/${s4}/bookings`);
    assert.deepEqual(l4.json.items.map((b) => b.status), ['confirmed', 'confirmed']);
    assert.equal(l4.json.no_shows, 0);
    const l1 = await vm.get(`/api/v1/sessions/${s1}/bookings`);
    assert.equal(l1.json.checked_in, 1);
    assert.ok(l1.json.items.find((b) => b.status === 'checked_in').checked_in_at);
    const again = await vm.get('/organiser');
    assert.equal(row(s3).no, 1);
    assert.ok(again.text.includes(`<tr data-session="${s3}">`));
    // citizens may not see it; nobody is sent to log in
    assert.equal((await cz.get('/organiser')).status, 403);
    assert.equal((await A.c.get(`/organiser/sessions/${s1}`)).status, 403);
    const an = await anon.get('/organiser');
    assert.equal(an.status, 303);
    assert.match(an.headers.get('location'), /^\/login/);
  });

  it('people served counts the seats checked in at the door, as the bookings behind it say', async () => {
    // the session keeps its count of checked-in seats (migration 0021); the value read from the
    // sessions equals the sum of the checked-in bookings listed behind it
    const year = new Date(act.ends + 8 * HOUR).getUTCFullYear();
    const q = `division=510402001&period=${year}&recompute=1`;
    const l = await da.get(`/api/v1/indicators?${q}`);
    assert.equal(l.status, 200, l.text);
    const v = l.json.items.find((x) => x.code === 'activities.people_served');
    assert.ok(v, l.text);
    let sum = 0;
    const seen = new Set();
    for (let cursor = 0, pages = 0; ; pages++) {
      assert.ok(pages < 100, 'the records end');
      const r = await da.get(`/api/v1/indicators/activities.people_served/records?division=510402001&period=${year}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, r.text);
      for (const x of r.json.items) {
        sum += x.value;
        seen.add(x.id);
      }
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    const [s1, s2, s3] = act.s;
    for (const k of [`B:${s1}`, `F:${s2}`, `B:${s3}`]) assert.ok(seen.has(ids[k]), `booking ${k} is behind the value`);
    assert.ok(!seen.has(ids[`A:${s1}`]), 'a no-show is not');
    assert.equal(v.value, sum);
  });

  it('the session page lists the bookings without their check-in codes', async () => {
    const s1 = act.s[0];
    const p = await vm.get(`/organiser/sessions/${s1}`);
    assert.equal(p.status, 200);
    assert.match(p.text, /id="session-bookings"/);
    assert.ok(p.text.includes(A.name) && p.text.includes(B.name));
    for (const k of [`A:${s1}`, `B:${s1}`, `C:${s1}`]) assert.ok(!p.text.includes(codes[k]), `the code of ${k} on the page`);
    assert.ok(p.text.includes(`/checkin?session=${s1}`));
  });

  it('once a session has started: no cancellation, no new times, check-in only at its door', async () => {
    const [s1, , , s4, s5] = act.s;
    // a booking stands once its session has started: who did not come cannot cancel it away
    assertError(await A.c.delete(`/api/v1/bookings/${ids[`A:${s4}`]}`), 422, 'too_late');
    assertError(await C.c.delete(`/api/v1/bookings/${ids[`C:${s1}`]}`), 422, 'too_late');
    assert.equal((await vm.get(`/api/v1/sessions/${s4}/bookings`)).json.items.filter((b) => b.status === 'confirmed').length, 2);
    // nor is the session cancelled or moved: its bookings and figures are what happened
    assertError(await vm.post(`/api/v1/sessions/${s4}/cancel`, { reason: '场地维修' }), 409, 'started');
    assertError(await vm.patch(`/api/v1/sessions/${s4}`, { starts_at: iso(Date.now() + DAY), ends_at: iso(Date.now() + DAY + HOUR) }), 409, 'started');
    assertError(await vm.patch(`/api/v1/sessions/${s1}`, { ends_at: iso(Date.now() + HOUR) }), 409, 'started');
    const l = await vm.get(`/api/v1/sessions/${s4}/bookings`);
    assert.equal(l.json.items.length, 2);
    assert.ok(l.json.items.every((b) => b.status === 'confirmed'), l.text);
    // (an ended session is no longer among the activity's coming ones: the sessions list has it)
    const all = await anon.get(`/api/v1/activities/${act.id}/sessions?limit=100`);
    assert.equal(all.json.items.find((x) => x.id === s4).status, 'scheduled', all.text);
    // check-in: over once the session has ended, not yet before an hour ahead of the start
    const over = await vm.post('/api/v1/checkins', { code: codes[`A:${s4}`] });
    assertError(over, 409, 'session_over');
    const early = await vm.post('/api/v1/checkins', { code: codes[`C:${s5}`] });
    assertError(early, 409, 'checkin_not_open');
    const s5at = Date.parse((await anon.get(`/api/v1/activities/${act.id}`)).json.sessions.find((x) => x.id === s5).starts_at);
    assert.equal(Date.parse(early.json.error.opens_at), s5at - HOUR, early.text);
    // the staff page says so in words, and a session picked on it refuses other sessions' codes
    const form = new Client(srv.base, { useCookie: true });
    await form.login(DEMO.venueManager.phone, DEMO.venueManager.password);
    const page = await form.get(`/checkin?session=${s5}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`name="session_id" value="${s5}"`));
    const csrf = await form.csrfToken();
    const post = (code, session) => form.request('POST', '/checkin', {
      body: new URLSearchParams({ _csrf: csrf, code, ...(session ? { session_id: String(session) } : {}) }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal((await post(codes[`C:${s5}`], s5)).status, 409);
    assert.equal((await post(codes[`A:${s4}`], s5)).status, 409);
    const zh = await post(codes[`A:${s4}`]);
    assert.equal(zh.status, 409);
    assert.ok(zh.text.includes('已结束'), 'the page says the session is over');
    const mine = await A.c.get('/api/v1/me/bookings');
    assert.equal(mine.json.items.find((b) => b.id === ids[`A:${s4}`]).status, 'confirmed');
  });

  it('the attendance CSV: BOM, CRLF, masked phones, every status', async () => {
    const s1 = act.s[0];
    const r = await vm.get(`/api/v1/sessions/${s1}/attendance.csv`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    assert.match(r.headers.get('content-disposition'), /attachment; filename="attendance-\d+\.csv"/);
    // the text decoder drops a byte-order mark: read the bytes
    const raw = Buffer.from(await (await fetch(`${srv.base}/api/v1/sessions/${s1}/attendance.csv`, {
      headers: { Authorization: `Bearer ${vm.token}` },
    })).arrayBuffer());
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
    const body = raw.subarray(3).toString('utf8');
    assert.ok(body.endsWith('\r\n'));
    assert.doesNotMatch(body.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends with CRLF');
    const lines = body.split('\r\n').filter(Boolean).map((l) => l.split(','));
    assert.deepEqual(lines[0], ['booking', 'name', 'phone', 'seats', 'companions', 'status', 'booked_at',
      'checked_in_at', 'excused_at']);
    const rows = lines.slice(1);
    const by = (id) => rows.find((x) => x[0] === String(id));
    const a = by(ids[`A:${s1}`]);
    const b = by(ids[`B:${s1}`]);
    // no check-in codes: a code in staff's hands would check its holder in without them
    for (const k of [`A:${s1}`, `B:${s1}`, `C:${s1}`]) assert.ok(!body.includes(codes[k]), `the code of ${k} in the CSV`);
    assert.equal(a[1], A.name);
    assert.equal(a[5], 'no_show');
    assert.equal(a[7], '');
    assert.equal(b[5], 'checked_in');
    assert.match(b[7], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.deepEqual(rows.filter((x) => x[1] === C.name).map((x) => x[5]).sort(), ['cancelled', 'waitlisted']);
    for (const x of rows) assert.match(x[2], /^1\d\d\*{4}\d{4}$/);
    for (const p of [A.phone, B.phone, C.phone]) assert.ok(!r.text.includes(p), `phone ${p} in full`);
    assert.equal(rows.length, 4);
    // nobody else reads it
    assertError(await C.c.get(`/api/v1/sessions/${s1}/attendance.csv`), 403, null);
    assertError(await cz.get(`/api/v1/sessions/${act.s[1]}/attendance.csv`), 403, null);
    assertError(await anon.get(`/api/v1/sessions/${s1}/attendance.csv`), 401, null);
    assertError(await vm.get('/api/v1/sessions/99999999/attendance.csv'), 404, 'not_found');
  });

  it('an excused no-show does not count: the ban lifts, and it is on record', async () => {
    const [s1, s2, s3, , s5] = act.s;
    assertError(await A.c.post(`/api/v1/bookings/${ids[`A:${s3}`]}/excuse`, {}), 403, null);
    assertError(await vm.post(`/api/v1/bookings/${ids[`B:${s1}`]}/excuse`, {}), 409, 'not_no_show');
    assertError(await vm.post(`/api/v1/bookings/${ids['C:cancelled']}/excuse`, {}), 409, 'not_no_show');
    const r = await vm.post(`/api/v1/bookings/${ids[`A:${s3}`]}/excuse`, { reason: '因病请假，已电话告知' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.excused, true);
    assertError(await vm.post(`/api/v1/bookings/${ids[`A:${s3}`]}/excuse`, {}), 409, 'already_excused');
    // two no-shows left: A may book again
    const b = await A.c.post(`/api/v1/sessions/${s5}/bookings`, {});
    assert.equal(b.status, 201, b.text);
    // the CSV says when it was excused; the page lists it without the button
    const csv = await vm.get(`/api/v1/sessions/${s3}/attendance.csv`);
    const row = csv.text.split('\r\n')[1].split(',');
    assert.equal(row[5], 'no_show');
    assert.match(row[8], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const p = await vm.get(`/organiser/sessions/${s3}`);
    assert.equal(p.status, 200);
    assert.match(p.text, /class="muted excused"/);
    assert.doesNotMatch(p.text, /\/excuse"/);
    // the excuse button for A's no-show at s2, through the page with its CSRF token
    const form = new Client(srv.base, { useCookie: true });
    await form.login(DEMO.venueManager.phone, DEMO.venueManager.password);
    const page = await form.get(`/organiser/sessions/${s2}`);
    assert.ok(page.text.includes(`/organiser/bookings/${ids[`A:${s2}`]}/excuse`));
    const csrf = await form.csrfToken();
    const nocsrf = await form.request('POST', `/organiser/bookings/${ids[`A:${s2}`]}/excuse`, {
      body: new URLSearchParams({}), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(nocsrf.status, 403);
    const ok = await form.request('POST', `/organiser/bookings/${ids[`A:${s2}`]}/excuse`, {
      body: new URLSearchParams({ _csrf: csrf }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(ok.status, 303, ok.text.slice(0, 300));
    assert.equal(ok.headers.get('location'), `/organiser/sessions/${s2}?msg=excused`);
    // on the audit trail
    const ca = await loginAs(srv.base, DEMO.cityAdmin);
    const au = await ca.get(`/api/v1/audit?object_type=booking&object_id=${ids[`A:${s3}`]}`);
    assert.equal(au.status, 200, au.text);
    assert.equal(au.json.items[0].action, 'booking.excuse');
    assert.equal(au.json.items[0].reason, '因病请假，已电话告知');
  });

  it('ratings: attendees only, invisible until approved, averages on the activity and its venue', async () => {
    const rate = (who, body) => who.c.post(`/api/v1/activities/${act.id}/ratings`, body);
    assertError(await rate(C, { score: 4 }), 403, 'not_attended');
    assertError(await rate(A, { score: 1 }), 403, 'not_attended');
    assertError(await rate(B, { score: 6 }), 400, 'bad_score');
    assertError(await rate(B, { score: 0 }), 400, 'bad_score');
    assertError(await rate(B, { score: 3, comment: '长'.repeat(501) }), 400, 'bad_comment');
    const v0 = (await anon.get(`/api/v1/venues/${venueId}`)).json.rating;
    const rb = await rate(B, { score: 4, comment: '内容充实，<b>推荐</b>' });
    assert.equal(rb.status, 201, rb.text);
    assert.equal(rb.json.status, 'pending');
    const rf = await rate(F, { score: 5, comment: '很喜欢' });
    assert.equal(rf.status, 201, rf.text);
    // nothing shows yet
    let a = await anon.get(`/api/v1/activities/${act.id}`);
    assert.deepEqual(a.json.rating, { average: null, count: 0 });
    let list = await anon.get(`/api/v1/activities/${act.id}/ratings`);
    assert.equal(list.status, 200);
    assert.equal(list.json.items.length, 0);
    // moderation: the queue of the venue manager's subtree
    assertError(await cz.get('/api/v1/ratings?status=pending'), 403, null);
    const q = await vm.get('/api/v1/ratings?status=pending');
    assert.equal(q.status, 200, q.text);
    const mine = q.json.items.filter((x) => x.activity_id === act.id);
    assert.deepEqual(mine.map((x) => x.id).sort(), [rb.json.id, rf.json.id].sort());
    assert.ok(mine.every((x) => !x.user.includes(B.name.slice(1))), 'names are masked');
    assertError(await vm.post(`/api/v1/ratings/${rb.json.id}/decision`, { decision: 'reject' }), 400, 'reason_required');
    assertError(await B.c.post(`/api/v1/ratings/${rb.json.id}/decision`, { decision: 'approve' }), 403, null);
    for (const id of [rb.json.id, rf.json.id]) {
      const d = await vm.post(`/api/v1/ratings/${id}/decision`, { decision: 'approve' });
      assert.equal(d.status, 200, d.text);
      assert.equal(d.json.status, 'approved');
    }
    assertError(await vm.post(`/api/v1/ratings/${rb.json.id}/decision`, { decision: 'approve' }), 409, 'already_decided');
    a = await anon.get(`/api/v1/activities/${act.id}`);
    assert.deepEqual(a.json.rating, { average: 4.5, count: 2 });
    list = await anon.get(`/api/v1/activities/${act.id}/ratings`);
    assert.equal(list.json.items.length, 2);
    assert.deepEqual(list.json.rating, { average: 4.5, count: 2 });
    assert.ok(list.json.items.every((x) => x.user.includes('*')));
    const v1 = (await anon.get(`/api/v1/venues/${venueId}`)).json.rating;
    assert.equal(v1.count, v0.count + 2);
    // a second rating replaces the first and waits again; rejected, it does not count
    const again = await rate(B, { score: 1, comment: '改变主意' });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, rb.json.id);
    assert.equal(again.json.status, 'pending');
    a = await anon.get(`/api/v1/activities/${act.id}`);
    assert.deepEqual(a.json.rating, { average: 5, count: 1 });
    const rj = await vm.post(`/api/v1/ratings/${rb.json.id}/decision`, { decision: 'reject', reason: '与活动无关' });
    assert.equal(rj.status, 200, rj.text);
    assert.equal(rj.json.status, 'rejected');
    assert.deepEqual((await anon.get(`/api/v1/activities/${act.id}`)).json.rating, { average: 5, count: 1 });
    // the pages: the activity's average and comment (escaped), the venue's average
    const page = await anon.get(`/activities/${act.id}`);
    assert.match(page.text, /id="rating-average"/);
    assert.ok(page.text.includes('很喜欢'));
    assert.ok(!page.text.includes('<b>推荐</b>'));
    assert.doesNotMatch(page.text, /id="rating-form"/);
    assert.match((await F.c.get(`/activities/${act.id}`)).text, /id="rating-form"/);
    assert.doesNotMatch((await C.c.get(`/activities/${act.id}`)).text, /id="rating-form"/);
    assert.equal((await anon.get(`/api/v1/venues/${venueId}`)).json.rating.count, v0.count + 1);
    const vp = await anon.get(`/venues/${venueId}?lang=en`);
    assert.equal(vp.status, 200);
    assert.ok(vp.text.includes(`(${v0.count + 1} ratings)`), 'the venue page shows the count');
  });

  it('the organiser page moderates ratings with its forms', async () => {
    const re = await B.c.post(`/api/v1/activities/${act.id}/ratings`, { score: 3, comment: '一般' });
    assert.equal(re.status, 200, re.text);
    const form = new Client(srv.base, { useCookie: true });
    await form.login(DEMO.venueManager.phone, DEMO.venueManager.password);
    const page = await form.get('/organiser');
    assert.ok(page.text.includes(`action="/organiser/ratings/${re.json.id}"`));
    assert.ok(page.text.includes('一般'));
    const csrf = await form.csrfToken();
    const d = await form.request('POST', `/organiser/ratings/${re.json.id}`, {
      body: new URLSearchParams({ _csrf: csrf, decision: 'approve', reason: '' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(d.status, 303, d.text.slice(0, 300));
    assert.deepEqual((await anon.get(`/api/v1/activities/${act.id}`)).json.rating, { average: 4, count: 2 });
  });

  it('a rating says whether it is the caller\'s own', async () => {
    const mine = await F.c.post(`/api/v1/activities/${act.id}/ratings`, { score: 5, comment: '还想再来' });
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.json.own, true);
    const d = await vm.post(`/api/v1/ratings/${mine.json.id}/decision`, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.own, false); // the moderator did not write it
    const byB = await B.c.get(`/api/v1/activities/${act.id}/ratings`);
    assert.equal(byB.json.items.length, 2);
    const own = (list) => Object.fromEntries(list.json.items.map((x) => [x.id, x.own]));
    const others = byB.json.items.find((x) => x.id !== mine.json.id).id;
    assert.deepEqual(own(byB), { [mine.json.id]: false, [others]: true });
    assert.deepEqual(own(await F.c.get(`/api/v1/activities/${act.id}/ratings`)), { [mine.json.id]: true, [others]: false });
    assert.deepEqual(own(await anon.get(`/api/v1/activities/${act.id}/ratings`)), { [mine.json.id]: false, [others]: false });
    const q = await vm.get('/api/v1/ratings?status=approved');
    assert.ok(q.json.items.length > 0 && q.json.items.every((x) => x.own === false), q.text);
  });
});
