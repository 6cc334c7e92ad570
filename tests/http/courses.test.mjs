// Courses (文化学堂) through the API and the pages: staff open a term and write courses with a
// teacher, published through review; the catalogue searches them; first-come places answer
// 201 confirmed / 409 full, duplicate, over_limit / 422 not_eligible, and a crowd of
// simultaneous requests for few places gets exactly the places; lottery courses take ranked
// applications, changeable until the window closes; a place is given up; the teacher checks
// people in at a session and reads the roster; "my courses"; the pages of the catalogue, a
// course, enrolling, the application and my courses.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, cleanup, Client, DEMO, loginAs, assertError, freshPhone, runCli } from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const PASSWORD = 'Course2026pw';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const cst = (ms) => {
  const d = new Date(ms + 8 * HOUR);
  return { day: d.toISOString().slice(0, 10), hhmm: d.toISOString().slice(11, 16), weekday: d.getUTCDay() || 7, minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
};
const VALUE = 'fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const PG = !!process.env.WY_TEST_PG_HOST;
/** Run SQL on the test database with the backend's own client. */
function sql(db, query) {
  const r = PG
    ? spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${PG ? 'psql' : 'sqlite3'} failed on ${query}:\n${r.stderr}`);
}
const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

describe('courses', () => {
  let srv, admin, district, rv1, rv2, anon, term, teacherId, teacherClient, schedule;

  /** An account made by the city admin, logged in. */
  async function person(role = 'citizen', division = '510402001', opts) {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '学员', role, division });
    assert.equal(r.status, 201, r.text);
    const c = new Client(srv.base, opts);
    await c.login(phone, PASSWORD);
    c.id = r.json.id;
    return c;
  }

  async function publish(body) {
    const r = await district.post('/api/v1/courses', {
      term_id: term, title: '书法入门', category: 'calligraphy_painting', division: '510402', schedule, places: 20, enrolment: 'first_come', ...body,
    });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    const s = await district.post(`/api/v1/courses/${id}/submit`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'pending');
    const q = await rv1.get('/api/v1/reviews?status=pending&limit=200');
    const item = q.json.items.find((x) => x.content_type === 'course' && x.content_id === id);
    assert.ok(item, q.text);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).json.status, 'published');
    return r.json;
  }

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district, rv1, rv2] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
    ]);
    anon = new Client(srv.base);
    // the classes start in half an hour, weekly for four more weeks (check-in opens an hour
    // before a session)
    const soon = cst(Date.now() + 30 * 60000);
    schedule = [{ weekday: soon.weekday, starts: soon.hhmm, ends: hhmm(Math.min(soon.minutes + 120, 1440)) }];
    const t = await district.post('/api/v1/course-terms', {
      division: '510402', name: '2027年春季公益培训', enrol_opens_at: iso(Date.now() - HOUR), enrol_closes_at: iso(Date.now() + 3 * DAY),
      classes_from: soon.day, classes_until: cst(Date.now() + 30 * 60000 + 28 * DAY).day, max_courses: 2, max_choices: 2, returning_after_new: true,
    });
    assert.equal(t.status, 201, t.text);
    term = t.json.id;
    teacherClient = await person('teacher', '510402');
    const p = await district.post('/api/v1/teachers', {
      user_id: teacherClient.id, division: '510402', name: '王书法', specialties: ['书法', '篆刻'], titles: ['中国书法家协会会员'], bio: '从事书法教学二十年。',
    });
    assert.equal(p.status, 201, p.text);
    teacherId = p.json.id;
  });
  after(async () => {
    await srv?.stop();
    cleanup(srv?.dir);
  });

  it('staff write a course, review publishes it, the catalogue finds it', async () => {
    // who may write, and what
    const body = { term_id: term, title: '国画花鸟', category: 'calligraphy_painting', division: '510402', schedule, places: 20, enrolment: 'first_come' };
    assertError(await anon.post('/api/v1/courses', body), 401);
    const citizen = await loginAs(srv.base, DEMO.citizen);
    assertError(await citizen.post('/api/v1/courses', body), 403, 'forbidden');
    assertError(await district.post('/api/v1/courses', { ...body, category: 'cooking' }), 400, 'bad_category');
    assertError(await district.post('/api/v1/courses', { ...body, schedule: [{ weekday: 8, starts: '09:00', ends: '10:00' }] }), 400, 'bad_schedule');
    assertError(await district.post('/api/v1/courses', { ...body, delivery: 'online' }), 400, 'bad_online');
    assertError(await district.post('/api/v1/courses', { ...body, term_id: 999999 }), 400, 'unknown_term');
    const draft = await district.post('/api/v1/courses', { ...body, teacher_id: teacherId, description: '工笔花鸟入门', delivery: 'both', online_kind: 'recorded', online_url: 'https://video.example.org/huaniao' });
    assert.equal(draft.status, 201, draft.text);
    assert.equal(draft.json.status, 'draft');
    assert.equal(draft.json.sessions.length, 5);
    assert.equal(draft.json.teacher.name, '王书法');
    assert.equal(draft.json.term.id, term);
    // a draft is nobody else's business
    assertError(await anon.get(`/api/v1/courses/${draft.json.id}`), 404);
    const changed = await district.patch(`/api/v1/courses/${draft.json.id}`, { places: 30, room: '二楼书画室' });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.places, 30);
    assert.equal(changed.json.title, '国画花鸟');
    // published through review; then public, and no longer changed as a draft
    const pub = await publish({ title: '书法入门（楷书）', description: '从楷书笔画入门', teacher_id: teacherId });
    const got = await anon.get(`/api/v1/courses/${pub.id}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.status, 'published');
    assert.equal(got.json.places_left, 20);
    assertError(await district.patch(`/api/v1/courses/${pub.id}`, { places: 5 }), 409, 'bad_state');
    const other = await publish({ title: '国画山水', description: '兼学书法用笔', category: 'calligraphy_painting' });
    // the catalogue: the title first, a page at a time
    // (in this test's term: the demo has courses of its own)
    let r = await anon.get(`/api/v1/courses?q=${encodeURIComponent('书法')}&term=${term}&limit=1`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 1);
    assert.equal(r.json.items[0].id, pub.id);
    assert.ok(r.json.next_cursor);
    r = await anon.get(`/api/v1/courses?q=${encodeURIComponent('书法')}&term=${term}&limit=1&cursor=${r.json.next_cursor}`);
    assert.equal(r.json.items[0].id, other.id);
    r = await anon.get('/api/v1/courses?division=510402&category=calligraphy_painting&limit=100');
    assert.ok(r.json.items.some((x) => x.id === pub.id));
    assert.ok(!r.json.items.some((x) => x.id === draft.json.id), 'drafts are not listed');
    assert.equal((await anon.get('/api/v1/courses?division=510403')).json.items.length, 0);
    assertError(await anon.get('/api/v1/courses?category=cooking'), 400, 'bad_category');
    assertError(await anon.get('/api/v1/courses?cursor=x'), 400, 'bad_cursor');
    // the teacher's profile lists it
    const tp = await anon.get(`/api/v1/teachers/${teacherId}`);
    assert.equal(tp.status, 200);
    assert.deepEqual(tp.json.specialties, ['书法', '篆刻']);
    assert.ok(tp.json.courses.some((x) => x.id === pub.id));
    // the teacher changes their own profile; another teacher may not
    assert.equal((await teacherClient.patch(`/api/v1/teachers/${teacherId}`, { bio: '楷书与隶书' })).status, 200);
    const stranger = await person('teacher', '510402');
    assertError(await stranger.patch(`/api/v1/teachers/${teacherId}`, { bio: 'x' }), 403, 'forbidden');
    const plain = await person();
    assertError(await district.post('/api/v1/teachers', { user_id: plain.id, division: '510402' }), 422, 'not_a_teacher');
  });

  it('first-come: confirmed, duplicate, full, over the limit, not eligible, given up', async () => {
    const kids = await publish({ title: '少儿书法', places: 2, age_min: 7, age_max: 12, residence: '510402' });
    const a = await person(), b = await person(), c = await person(), west = await person('citizen', '510403001');
    const young = cst(Date.now() - 9 * 366 * DAY).day;
    assertError(await a.post(`/api/v1/courses/${kids.id}/enrolments`, {}), 422, 'not_eligible');
    let r = await a.post(`/api/v1/courses/${kids.id}/enrolments`, {});
    assert.equal(r.json.error.field, 'birth_date');
    r = await a.post(`/api/v1/courses/${kids.id}/enrolments`, { birth_date: young });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'confirmed');
    assert.match(r.json.code, /^[A-Za-z0-9_-]{20}$/);
    const placeA = r.json.id;
    assertError(await a.post(`/api/v1/courses/${kids.id}/enrolments`, {}), 409, 'duplicate');
    r = await west.post(`/api/v1/courses/${kids.id}/enrolments`, { birth_date: young });
    assertError(r, 422, 'not_eligible');
    assert.equal(r.json.error.field, 'residence');
    r = await b.post(`/api/v1/courses/${kids.id}/enrolments`, { birth_date: '1980-01-01' });
    assert.equal(r.json.error.field, 'age');
    assert.equal((await c.post(`/api/v1/courses/${kids.id}/enrolments`, { birth_date: young })).status, 201);
    const d = await person();
    assertError(await d.post(`/api/v1/courses/${kids.id}/enrolments`, { birth_date: young }), 409, 'full');
    // an Idempotency-Key answers a retry with the first answer
    const open = await publish({ title: '合唱', places: 10 });
    const key = { headers: { 'Idempotency-Key': 'k-1' } };
    const first = await d.post(`/api/v1/courses/${open.id}/enrolments`, {}, key);
    assert.equal(first.status, 201, first.text);
    const again = await d.post(`/api/v1/courses/${open.id}/enrolments`, {}, key);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, first.json.id);
    // at most two courses a term
    const third = await publish({ title: '舞蹈', places: 10 });
    assert.equal((await a.post(`/api/v1/courses/${open.id}/enrolments`, {})).status, 201);
    assertError(await a.post(`/api/v1/courses/${third.id}/enrolments`, {}), 409, 'over_limit');
    // given up: another person's place does not exist; the place and the hold come back
    assertError(await b.delete(`/api/v1/course-enrolments/${placeA}`), 404);
    const qr = await a.get(`/api/v1/course-enrolments/${placeA}/qr.svg`);
    assert.equal(qr.status, 200);
    assert.match(qr.headers.get('content-type'), /image\/svg\+xml/);
    assert.equal((await b.get(`/api/v1/course-enrolments/${placeA}/qr.svg`)).status, 404);
    r = await a.delete(`/api/v1/course-enrolments/${placeA}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'withdrawn');
    assertError(await a.delete(`/api/v1/course-enrolments/${placeA}`), 409, 'not_enrolled');
    assert.equal((await anon.get(`/api/v1/courses/${kids.id}`)).json.places_left, 1);
    assert.equal((await a.post(`/api/v1/courses/${third.id}/enrolments`, {})).status, 201);
    // my courses
    const mine = await a.get('/api/v1/me/courses');
    assert.equal(mine.status, 200, mine.text);
    const statuses = Object.fromEntries(mine.json.items.map((x) => [x.course.id, x.status]));
    assert.equal(statuses[kids.id], 'withdrawn');
    assert.equal(statuses[third.id], 'confirmed');
    // a term whose window has not opened
    const later = await district.post('/api/v1/course-terms', {
      division: '510402', name: '2027年秋季', enrol_opens_at: iso(Date.now() + 5 * DAY), enrol_closes_at: iso(Date.now() + 9 * DAY), classes_from: cst(Date.now() + 10 * DAY).day, classes_until: cst(Date.now() + 40 * DAY).day,
    });
    assert.equal(later.status, 201, later.text);
    const notyet = await publish({ term_id: later.json.id, title: '摄影' });
    r = await d.post(`/api/v1/courses/${notyet.id}/enrolments`, {});
    assertError(r, 409, 'not_open');
  });

  it('a crowd of simultaneous requests gets exactly the places', async () => {
    const k = await publish({ title: '钢琴入门', category: 'music_instruments', places: 7 });
    const people = [];
    for (let i = 0; i < 24; i++) people.push(await person());
    const answers = await Promise.all(people.map((p) => p.post(`/api/v1/courses/${k.id}/enrolments`, {})));
    const by = (s) => answers.filter((r) => r.status === s).length;
    assert.equal(by(201), 7, answers.map((r) => `${r.status} ${r.text}`).join('\n'));
    assert.equal(by(409), 17);
    assert.ok(answers.filter((r) => r.status === 409).every((r) => r.json.error.code === 'full'));
    assert.equal((await anon.get(`/api/v1/courses/${k.id}`)).json.places_left, 0);
    const roster = await district.get(`/api/v1/courses/${k.id}/roster`);
    assert.equal(roster.status, 200, roster.text);
    assert.equal(roster.json.items.length, 7);
    assert.match(roster.json.items[0].phone, /^\d{3}\*{4}\d{4}$/, 'phones are masked');
  });

  it('lottery courses take ranked applications until the window closes', async () => {
    const guqin = await publish({ title: '古琴', category: 'music_instruments', enrolment: 'lottery', places: 2 });
    const pipa = await publish({ title: '琵琶', category: 'music_instruments', enrolment: 'lottery', places: 3 });
    const erhu = await publish({ title: '二胡', category: 'music_instruments', enrolment: 'lottery', places: 3 });
    const fc = await publish({ title: '合唱（先到先得）', places: 3 });
    const p = await person();
    assertError(await p.get(`/api/v1/course-terms/${term}/application`), 404);
    let r = await p.post(`/api/v1/courses/${pipa.id}/enrolments`, {});
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'applied');
    assert.deepEqual(r.json.choices, [{ rank: 1, course_id: pipa.id }]);
    assert.match(r.json.pseudonym, /^[0-9a-f]{32}$/);
    const pseudonym = r.json.pseudonym;
    assertError(await p.post(`/api/v1/courses/${pipa.id}/enrolments`, {}), 409, 'duplicate');
    r = await p.put(`/api/v1/course-terms/${term}/application`, { choices: [guqin.id, pipa.id] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.choices.map((x) => x.course_id), [guqin.id, pipa.id]);
    assert.equal(r.json.pseudonym, pseudonym);
    assertError(await p.put(`/api/v1/course-terms/${term}/application`, { choices: [guqin.id, pipa.id, erhu.id] }), 422, 'too_many_choices');
    assertError(await p.put(`/api/v1/course-terms/${term}/application`, { choices: [fc.id] }), 422, 'bad_choice');
    assertError(await p.put(`/api/v1/course-terms/${term}/application`, { choices: [guqin.id, guqin.id] }), 400, 'duplicate_choice');
    assertError(await p.put(`/api/v1/course-terms/${term}/application`, { choices: ['x'] }), 400, 'bad_choices');
    const got = await p.get(`/api/v1/course-terms/${term}/application`);
    assert.equal(got.status, 200);
    assert.equal(got.json.choices[0].course_id, guqin.id);
    assert.equal((await anon.get(`/api/v1/courses/${guqin.id}`)).json.applicants, 1);
    const mine = await p.get('/api/v1/me/courses');
    assert.equal(mine.json.applications.length, 1);
    assert.equal(mine.json.applications[0].term_id, term);
    r = await p.delete(`/api/v1/course-terms/${term}/application`);
    assert.equal(r.status, 200, r.text);
    assertError(await p.get(`/api/v1/course-terms/${term}/application`), 404);
    assert.equal((await anon.get(`/api/v1/courses/${guqin.id}`)).json.applicants, 0);
  });

  it('the teacher checks people in and reads the roster', async () => {
    const k = await publish({ title: '篆刻', teacher_id: teacherId, places: 5 });
    const a = await person(), b = await person();
    const codeA = (await a.post(`/api/v1/courses/${k.id}/enrolments`, {})).json.code;
    const placeB = (await b.post(`/api/v1/courses/${k.id}/enrolments`, {})).json.id;
    const session = k.sessions[0].id;
    // other teachers and citizens may not
    const stranger = await person('teacher', '510402');
    assertError(await stranger.post(`/api/v1/course-sessions/${session}/checkins`, { code: codeA }), 403, 'forbidden');
    assertError(await a.post(`/api/v1/course-sessions/${session}/checkins`, { code: codeA }), 403);
    let r = await teacherClient.post(`/api/v1/course-sessions/${session}/checkins`, { code: codeA });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'checked_in');
    assertError(await teacherClient.post(`/api/v1/course-sessions/${session}/checkins`, { code: codeA }), 409, 'already_checked_in');
    assertError(await teacherClient.post(`/api/v1/course-sessions/${session}/checkins`, { code: 'nosuchcode' }), 404, 'unknown_code');
    assertError(await teacherClient.post(`/api/v1/course-sessions/${k.sessions[1].id}/checkins`, { code: codeA }), 409, 'checkin_not_open');
    r = await teacherClient.post(`/api/v1/course-sessions/${session}/checkins`, { enrolment_id: placeB });
    assert.equal(r.status, 200, r.text);
    const roster = await teacherClient.get(`/api/v1/courses/${k.id}/roster`);
    assert.equal(roster.status, 200, roster.text);
    assert.equal(roster.json.completion_percent, 80);
    assert.equal(roster.json.sessions[0].attended, 2);
    assert.deepEqual(roster.json.items.map((x) => x.attended), [1, 1]);
    assert.equal(roster.json.items[0].completed, false);
    assertError(await stranger.get(`/api/v1/courses/${k.id}/roster`), 403, 'forbidden');
    const mine = await a.get('/api/v1/me/courses');
    const item = mine.json.items.find((x) => x.course.id === k.id);
    assert.equal(item.attended, 1);
    assert.equal(item.sessions, 5);
  });

  it('the pages: the catalogue, a course, enrolling, applying, my courses, a teacher, the roster', async () => {
    const k = await publish({ title: '剪纸（非遗）', category: 'intangible_heritage', teacher_id: teacherId, places: 3 });
    const lot = await publish({ title: '川剧唱腔', category: 'opera', enrolment: 'lottery', places: 2 });
    const web = await person('citizen', '510402001', { useCookie: true });
    await web.csrfToken();
    const post = (path, fields) => web.request('POST', path, {
      body: new URLSearchParams({ _csrf: web.jar.get('wy_csrf'), ...fields }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    let p = await anon.get(`/courses?category=intangible_heritage&q=${encodeURIComponent('剪纸')}`);
    assert.equal(p.status, 200);
    assert.match(p.text, /剪纸（非遗）/);
    assert.match(p.text, /<h1>文化学堂|<h1>课程/);
    assert.doesNotMatch(p.text, /id="course-map"/, 'a page of courses without a venue has no map');
    // the demo's courses at their venues: one point a venue, naming its courses of the page
    p = await anon.get('/courses?limit=100');
    const map = p.text.match(/<section class="card" id="course-map">[\s\S]*?<\/section>/);
    assert.ok(map, 'the catalogue has a map');
    assert.match(map[0], /aria-label="课程所在场馆分布图"/);
    const venue = map[0].match(/<a href="\/venues\/(\d+)"><circle[^>]*><title>([^<]*)<\/title>/);
    assert.ok(venue, map[0].slice(0, 400));
    const [, venueId, title] = venue;
    const v = await anon.get(`/api/v1/venues/${venueId}`);
    assert.equal(v.status, 200);
    assert.ok(title.startsWith(`${v.json.name}: `), title);
    p = await anon.get(`/courses/${k.id}`);
    assert.equal(p.status, 200);
    assert.match(p.text, /王书法/);
    assert.match(p.text, /href="\/login\?next=\/courses\//);
    p = await web.get(`/courses/${k.id}`);
    assert.match(p.text, /id="enrol-form"/);
    let r = await post(`/courses/${k.id}/enrol`, {});
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), '/me/courses?msg=course_enrolled');
    p = await web.get('/me/courses?msg=course_enrolled');
    assert.equal(p.status, 200);
    assert.match(p.text, /id="flash"/);
    assert.match(p.text, /<svg/);
    r = await post(`/courses/${k.id}/enrol`, {});
    assert.equal(r.headers.get('location'), `/courses/${k.id}?msg=course_duplicate`);
    assert.match((await web.get(r.headers.get('location'))).text, /class="form-error"/);
    // a lottery course: added to the application, ranked on the term's page
    r = await post(`/courses/${lot.id}/enrol`, {});
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/course-terms/${term}/apply?msg=course_applied`);
    p = await web.get(r.headers.get('location'));
    assert.equal(p.status, 200);
    assert.match(p.text, /name="choice1"/);
    assert.match(p.text, new RegExp(`<option value="${lot.id}" selected>`));
    r = await post(`/course-terms/${term}/apply`, { choice1: '', choice2: '' });
    assert.equal(r.headers.get('location'), '/me/courses?msg=course_app_withdrawn');
    // a teacher's page, the roster (for the teacher), giving up a place
    p = await anon.get(`/teachers/${teacherId}`);
    assert.equal(p.status, 200);
    assert.match(p.text, /中国书法家协会会员/);
    const staff = new Client(srv.base, { useCookie: true });
    await staff.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    p = await staff.get(`/courses/${k.id}/roster`);
    assert.equal(p.status, 200, p.text);
    assert.match(p.text, /id="roster"/);
    assert.equal((await web.get(`/courses/${k.id}/roster`)).status, 403);
    const place = (await web.get('/api/v1/me/courses')).json.items.find((x) => x.course.id === k.id);
    r = await post(`/course-enrolments/${place.id}/withdraw`, {});
    assert.equal(r.headers.get('location'), '/me/courses?msg=course_withdrawn');
  });
  it('a lottery\'s places are offers: confirmed, declined to the next in line, lapsed by the job; everyone is told', async () => {
    const inbox = async (c) => (await c.get('/api/v1/me/notifications?limit=100')).json.items;
    // a first-come place is told at once
    const fc = await publish({ title: '篆刻入门', places: 5 });
    const someone = await person();
    assert.equal((await someone.post(`/api/v1/courses/${fc.id}/enrolments`, {})).status, 201);
    const told = (await inbox(someone)).find((n) => n.kind === 'course.enrolled');
    assert.ok(told, 'course.enrolled');
    assert.equal(told.course_id, fc.id);
    assert.match(told.text, /篆刻入门/);
    // a term of one lottery course with one place, four applicants
    const t = await district.post('/api/v1/course-terms', {
      division: '510402', name: '2027年秋季公益培训', enrol_opens_at: iso(Date.now() - HOUR), enrol_closes_at: iso(Date.now() + DAY),
      classes_from: cst(Date.now() + 7 * DAY).day, classes_until: cst(Date.now() + 40 * DAY).day, max_courses: 1, max_choices: 1,
    });
    assert.equal(t.status, 201, t.text);
    const lot = await publish({ term_id: t.json.id, title: '古筝', category: 'music_instruments', enrolment: 'lottery', places: 1 });
    const people = [];
    for (let i = 0; i < 4; i++) {
      const c = await person();
      assert.equal((await c.put(`/api/v1/course-terms/${t.json.id}/application`, { choices: [lot.id] })).status, 200);
      people.push(c);
    }
    assert.equal((await district.patch(`/api/v1/course-terms/${t.json.id}`, { enrol_closes_at: iso(Date.now() - 1000) })).status, 200);
    const l = await district.post(`/api/v1/course-terms/${t.json.id}/lottery`);
    assert.equal(l.status, 200, l.text);
    const cm = await district.post(`/api/v1/lotteries/${l.json.id}/commit`, {});
    assert.equal(cm.status, 200, cm.text);
    await sleep(Math.max(0, Date.parse(cm.json.beacon.due_at) - Date.now() + 300));
    const drawnAt = Date.now();
    const d = await district.post(`/api/v1/lotteries/${l.json.id}/draw`, { beacon_value: VALUE });
    assert.equal(d.status, 200, d.text);
    // one offer with its deadline ([courses] confirm_hours, 72), three in line
    const mine = async (c) => (await c.get('/api/v1/me/courses')).json;
    const placeOf = async (c) => (await mine(c)).items.find((x) => x.course.id === lot.id);
    let winner;
    const line = [];
    for (const c of people) {
      const m = await mine(c);
      const place = m.items.find((x) => x.course.id === lot.id);
      const result = (await inbox(c)).find((n) => n.kind === 'course.lottery_result');
      assert.ok(result, 'course.lottery_result');
      assert.equal(result.title, '2027年秋季公益培训');
      if (place) {
        assert.equal(place.status, 'offered');
        assert.equal(place.source, 'lottery');
        const by = Date.parse(place.confirm_by);
        assert.ok(by >= drawnAt + 72 * HOUR - 5000 && by <= Date.now() + 72 * HOUR + 5000, place.confirm_by);
        assert.equal(result.offered[0].enrolment_id, place.id);
        assert.match(result.text, /古筝/);
        winner = { c, place };
      } else {
        const w = m.waiting.find((x) => x.course_id === lot.id);
        assert.ok(w, JSON.stringify(m));
        assert.equal(result.waiting[0].position, w.position);
        assert.match(result.text, /候补/);
        line[w.position - 1] = c;
      }
    }
    assert.ok(winner);
    assert.equal(line.filter(Boolean).length, 3);
    // nobody answers another's offer; a confirmed place is no offer
    assertError(await line[0].post(`/api/v1/course-enrolments/${winner.place.id}/confirm`), 404);
    assertError(await someone.post(`/api/v1/course-enrolments/${(await mine(someone)).items[0].id}/confirm`), 409, 'not_offered');
    // the my-courses page offers the two answers
    let p = await winner.c.get('/me/courses', { bearer: false });
    assert.match(p.text, new RegExp(`action="/course-enrolments/${winner.place.id}/confirm"`));
    assert.match(p.text, new RegExp(`action="/course-enrolments/${winner.place.id}/decline"`));
    // the course's own page says it is an offer, not yet a place
    p = await winner.c.get(`/courses/${winner.place.course.id}`, { bearer: false });
    assert.match(p.text, /您获得了这个名额，请在此时间前确认： \d{4}-\d\d-\d\d \d\d:\d\d/);
    assert.doesNotMatch(p.text, /您已报名该课程。/);
    // the winner declines on the page: the first in line is offered the place, and told
    await winner.c.csrfToken();
    const r = await winner.c.request('POST', `/course-enrolments/${winner.place.id}/decline`, {
      bearer: false, // the page, with the session's cookie
      body: new URLSearchParams({ _csrf: winner.c.jar.get('wy_csrf') }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), '/me/courses?msg=course_declined');
    assert.equal((await placeOf(winner.c)).status, 'declined');
    const first = await placeOf(line[0]);
    assert.equal(first.status, 'offered');
    const offer = (await inbox(line[0])).find((n) => n.kind === 'course.offer');
    assert.ok(offer, 'course.offer');
    assert.equal(offer.enrolment_id, first.id);
    assert.equal(Date.parse(offer.confirm_by), Date.parse(first.confirm_by));
    assert.equal((await placeOf(line[1])), undefined);
    // the first confirms through the API: a place for good
    let c = await line[0].post(`/api/v1/course-enrolments/${first.id}/confirm`);
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.status, 'confirmed');
    assert.equal(c.json.code, first.code);
    assertError(await line[0].post(`/api/v1/course-enrolments/${first.id}/confirm`), 409, 'not_offered');
    // and gives it up before the course begins: the second is offered it
    assert.equal((await line[0].delete(`/api/v1/course-enrolments/${first.id}`)).status, 200);
    assert.ok((await inbox(line[0])).find((n) => n.kind === 'course.withdrawn'));
    const second = await placeOf(line[1]);
    assert.equal(second.status, 'offered');
    // the second lets the deadline pass: the job lapses the offer, the third is offered
    sql(srv.db, `UPDATE course_enrolments SET confirm_by = 1000 WHERE id = ${second.id}`);
    assertError(await line[1].post(`/api/v1/course-enrolments/${second.id}/confirm`), 409, 'offer_lapsed');
    const cli = runCli(['jobs', '--once', '--db', srv.db]);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    assert.equal((await placeOf(line[1])).status, 'lapsed');
    assert.ok((await inbox(line[1])).find((n) => n.kind === 'course.offer_lapsed'));
    assert.equal((await placeOf(line[2])).status, 'offered');
    assert.ok((await inbox(line[2])).find((n) => n.kind === 'course.offer'));
    // once: the job again changes nothing
    assert.equal(runCli(['jobs', '--once', '--db', srv.db]).code, 0);
    assert.equal((await placeOf(line[2])).status, 'offered');
    // the declined place cannot be answered any more
    assertError(await winner.c.post(`/api/v1/course-enrolments/${winner.place.id}/decline`), 409, 'not_offered');
  });
});
