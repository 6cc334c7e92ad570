// Completion certificates of courses (core/certificate.c through mod/courses/completion.c) and
// the certificates module's public check: a course whose one class was yesterday gives a
// certificate to each person who attended enough, once, issued by its staff only after the
// class; the code checks as valid with the holder masked and nothing personal, typed in any
// case; the printable certificate is its holder's (and its staff's); a revocation needs a
// reason, is kept, and the code then checks as revoked; checks are counted per address.
// Materials of a course are posted by its teacher and read by its learners only. The staff's
// forms write terms and courses with the rules' messages at the fields. Both backends.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, DEMO, loginAs, assertError, freshPhone } from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const PASSWORD = 'Cert2026pw';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const cst = (ms) => {
  const d = new Date(ms + 8 * HOUR);
  return { day: d.toISOString().slice(0, 10), hhmm: d.toISOString().slice(11, 16), weekday: d.getUTCDay() || 7 };
};
const PER_MINUTE = 40; // [certificates] verify_per_minute of this server

describe('certificates', () => {
  let srv, admin, district, rv1, rv2, anon, teacher, teacherId, venue;
  let past, future, people, certA;

  async function person(name, role = 'citizen', division = '510402001', opts) {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name, role, division });
    assert.equal(r.status, 201, r.text);
    const c = new Client(srv.base, opts);
    await c.login(phone, PASSWORD);
    c.id = r.json.id;
    c.phone = phone;
    return c;
  }

  async function approve(type, id) {
    const q = await rv1.get('/api/v1/reviews?status=pending&limit=200');
    const item = q.json.items.find((x) => x.content_type === type && x.content_id === id);
    assert.ok(item, q.text);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).json.status, 'published');
  }

  async function publish(term, schedule, extra = {}) {
    const r = await district.post('/api/v1/courses', {
      term_id: term, title: '书法入门（楷书）', category: 'calligraphy_painting', division: '510402', venue_id: venue,
      schedule, places: 20, enrolment: 'first_come', teacher_id: teacherId, ...extra,
    });
    assert.equal(r.status, 201, r.text);
    assert.equal((await district.post(`/api/v1/courses/${r.json.id}/submit`)).status, 200);
    await approve('course', r.json.id);
    return r.json;
  }

  async function term(from, until) {
    const t = await district.post('/api/v1/course-terms', {
      division: '510402', name: '2026年秋季公益培训', enrol_opens_at: iso(Date.now() - HOUR), enrol_closes_at: iso(Date.now() + 3 * DAY),
      classes_from: from, classes_until: until, max_courses: 3, max_choices: 2,
    });
    assert.equal(t.status, 201, t.text);
    return t.json.id;
  }

  const verify = (c, code) => c.get(`/api/v1/certificates/verify?code=${encodeURIComponent(code)}`);

  before(async () => {
    srv = await startServer({
      config: {
        auth: { password_memlimit_kib: 8, password_opslimit: 1 },
        certificates: { verify_per_minute: PER_MINUTE, verify_per_hour: 1000 },
        courses: { material_max_bytes: 4096 },
      },
    });
    [admin, district, rv1, rv2] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
    ]);
    anon = new Client(srv.base);
    const venues = await anon.get('/api/v1/venues?division=510402&limit=100');
    venue = venues.json.items.find((v) => v.name === '攀枝花市文化馆')?.id ?? venues.json.items[0].id;
    teacher = await person('李老师', 'teacher', '510402');
    const p = await district.post('/api/v1/teachers', { user_id: teacher.id, division: '510402', name: '李老师', specialties: ['书法'] });
    assert.equal(p.status, 201, p.text);
    teacherId = p.json.id;
    // a course whose one class was yesterday, and one whose classes are to come
    const y = cst(Date.now() - DAY);
    past = await publish(await term(y.day, y.day), [{ weekday: y.weekday, starts: '10:00', ends: '11:30' }]);
    const t = cst(Date.now() + 2 * DAY);
    future = await publish(await term(t.day, t.day), [{ weekday: t.weekday, starts: '10:00', ends: '11:30' }], { title: '国画山水' });
    // three people with a place: 王小梅 and 欧阳明 attended, 张三 did not
    people = [await person('王小梅'), await person('欧阳明'), await person('张三')];
    for (const c of people) {
      const e = await c.post(`/api/v1/courses/${past.id}/enrolments`, {});
      assert.equal(e.status, 201, e.text);
      c.enrolment = e.json.id;
    }
    for (const c of people.slice(0, 2)) {
      const r = await teacher.post(`/api/v1/course-sessions/${past.sessions[0].id}/checkins`, { enrolment_id: c.enrolment });
      assert.equal(r.status, 200, r.text);
    }
  });
  after(async () => {
    await srv?.stop();
    cleanup(srv?.dir);
  });

  it('the staff issue the certificates once the course is over, each learner who completed gets one, once', async () => {
    // not the learners, the teacher or another district's admin
    assertError(await people[0].post(`/api/v1/courses/${past.id}/certificates`), 403, 'forbidden');
    assertError(await teacher.post(`/api/v1/courses/${past.id}/certificates`), 403, 'forbidden');
    const west = await person('西区管理员', 'district_admin', '510403');
    const w = await west.post(`/api/v1/courses/${past.id}/certificates`);
    assert.ok(w.status === 403 || w.status === 404, w.text);
    assertError(await anon.post(`/api/v1/courses/${past.id}/certificates`), 401);
    // before the last class has ended
    const early = await district.post(`/api/v1/courses/${future.id}/certificates`);
    assertError(early, 409, 'not_over');
    assert.ok(early.json.error.opens_at, 'says when it will be possible');
    let r = await district.post(`/api/v1/courses/${past.id}/certificates`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.issued, 2);
    assert.equal(r.json.not_completed, 1);
    const year = cst(Date.now()).day.slice(0, 4);
    for (const c of r.json.certificates) assert.match(c.number, new RegExp(`^KC-${year}-\\d{6}$`));
    assert.deepEqual(r.json.certificates.map((c) => c.holder_name).sort(), ['欧阳明', '王小梅']);
    // again: nobody gets a second one
    r = await district.post(`/api/v1/courses/${past.id}/certificates`);
    assert.equal(r.json.issued, 0);
    assert.equal(r.json.existing, 2);
    // my courses links it; the roster shows who holds one
    const mine = await people[0].get('/api/v1/me/courses');
    const item = mine.json.items.find((x) => x.course.id === past.id);
    assert.equal(item.completed, true);
    assert.match(item.certificate.url, /^\/certificates\/\d+\/print$/);
    certA = item.certificate.id;
    const none = (await people[2].get('/api/v1/me/courses')).json.items.find((x) => x.course.id === past.id);
    assert.equal(none.certificate, null);
    const roster = await teacher.get(`/api/v1/courses/${past.id}/roster`);
    assert.deepEqual(roster.json.items.map((x) => [x.completed, !!x.certificate]), [[true, true], [true, true], [false, false]]);
    // the pages: the roster says it, my courses links it
    const web = await person('网页管理员', 'district_admin', '510402', { useCookie: true });
    let p = await web.get(`/courses/${past.id}/roster`);
    assert.match(p.text, /id="completion-summary"/);
    assert.match(p.text, /href="\/certificates\/\d+\/print">KC-/);
    assert.match(p.text, /id="issue-certificates"/);
    p = await teacher.get(`/courses/${past.id}/roster`);
    assert.doesNotMatch(p.text, /id="issue-certificates"/, 'the teacher sees who completed; the staff issue');
    assert.match(p.text, /KC-\d{4}-\d{6}/);
    p = await people[0].get('/me/courses');
    assert.match(p.text, new RegExp(`class="my-certificate" href="/certificates/${certA}/print"`));
    // the button of the roster issues too (and says so)
    await web.csrfToken();
    r = await web.request('POST', `/courses/${past.id}/certificates`, {
      body: new URLSearchParams({ _csrf: web.jar.get('wy_csrf') }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/courses/${past.id}/roster?msg=course_certificates_issued`);
    r = await web.request('POST', `/courses/${future.id}/certificates`, {
      body: new URLSearchParams({ _csrf: web.jar.get('wy_csrf') }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.headers.get('location'), `/courses/${future.id}/roster?msg=course_not_over`);
  });

  it('anyone checks a code: valid, the holder masked, nothing personal; unknown codes are 404', async () => {
    const full = await people[0].get(`/api/v1/certificates/${certA}`);
    assert.equal(full.status, 200, full.text);
    assert.equal(full.json.holder.name, '王小梅');
    assert.match(full.json.code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.equal(full.json.verify_url, `${srv.base}/certificates/verify?code=${full.json.code.replace(/-/g, '')}`);
    assert.ok(full.json.facts.some((f) => f.label === '课程' && f.value === '书法入门（楷书）'));
    assert.ok(full.json.facts.some((f) => f.label === '出勤' && f.value === '1 / 1 次'));
    assert.equal(full.json.issuer, '攀枝花市文化馆');
    // read whole by its holder and the staff; nobody else
    assertError(await people[1].get(`/api/v1/certificates/${certA}`), 404);
    assertError(await teacher.get(`/api/v1/certificates/${certA}`), 404);
    assertError(await anon.get(`/api/v1/certificates/${certA}`), 401);
    assert.equal((await district.get(`/api/v1/certificates/${certA}`)).status, 200);

    const code = full.json.code;
    let r = await verify(anon, code);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'valid');
    assert.equal(r.json.holder, '王*梅');
    assert.equal(r.json.number, full.json.number);
    assert.equal(r.json.title, '结业证书');
    assert.deepEqual(Object.keys(r.json).sort(), ['body', 'facts', 'holder', 'issued_on', 'issuer', 'kind', 'kind_label', 'number', 'revoked_at', 'status', 'title']);
    assert.doesNotMatch(r.text, /王小梅|\d{11}/, 'no full name, no phone');
    // as typed: lower case, spaces, O for 0 and l for 1 where they are
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
    r = await verify(anon, typed);
    assert.equal(r.json.number, full.json.number);
    assertError(await verify(anon, '0000-0000-0000-0000'), 404, 'unknown_certificate');
    assertError(await verify(anon, 'not-a-code'), 404, 'unknown_certificate');
    assertError(await anon.get('/api/v1/certificates/verify'), 400, 'missing_code');
    // the pages: the check's form and verdict, the address a QR code opens
    let p = await anon.get(`/certificates/verify?code=${code}`);
    assert.equal(p.status, 200);
    assert.match(p.text, /id="verify-result"/);
    assert.match(p.text, /class="card verify-result valid"/);
    assert.match(p.text, /王\*梅/);
    assert.doesNotMatch(p.text, /王小梅/);
    p = await anon.get(`/certificates/${code}`);
    assert.equal(p.status, 200);
    assert.match(p.text, new RegExp(full.json.number));
    p = await anon.get('/certificates/ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    assert.equal(p.status, 404);
    assert.match(p.text, /verify-result unknown/);
    p = await anon.get('/certificates/verify');
    assert.equal(p.status, 200);
    assert.match(p.text, /id="verify-form"/);
  });

  it('the printable certificate: its holder\'s, with the QR code of the check', async () => {
    let p = await people[0].get(`/certificates/${certA}/print`);
    assert.equal(p.status, 200, p.text);
    assert.match(p.text, /<article class="certificate" id="certificate"/);
    assert.match(p.text, /id="cert-holder">王小梅</);
    assert.match(p.text, /<figure class="cert-qr" id="cert-qr"><svg/);
    assert.match(p.text, /id="cert-number">KC-/);
    assert.doesNotMatch(p.text, /id="revoke-form"/, 'the holder revokes nothing');
    p = await people[1].get(`/certificates/${certA}/print`);
    assert.equal(p.status, 404);
    p = await anon.get(`/certificates/${certA}/print`);
    assert.equal(p.status, 303);
    p = await district.get(`/certificates/${certA}/print`);
    assert.match(p.text, /id="revoke-form"/);
    p = await people[0].get('/me/certificates');
    assert.match(p.text, new RegExp(`href="/certificates/${certA}/print"`));
    const list = await people[0].get('/api/v1/me/certificates');
    assert.equal(list.json.items.length, 1);
  });

  it('a revocation needs a reason, is kept, and the code then checks as revoked', async () => {
    const full = (await people[1].get('/api/v1/me/certificates')).json.items[0];
    assertError(await people[1].post(`/api/v1/certificates/${full.id}/revoke`, { reason: '误发' }), 403);
    assertError(await teacher.post(`/api/v1/certificates/${full.id}/revoke`, { reason: '误发' }), 403);
    const west = await person('西区管理员二', 'district_admin', '510403');
    const w = await west.post(`/api/v1/certificates/${full.id}/revoke`, { reason: '误发' });
    assert.ok(w.status === 403 || w.status === 404, w.text);
    assertError(await district.post(`/api/v1/certificates/${full.id}/revoke`, { reason: '  ' }), 400, 'reason_required');
    assertError(await district.post(`/api/v1/certificates/${full.id}/revoke`, {}), 400, 'reason_required');
    let r = await district.post(`/api/v1/certificates/${full.id}/revoke`, { reason: '出勤记录有误' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'revoked');
    assert.equal(r.json.revoke_reason, '出勤记录有误');
    assertError(await district.post(`/api/v1/certificates/${full.id}/revoke`, { reason: '再次' }), 409, 'not_valid');
    r = await verify(anon, full.code);
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'revoked');
    assert.ok(r.json.revoked_at);
    assert.doesNotMatch(r.text, /出勤记录有误/, 'the reason is not public');
    let p = await anon.get(`/certificates/verify?code=${full.code}`);
    assert.match(p.text, /verify-result revoked/);
    p = await people[1].get(`/certificates/${full.id}/print`);
    assert.match(p.text, /id="cert-revoked"/);
    assert.match(p.text, /出勤记录有误/, 'its holder sees why');
    // on record: the audit log has it
    const log = await admin.get(`/api/v1/audit?division=510402&object_type=certificate&limit=50`);
    assert.equal(log.status, 200, log.text);
    assert.ok(log.json.items.some((e) => e.action === 'certificate.revoke' && e.reason === '出勤记录有误'), log.text);
    // issued again, it is a new certificate: a new number and code
    r = await district.post(`/api/v1/courses/${past.id}/certificates`);
    assert.equal(r.json.issued, 1);
    assert.notEqual(r.json.certificates[0].number, full.number);
    // the page's form revokes too
    const web = new Client(srv.base, { useCookie: true });
    await web.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    await web.csrfToken();
    r = await web.request('POST', `/certificates/${r.json.certificates[0].id}/revoke`, {
      body: new URLSearchParams({ _csrf: web.jar.get('wy_csrf'), reason: '重复颁发' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), /^\/certificates\/\d+\/print\?msg=certificate_revoked$/);
  });

  it('materials: posted by the teacher, read by the learners and staff only', async () => {
    const body = '第一课讲义：永字八法';
    let r = await teacher.request('POST', `/api/v1/courses/${past.id}/materials?name=${encodeURIComponent('讲义 第1课.txt')}`, {
      body, headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
    assert.equal(r.status, 201, r.text);
    const m = r.json;
    assert.equal(m.filename, '讲义 第1课.txt');
    assert.equal(m.url, `/api/v1/course-materials/${m.id}`);
    // too large, empty, a name with a slash; a learner may not post
    r = await teacher.request('POST', `/api/v1/courses/${past.id}/materials?name=big.bin`, { body: 'x'.repeat(5000), headers: { 'Content-Type': 'application/octet-stream' } });
    assertError(r, 400, 'file_too_large');
    r = await teacher.request('POST', `/api/v1/courses/${past.id}/materials?name=a/b.txt`, { body: 'x', headers: { 'Content-Type': 'text/plain' } });
    assertError(r, 400, 'bad_filename');
    r = await people[0].request('POST', `/api/v1/courses/${past.id}/materials?name=a.txt`, { body: 'x', headers: { 'Content-Type': 'text/plain' } });
    assertError(r, 403);
    // read by the learners (even one who did not complete), not by others
    for (const c of [people[0], people[2], teacher, district]) {
      const l = await c.get(`/api/v1/courses/${past.id}/materials`);
      assert.equal(l.status, 200, l.text);
      assert.ok(l.json.items.some((x) => x.id === m.id));
    }
    const stranger = await person('路人');
    assertError(await stranger.get(`/api/v1/courses/${past.id}/materials`), 403, 'learners_only');
    assertError(await stranger.get(`/api/v1/course-materials/${m.id}`), 403, 'learners_only');
    assertError(await anon.get(`/api/v1/courses/${past.id}/materials`), 401);
    r = await people[0].get(`/api/v1/course-materials/${m.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.text, body);
    assert.match(r.headers.get('content-type'), /^text\/plain/);
    assert.equal(r.headers.get('content-disposition'), `attachment; filename*=UTF-8''${encodeURIComponent('讲义 第1课.txt')}`);
    // another module's file is not a material
    // the course's page lists them for a learner, with the teacher's form for the teacher
    let p = await people[0].get(`/courses/${past.id}`);
    assert.match(p.text, /id="course-materials"/);
    assert.match(p.text, new RegExp(`href="/api/v1/course-materials/${m.id}"`));
    assert.doesNotMatch(p.text, /id="material-form"/);
    p = await stranger.get(`/courses/${past.id}`);
    assert.doesNotMatch(p.text, /id="course-materials"/);
    p = await anon.get(`/courses/${past.id}`);
    assert.doesNotMatch(p.text, /id="course-materials"/);
    // the teacher's form: a file from the page
    const web = new Client(srv.base, { useCookie: true });
    await web.login(teacher.phone, PASSWORD);
    await web.csrfToken();
    p = await web.get(`/courses/${past.id}`);
    assert.match(p.text, /id="material-form"/);
    const f = new FormData();
    f.append('_csrf', web.jar.get('wy_csrf'));
    f.append('file', new Blob(['练习字帖'], { type: 'text/plain' }), '字帖.txt');
    r = await web.request('POST', `/courses/${past.id}/materials`, { body: f });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), `/courses/${past.id}?msg=course_material_added#course-materials`);
    const l = await people[0].get(`/api/v1/courses/${past.id}/materials`);
    assert.ok(l.json.items.some((x) => x.filename === '字帖.txt'));
    const g = new FormData();
    g.append('_csrf', web.jar.get('wy_csrf'));
    g.append('file', new Blob(['x'.repeat(5000)], { type: 'text/plain' }), 'big.txt');
    r = await web.request('POST', `/courses/${past.id}/materials`, { body: g });
    assert.equal(r.headers.get('location'), `/courses/${past.id}?msg=course_file_too_large`);
    const e = new FormData();
    e.append('_csrf', web.jar.get('wy_csrf'));
    r = await web.request('POST', `/courses/${past.id}/materials`, { body: e });
    assert.equal(r.headers.get('location'), `/courses/${past.id}?msg=course_empty_file`, 'no file chosen');
  });

  it('the staff write a term and a course in the browser, with the rules\' messages at the fields', async () => {
    const web = new Client(srv.base, { useCookie: true });
    await web.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    await web.csrfToken();
    const post = (path, fields) => web.request('POST', path, {
      body: new URLSearchParams({ _csrf: web.jar.get('wy_csrf'), ...fields }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    let p = await web.get('/admin/courses');
    assert.equal(p.status, 200);
    assert.match(p.text, /id="staff-terms"/);
    assert.match(p.text, /id="staff-courses"/);
    assert.match(p.text, new RegExp(`data-id="${past.id}"`));
    assert.equal((await people[0].get('/admin/courses')).status, 403);
    p = await web.get('/admin/course-terms/new');
    assert.match(p.text, /id="term-form"/);
    // a term whose classes end before they start: the form again, with what was typed
    const termFields = {
      division: '510402', name: '2027年春季', enrol_opens_at: '2027-02-20T09:00', enrol_closes_at: '2027-02-27T18:00',
      classes_from: '2027-03-06', classes_until: '2027-03-01', max_courses: '2', max_choices: '3',
    };
    let r = await post('/admin/course-terms', termFields);
    assert.equal(r.status, 400);
    assert.match(r.text, /id="form-error"/);
    assert.match(r.text, /name="classes_until" value="2027-03-01" required aria-invalid="true" aria-describedby="error-classes_until"/);
    assert.match(r.text, /id="error-classes_until"/);
    assert.match(r.text, /value="2027年春季"/);
    r = await post('/admin/course-terms', { ...termFields, classes_until: '2027-06-26', division: '510403' });
    assert.equal(r.status, 403, 'another district');
    r = await post('/admin/course-terms', { ...termFields, classes_until: '2027-06-26', returning_after_new: '1' });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), '/admin/courses?msg=term_created');
    const terms = await anon.get('/api/v1/course-terms?division=510402&limit=100');
    const t = terms.json.items.find((x) => x.name === '2027年春季');
    assert.ok(t, terms.text);
    assert.equal(t.returning_after_new, true);
    assert.equal(t.enrol_opens_at, '2027-02-20T09:00:00+08:00');
    // its form again, changed
    p = await web.get(`/admin/course-terms/${t.id}/edit`);
    assert.match(p.text, /name="enrol_opens_at" value="2027-02-20T09:00"/);
    r = await post(`/admin/course-terms/${t.id}/edit`, { ...termFields, classes_until: '2027-06-26', max_courses: '3' });
    assert.equal(r.headers.get('location'), '/admin/courses?msg=term_saved');
    assert.equal((await anon.get(`/api/v1/course-terms/${t.id}`)).json.max_courses, 3);
    // a course: the form offers the term, the teachers and the venues
    p = await web.get(`/admin/courses/new?term=${t.id}`);
    assert.match(p.text, new RegExp(`<option value="${t.id}" selected>`));
    assert.match(p.text, new RegExp(`<option value="${teacherId}">李老师`));
    assert.match(p.text, /name="weekday1"/);
    const courseFields = {
      term_id: String(t.id), title: '少儿书法', category: 'calligraphy_painting', level: 'beginner', description: '描红与临帖',
      division: '510402', venue_id: String(venue), room: '书画室', places: '25', enrolment: 'first_come', age_min: '7', age_max: '12',
      delivery: 'onsite', online_kind: 'live', teacher_id: String(teacherId), then: 'save',
    };
    // no weekly slot: refused at the schedule
    r = await post('/admin/courses', courseFields);
    assert.equal(r.status, 400, r.text.slice(0, 300));
    assert.match(r.text, /id="error-schedule"/);
    assert.match(r.text, /value="少儿书法"/);
    // a slot that ends before it starts: refused, and the row is kept as typed
    r = await post('/admin/courses', { ...courseFields, weekday1: '6', starts1: '10:00', ends1: '09:00' });
    assert.equal(r.status, 400);
    assert.match(r.text, /name="starts1" aria-label="[^"]*" value="10:00"/);
    // ages the wrong way round
    r = await post('/admin/courses', { ...courseFields, weekday1: '6', starts1: '09:00', ends1: '10:30', age_min: '12', age_max: '7' });
    assert.equal(r.status, 400);
    assert.match(r.text, /name="age_max" value="7" aria-invalid="true"/);
    // saved as a draft, then changed, then submitted
    r = await post('/admin/courses', { ...courseFields, weekday1: '6', starts1: '09:00', ends1: '10:30', weekday2: '3', starts2: '19:00', ends2: '20:30' });
    assert.equal(r.status, 303, r.text.slice(0, 500));
    const m = /^\/admin\/courses\/(\d+)\/edit\?msg=course_saved$/.exec(r.headers.get('location'));
    assert.ok(m, r.headers.get('location'));
    const id = Number(m[1]);
    let k = await district.get(`/api/v1/courses/${id}`);
    assert.equal(k.json.status, 'draft');
    assert.deepEqual(k.json.schedule, [{ weekday: 6, starts: '09:00', ends: '10:30' }, { weekday: 3, starts: '19:00', ends: '20:30' }]);
    assert.equal(k.json.age_min, 7);
    assert.equal(k.json.teacher.id, teacherId);
    assert.ok(k.json.sessions.length > 20);
    p = await web.get(`/admin/courses/${id}/edit?msg=course_saved`);
    assert.match(p.text, /id="flash"/);
    assert.match(p.text, /name="starts2" aria-label="[^"]*" value="19:00"/);
    r = await post(`/admin/courses/${id}/edit`, { ...courseFields, title: '少儿书法（楷书）', weekday1: '6', starts1: '09:00', ends1: '10:30', then: 'submit' });
    assert.equal(r.headers.get('location'), '/admin/courses?msg=course_submitted');
    k = await district.get(`/api/v1/courses/${id}`);
    assert.equal(k.json.title, '少儿书法（楷书）');
    assert.equal(k.json.status, 'pending');
    assert.equal(k.json.schedule.length, 1);
    // no longer a draft: shown, not changed
    p = await web.get(`/admin/courses/${id}/edit`);
    assert.match(p.text, /id="not-editable"/);
    r = await post(`/admin/courses/${id}/edit`, { ...courseFields, weekday1: '6', starts1: '09:00', ends1: '10:30' });
    assert.equal(r.status, 409);
    // another district's admin does not see the draft's form
    const west = new Client(srv.base, { useCookie: true });
    const wa = await person('西区管理员三', 'district_admin', '510403');
    await west.login(wa.phone, PASSWORD);
    assert.equal((await west.get(`/admin/courses/${id}/edit`)).status, 404);
  });

  it('checks from one address are counted: past the limit, 429 with Retry-After', async () => {
    let r; // (the checks above count too, in this window or the one before)
    for (let i = 0; i < PER_MINUTE + 2; i++) {
      r = await anon.get('/api/v1/certificates/verify?code=0000-0000-0000-0000');
      if (r.status === 429) break;
      assert.equal(r.status, 404, r.text);
    }
    assertError(r, 429, 'too_many_requests');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
    // the page says so too
    const p = await anon.get('/certificates/verify?code=0000-0000-0000-0000');
    assert.equal(p.status, 429);
  });
});
