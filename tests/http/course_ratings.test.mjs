// Ratings of courses and teachers (the core's ratings, as for activities): only people checked
// in at a session of the course (of one of the teacher's courses) that has ended may rate it,
// 403 not_attended for everyone else; one rating a person, a second replaces the first and waits
// for moderation again; staff who publish over the division approve or reject, and only approved
// ratings show and count, in the API, on the course's and the teacher's pages and in the
// catalogue; the moderation queue lists every kind.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, freshPhone } from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const PASSWORD = 'Rating2026pw';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const cst = (ms) => {
  const d = new Date(ms + 8 * HOUR);
  return { day: d.toISOString().slice(0, 10), weekday: d.getUTCDay() || 7 };
};

describe('course and teacher ratings', () => {
  let srv, admin, district, rv1, rv2, anon, course, otherCourse, teacherId;
  let A, B, C, N; // A and B attended, C holds a place but did not come, N has nothing

  async function person(opts) {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '李学员', role: 'citizen', division: '510402001' });
    assert.equal(r.status, 201, r.text);
    const c = new Client(srv.base, opts);
    await c.login(phone, PASSWORD);
    c.id = r.json.id;
    return c;
  }

  async function publish(body) {
    const r = await district.post('/api/v1/courses', { category: 'calligraphy_painting', division: '510402', places: 20, enrolment: 'first_come', ...body });
    assert.equal(r.status, 201, r.text);
    assert.equal((await district.post(`/api/v1/courses/${r.json.id}/submit`)).status, 200);
    const q = await rv1.get('/api/v1/reviews?status=pending&limit=200');
    const item = q.json.items.find((x) => x.content_type === 'course' && x.content_id === r.json.id);
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
    // a term whose one class was yesterday, its enrolment still open
    const y = cst(Date.now() - DAY);
    const t = await district.post('/api/v1/course-terms', {
      division: '510402', name: '2026年冬季公益培训', enrol_opens_at: iso(Date.now() - HOUR), enrol_closes_at: iso(Date.now() + 3 * DAY),
      classes_from: y.day, classes_until: y.day, max_courses: 4, max_choices: 2,
    });
    assert.equal(t.status, 201, t.text);
    const tu = await admin.post('/api/v1/accounts', { phone: freshPhone(), password: PASSWORD, name: '赵老师', role: 'teacher', division: '510402' });
    assert.equal(tu.status, 201, tu.text);
    const p = await district.post('/api/v1/teachers', { user_id: tu.json.id, division: '510402', name: '赵丹青', specialties: ['国画'], titles: [], bio: '国画教师。' });
    assert.equal(p.status, 201, p.text);
    teacherId = p.json.id;
    const schedule = [{ weekday: y.weekday, starts: '10:00', ends: '11:00' }];
    course = await publish({ term_id: t.json.id, teacher_id: teacherId, title: '国画入门', schedule });
    otherCourse = await publish({ term_id: t.json.id, title: '篆刻入门', schedule });
    [A, B, C, N] = await Promise.all([person(), person(), person(), person()]);
    for (const who of [A, B, C]) {
      const e = await who.post(`/api/v1/courses/${course.id}/enrolments`, {});
      assert.equal(e.status, 201, e.text);
      who.enrolment = e.json.id;
    }
    for (const who of [A, B]) {
      const r = await district.post(`/api/v1/course-sessions/${course.sessions[0].id}/checkins`, { enrolment_id: who.enrolment });
      assert.equal(r.status, 200, r.text);
    }
  });
  after(async () => {
    await srv?.stop();
  });

  it('refuses whoever did not attend, with a clear code', async () => {
    const rate = (who, id = course.id) => who.post(`/api/v1/courses/${id}/ratings`, { score: 5 });
    assertError(await rate(anon), 401);
    assertError(await rate(C), 403, 'not_attended');
    assertError(await rate(N), 403, 'not_attended');
    assertError(await rate(A, otherCourse.id), 403, 'not_attended'); // another course
    assertError(await rate(A, 999999), 404, 'not_found');
    assertError(await A.post(`/api/v1/courses/${course.id}/ratings`, { score: 6 }), 400, 'bad_score');
    assertError(await N.post(`/api/v1/teachers/${teacherId}/ratings`, { score: 5 }), 403, 'not_attended');
    assertError(await C.post(`/api/v1/teachers/${teacherId}/ratings`, { score: 5 }), 403, 'not_attended');
    const r = await C.post(`/api/v1/courses/${course.id}/ratings`, { score: 5 });
    assert.match(r.json.error.message, /课程|course/i); // the course's own message, not the activities'
  });

  it('takes one rating a person, shows it once approved, and moderation hides', async () => {
    const r1 = await A.post(`/api/v1/courses/${course.id}/ratings`, { score: 3, comment: '老师讲得细' });
    assert.equal(r1.status, 201, r1.text);
    assert.equal(r1.json.status, 'pending');
    assert.equal(r1.json.subject, 'course');
    assert.equal(r1.json.course_id, course.id);
    assert.equal(r1.json.course_title, '国画入门');
    assert.equal(r1.json.own, true);
    // the same person again: the rating is replaced, not added
    const r2 = await A.post(`/api/v1/courses/${course.id}/ratings`, { score: 5, comment: '受益匪浅' });
    assert.equal(r2.status, 200, r2.text);
    assert.equal(r2.json.id, r1.json.id);
    assert.equal(r2.json.score, 5);
    // nothing shows before moderation
    let list = await anon.get(`/api/v1/courses/${course.id}/ratings`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items, []);
    assert.deepEqual(list.json.rating, { average: null, count: 0 });
    // the queue of the division's staff lists it, with its kind
    const q = await district.get('/api/v1/ratings');
    const item = q.json.items.find((x) => x.id === r1.json.id);
    assert.ok(item, q.text);
    assert.equal(item.subject, 'course');
    assert.equal(item.course_title, '国画入门');
    // a citizen moderates nothing
    assertError(await B.post(`/api/v1/ratings/${r1.json.id}/decision`, { decision: 'approve' }), 403);
    let d = await district.post(`/api/v1/ratings/${r1.json.id}/decision`, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.status, 'approved');
    // B's 1 is rejected: it never counts
    const rb = await B.post(`/api/v1/courses/${course.id}/ratings`, { score: 1, comment: '广告' });
    assert.equal(rb.status, 201, rb.text);
    assertError(await district.post(`/api/v1/ratings/${rb.json.id}/decision`, { decision: 'reject' }), 400, 'reason_required');
    d = await district.post(`/api/v1/ratings/${rb.json.id}/decision`, { decision: 'reject', reason: '与课程无关' });
    assert.equal(d.json.status, 'rejected');
    list = await anon.get(`/api/v1/courses/${course.id}/ratings`);
    assert.equal(list.json.items.length, 1, list.text);
    assert.equal(list.json.items[0].comment, '受益匪浅');
    assert.equal(list.json.items[0].user, '李**');
    assert.deepEqual(list.json.rating, { average: 5, count: 1 });
    const got = await anon.get(`/api/v1/courses/${course.id}`);
    assert.deepEqual(got.json.rating, { average: 5, count: 1 });
    // the average on the course's page and in the catalogue
    const page = await anon.get(`/courses/${course.id}`);
    assert.match(page.text, /id="course-ratings"/);
    assert.match(page.text, /id="rating-average">[^<]*5\.0/);
    assert.match(page.text, /受益匪浅/);
    assert.doesNotMatch(page.text, /广告/);
    const cat = await anon.get('/courses?division=510402');
    assert.match(cat.text, /class="rating">[^<]*5\.0/);
    // rated again: pending again, hidden until decided
    const r3 = await A.post(`/api/v1/courses/${course.id}/ratings`, { score: 4 });
    assert.equal(r3.status, 200, r3.text);
    assert.equal(r3.json.status, 'pending');
    list = await anon.get(`/api/v1/courses/${course.id}/ratings`);
    assert.deepEqual(list.json.items, []);
    assert.deepEqual(list.json.rating, { average: null, count: 0 });
  });

  it('rates the teacher of a course one attended; the average is on the teacher page', async () => {
    const r = await A.post(`/api/v1/teachers/${teacherId}/ratings`, { score: 4, comment: '耐心' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.subject, 'teacher');
    assert.equal(r.json.teacher_id, teacherId);
    assert.equal(r.json.teacher_title, '赵丹青');
    const again = await A.post(`/api/v1/teachers/${teacherId}/ratings`, { score: 5, comment: '耐心细致' });
    assert.equal(again.status, 200, again.text);
    const b = await B.post(`/api/v1/teachers/${teacherId}/ratings`, { score: 4 });
    assert.equal(b.status, 201, b.text);
    for (const id of [r.json.id, b.json.id]) assert.equal((await district.post(`/api/v1/ratings/${id}/decision`, { decision: 'approve' })).status, 200);
    const list = await anon.get(`/api/v1/teachers/${teacherId}/ratings`);
    assert.equal(list.json.items.length, 2, list.text);
    assert.deepEqual(list.json.rating, { average: 4.5, count: 2 });
    assert.deepEqual((await anon.get(`/api/v1/teachers/${teacherId}`)).json.rating, { average: 4.5, count: 2 });
    const page = await anon.get(`/teachers/${teacherId}`);
    assert.match(page.text, /id="teacher-rating">[^<]*4\.5/);
    assert.match(page.text, /耐心细致/);
    // the course's ratings are the course's: the teacher's do not count there
    assert.equal((await anon.get(`/api/v1/courses/${course.id}/ratings`)).json.rating.count, 0);
  });

  it('offers the form to those who attended, and takes it', async () => {
    const form = new Client(srv.base, { useCookie: true });
    const phone = freshPhone();
    assert.equal((await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '钱学员', role: 'citizen', division: '510402001' })).status, 201);
    await form.login(phone, PASSWORD);
    assert.doesNotMatch((await form.get(`/courses/${course.id}`)).text, /id="rating-form"/);
    const e = await form.post(`/api/v1/courses/${course.id}/enrolments`, {}, { csrf: true });
    assert.equal(e.status, 201, e.text);
    assert.doesNotMatch((await form.get(`/courses/${course.id}`)).text, /id="rating-form"/);
    assert.equal((await district.post(`/api/v1/course-sessions/${course.sessions[0].id}/checkins`, { enrolment_id: e.json.id })).status, 200);
    const page = await form.get(`/courses/${course.id}`);
    assert.match(page.text, new RegExp(`id="rating-form" action="/courses/${course.id}/rate"`));
    assert.match((await form.get(`/teachers/${teacherId}`)).text, new RegExp(`action="/teachers/${teacherId}/rate"`));
    const csrf = await form.csrfToken();
    const post = (path, fields) => form.request('POST', path, {
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    let r = await post(`/courses/${course.id}/rate`, { score: '5', comment: '很好' });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/courses/${course.id}?msg=rated`);
    r = await post(`/teachers/${teacherId}/rate`, { score: '5', comment: '很好' });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/teachers/${teacherId}?msg=rated`);
    const q = await district.get('/api/v1/ratings');
    assert.ok(q.json.items.some((x) => x.subject === 'course' && x.comment === '很好'), q.text);
    assert.ok(q.json.items.some((x) => x.subject === 'teacher' && x.comment === '很好'), q.text);
    // a page refusal for someone who did not come
    const n = new Client(srv.base, { useCookie: true });
    const np = freshPhone();
    assert.equal((await admin.post('/api/v1/accounts', { phone: np, password: PASSWORD, name: '孙学员', role: 'citizen', division: '510402001' })).status, 201);
    await n.login(np, PASSWORD);
    const nc = await n.csrfToken();
    r = await n.request('POST', `/courses/${course.id}/rate`, {
      body: new URLSearchParams({ _csrf: nc, score: '5' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 403, r.text.slice(0, 200));
  });

  it('lists the moderation of every kind on the organiser page', async () => {
    const form = new Client(srv.base, { useCookie: true });
    await form.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    const page = await form.get('/organiser');
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`href="/courses/${course.id}">国画入门`));
    assert.match(page.text, new RegExp(`href="/teachers/${teacherId}">赵丹青`));
  });
});
