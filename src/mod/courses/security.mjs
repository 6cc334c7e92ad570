// The security fixtures of the courses module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. The module's records are made by world() below,
// which buildWorld runs once the rest of the world stands.

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
/** "YYYY-MM-DD" and "HH:MM" in China time, and the weekday (1 Monday .. 7 Sunday). */
const cst = (ms) => {
  const d = new Date(ms + 8 * HOUR);
  return { day: d.toISOString().slice(0, 10), hhmm: d.toISOString().slice(11, 16), weekday: d.getUTCDay() || 7, minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
};
const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A course's body for the world's term, venue and teacher. */
export function courseBody(w, t, extra = {}) {
  return {
    term_id: w.courseTerm,
    teacher_id: w.courseTeacher,
    title: t('course.title'),
    category: 'calligraphy_painting',
    level: 'beginner',
    division: '510402001',
    description: t('course.description'),
    venue_id: w.venue,
    room: t('course.room'),
    schedule: w.courseSchedule,
    places: 100,
    enrolment: 'first_come',
    ...extra,
  };
}

/**
 * The module's part of the world, in 大渡口街道: a term whose classes start within the hour
 * (so codes can be checked in), a teacher, published first-come courses with places held by
 * the world's owners and the citizen, a published lottery course the citizen applied to, a
 * draft, and a course to cancel. kit: {admin, vm, approveAll, ok, login, freshPhone, PASSWORD}.
 */
export async function world(w, { admin, vm, approveAll, ok, freshPhone, PASSWORD }) {
  const t = w.t;
  // the first session starts in half an hour, the same weekday for four more weeks
  const soon = cst(Date.now() + 30 * 60000);
  const end = Math.min(soon.minutes + 120, 24 * 60);
  w.courseSchedule = [{ weekday: soon.weekday, starts: soon.hhmm, ends: hhmm(end) }];
  const until = cst(Date.now() + 30 * 60000 + 28 * DAY).day;
  w.courseTerm = ok(await vm.post('/api/v1/course-terms', {
    division: '510402001', name: t('course_term.name'), enrol_opens_at: iso(Date.now() - HOUR), enrol_closes_at: iso(Date.now() + 7 * DAY),
    classes_from: soon.day, classes_until: until, max_courses: 4, max_choices: 3, returning_after_new: true,
  }), 'course term', 201).id;
  // teachers: one with a profile, one whose profile POST /api/v1/teachers makes
  const teacher = async () => ok(await admin.post('/api/v1/accounts', { phone: freshPhone(), password: PASSWORD, name: t('account.name'), role: 'teacher', division: '510402001' }), 'teacher account', 201).id;
  const tu = await teacher();
  w.courseTeacherFree = await teacher();
  w.courseTeacher = ok(await vm.post('/api/v1/teachers', {
    user_id: tu, division: '510402001', name: t('account.name'), specialties: [t('teacher.specialty')], titles: [t('teacher.title')], bio: t('teacher.bio'),
  }), 'teacher', 201).id;
  const publish = async (extra) => {
    const c = ok(await vm.post('/api/v1/courses', courseBody(w, t, extra)), 'course', 201);
    ok(await vm.post(`/api/v1/courses/${c.id}/submit`), 'submit course', 200);
    await approveAll('course', c.id);
    return c;
  };
  const c = await publish({});
  w.course = c.id;
  w.courseSession = c.sessions[0].id;
  w.course2 = (await publish({})).id;
  w.courseToCancel = (await publish({})).id;
  w.lotteryCourse = (await publish({ enrolment: 'lottery', places: 2 })).id;
  w.courseDraft = ok(await vm.post('/api/v1/courses', courseBody(w, t)), 'draft course', 201).id;
  // places: the owner's (to give up through the API and the page), codes to check in
  const enrol = async (caller, id) => ok(await caller.post(`/api/v1/courses/${id}/enrolments`, {}), 'enrol', 201);
  w.ownerEnrolment = (await enrol(w.owner, w.course)).id;
  w.ownerEnrolment2 = (await enrol(w.owner, w.course2)).id;
  w.courseCodeApi = (await enrol(w.owner2, w.course)).code;
  w.courseCodePage = (await enrol(w.callers.citizen, w.course)).code;
  // the citizen's application to the term
  ok(await w.callers.citizen.send('PUT', `/api/v1/course-terms/${w.courseTerm}/application`, { json: { choices: [w.lotteryCourse] } }), 'apply', 200);
  // the term as its form shows it (a datetime-local is China time to the minute)
  const local = (ms) => { const c = cst(ms); return `${c.day}T${c.hhmm}`; };
  w.courseTermForm = {
    name: t('course_term.name'), enrol_opens_at: local(Date.now() - HOUR), enrol_closes_at: local(Date.now() + 7 * DAY),
    classes_from: soon.day, classes_until: until, max_courses: '4', max_choices: '3', returning_after_new: '1',
  };
  // a material of the course, posted by the staff
  w.courseMaterial = ok(await vm.send('POST', `/api/v1/courses/${w.course}/materials?name=notes.txt`, { raw: { body: t('course.material'), type: 'text/plain' } }), 'course material', 201).id;
  // a course of a term whose one class was yesterday: three people attended it, and each got
  // a certificate (one to read and check, one to revoke through the API, one through the page)
  const y = cst(Date.now() - DAY);
  const pastTerm = ok(await vm.post('/api/v1/course-terms', {
    division: '510402001', name: t('course_term.name'), enrol_opens_at: iso(Date.now() - HOUR), enrol_closes_at: iso(Date.now() + 7 * DAY),
    classes_from: y.day, classes_until: y.day, max_courses: 4, max_choices: 3,
  }), 'past term', 201).id;
  const past = await publish({ term_id: pastTerm, schedule: [{ weekday: y.weekday, starts: '10:00', ends: '11:00' }] });
  w.pastCourse = past.id;
  const holders = [w.owner, w.owner2, w.callers.citizen];
  for (const who of holders) {
    const e = await enrol(who, past.id);
    ok(await vm.post(`/api/v1/course-sessions/${past.sessions[0].id}/checkins`, { enrolment_id: e.id }), 'attended', 200);
  }
  const issued = ok(await vm.post(`/api/v1/courses/${past.id}/certificates`), 'certificates', 200);
  const certOf = async (who) => {
    const mine = ok(await who.get('/api/v1/me/certificates'), 'my certificates', 200);
    return mine.items.find((c) => c.subject_id === past.id);
  };
  const [c1, c2, c3] = [await certOf(w.owner), await certOf(w.owner2), await certOf(w.callers.citizen)];
  if (issued.issued !== 3 || !c1 || !c2 || !c3) throw new Error(`the world's certificates: ${JSON.stringify(issued)}`);
  w.certificate = c1.id;
  w.certificateCode = c1.code;
  w.certificateRevokeApi = c2.id;
  w.certificateRevokePage = c3.id;
  // a draft to submit from the staff's list
  w.courseDraftPage = ok(await vm.post('/api/v1/courses', courseBody(w, t)), 'draft course', 201).id;
}

/** The staff's course form for the world's term (the fields of pages_staff.c). */
function courseForm(w, c) {
  const s = w.courseSchedule[0];
  return {
    term_id: String(w.courseTerm), title: c.t('course.title'), category: 'calligraphy_painting', level: 'beginner',
    description: c.t('course.description'), division: '510402001', venue_id: String(w.venue), room: c.t('course.room'),
    weekday1: String(s.weekday), starts1: s.starts, ends1: s.ends, places: '50', enrolment: 'first_come',
    delivery: 'onsite', teacher_id: String(w.courseTeacher), then: 'save',
  };
}

export const fixtures = ({ WORLD_DIV, OWN_AREA, A_FORM, ONLY_OWNER }) => ({
  'GET /api/v1/courses': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'POST /api/v1/courses': { perm: 'courses_manage', json: (w, c) => courseBody(w, c.t) },
  'GET /api/v1/courses/{id}': { perm: 'public', p: { id: 'course' } },
  'PATCH /api/v1/courses/{id}': { perm: 'courses_manage', p: { id: 'courseDraft' }, json: (w, c) => ({ title: c.t('course.title'), description: c.t('course.description'), room: c.t('course.room') }) },
  'POST /api/v1/courses/{id}/submit': { perm: 'courses_manage', p: { id: 'courseDraft' }, phase: 2 },
  'POST /api/v1/courses/{id}/cancel': { perm: 'courses_manage', p: { id: 'courseToCancel' }, phase: 2 },
  'GET /api/v1/course-terms': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'POST /api/v1/course-terms': { perm: 'courses_manage',
    json: (w, c) => ({ division: WORLD_DIV, name: c.t('course_term.name'), enrol_opens_at: '2027-02-20T09:00:00+08:00', enrol_closes_at: '2027-02-27T18:00:00+08:00', classes_from: '2027-03-06', classes_until: '2027-06-26' }),
  },
  'GET /api/v1/course-terms/{id}': { perm: 'public', p: { id: 'courseTerm' } },
  'PATCH /api/v1/course-terms/{id}': { perm: 'courses_manage', p: { id: 'courseTerm' }, json: (w, c) => ({ name: c.t('course_term.name') }) },
  'POST /api/v1/course-terms/{id}/lottery': { perm: 'courses_manage', p: { id: 'courseTerm' } },
  'GET /api/v1/teachers': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'POST /api/v1/teachers': { perm: 'courses_manage', json: (w, c) => ({ user_id: w.courseTeacherFree, division: WORLD_DIV, name: c.t('account.name'), bio: c.t('teacher.bio'), specialties: [c.t('teacher.specialty')], titles: [c.t('teacher.title')] }) },
  'GET /api/v1/teachers/{id}': { perm: 'public', p: { id: 'courseTeacher' } },
  // its teacher, or staff who manage courses over its division
  'PATCH /api/v1/teachers/{id}': { perm: 'courses_teach', p: { id: 'courseTeacher' }, json: (w, c) => ({ bio: c.t('teacher.bio'), titles: [c.t('teacher.title')] }), access: { perms: ['courses_manage'], why: 'a profile is changed by its teacher or by those who manage courses over it, not by every teacher' } },
  'POST /api/v1/courses/{id}/enrolments': { perm: 'logged_in', p: { id: 'course' }, json: () => ({}) },
  'DELETE /api/v1/course-enrolments/{id}': { perm: 'logged_in', p: { id: 'ownerEnrolment' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /api/v1/course-enrolments/{id}/qr.svg': { perm: 'logged_in', p: { id: 'ownerEnrolment' }, access: { owner: 'owner', why: ONLY_OWNER } },
  // an offer exists only once a term's lottery is drawn, which the world does not do: the owner's
  // confirmed place is no offer (409 not_offered), anyone else's is not found; the owner's answers
  // to a real offer are in tests/http/courses.test.mjs
  'POST /api/v1/course-enrolments/{id}/confirm': { perm: 'logged_in', p: { id: 'ownerEnrolment' }, access: { why: ONLY_OWNER }, noWitness: NO_OFFER },
  'POST /api/v1/course-enrolments/{id}/decline': { perm: 'logged_in', p: { id: 'ownerEnrolment' }, access: { why: ONLY_OWNER }, noWitness: NO_OFFER },
  'GET /api/v1/me/courses': { perm: 'logged_in' },
  'GET /api/v1/course-terms/{id}/application': { perm: 'logged_in', p: { id: 'courseTerm' } },
  'PUT /api/v1/course-terms/{id}/application': { perm: 'logged_in', p: { id: 'courseTerm' }, json: (w) => ({ choices: [w.lotteryCourse] }) },
  'DELETE /api/v1/course-terms/{id}/application': { perm: 'logged_in', p: { id: 'courseTerm' }, phase: 2 },
  'GET /api/v1/courses/{id}/roster': { perm: 'courses_teach', p: { id: 'course' } },
  'POST /api/v1/course-sessions/{id}/checkins': { perm: 'courses_teach', p: { id: 'courseSession' }, json: (w) => ({ code: w.courseCodeApi }) },
  'GET /courses': { perm: 'public' },
  'GET /courses/{id}': { perm: 'public', p: { id: 'course' } },
  'POST /courses/{id}/enrol': { perm: 'logged_in', p: { id: 'course2' }, form: () => ({}) },
  'GET /course-terms/{id}/apply': { perm: 'logged_in', p: { id: 'courseTerm' } },
  'POST /course-terms/{id}/apply': { perm: 'logged_in', p: { id: 'courseTerm' }, form: (w) => ({ choice1: String(w.lotteryCourse) }) },
  'GET /me/courses': { perm: 'logged_in' },
  'POST /course-enrolments/{id}/withdraw': { perm: 'logged_in', p: { id: 'ownerEnrolment2' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  // the owner is sent back to my courses with the refusal not_offered: a page's answer
  'POST /course-enrolments/{id}/confirm': { perm: 'logged_in', p: { id: 'ownerEnrolment2' }, form: () => ({}), access: { owner: 'owner', why: ONLY_OWNER } },
  'POST /course-enrolments/{id}/decline': { perm: 'logged_in', p: { id: 'ownerEnrolment2' }, form: () => ({}), access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /teachers/{id}': { perm: 'public', p: { id: 'courseTeacher' } },
  'GET /courses/{id}/roster': { perm: 'courses_teach', p: { id: 'course' } },
  'POST /course-sessions/{id}/checkin': { perm: 'courses_teach', p: { id: 'courseSession' }, form: (w) => ({ code: w.courseCodePage }) },
  // completion certificates: issued again, nobody gets a second
  'POST /api/v1/courses/{id}/certificates': { perm: 'courses_manage', p: { id: 'pastCourse' } },
  'POST /courses/{id}/certificates': { perm: 'courses_manage', p: { id: 'pastCourse' }, form: () => ({}) },
  // materials: read by the course's learners (the citizen and the owners have places), its
  // teacher, its managers and the reviewers of its division
  'GET /api/v1/courses/{id}/materials': { perm: 'logged_in', p: { id: 'course' }, access: { roles: ['citizen', 'reviewer'], perms: ['courses_manage'], owner: 'owner', why: MATERIALS } },
  'POST /api/v1/courses/{id}/materials': { perm: 'courses_teach', p: { id: 'course' }, query: '?name=notes.txt', raw: (w, c) => ({ body: c.t('course.material'), type: 'text/plain' }) },
  'GET /api/v1/course-materials/{id}': { perm: 'logged_in', p: { id: 'courseMaterial' }, access: { roles: ['citizen', 'reviewer'], perms: ['courses_manage'], owner: 'owner', why: MATERIALS } },
  'POST /courses/{id}/materials': { perm: 'courses_teach',
    p: { id: 'course' },
    multipart: (w, c) => {
      const f = new FormData();
      f.append('file', new Blob([c.t('course.material')], { type: 'text/plain' }), 'handout.txt');
      return f;
    },
  },
  // ratings: by the people who attended (the citizen and the owners attended the past course,
  // whose teacher is the world's teacher)
  'POST /api/v1/courses/{id}/ratings': { perm: 'logged_in', p: { id: 'pastCourse' }, json: (w, c) => ({ score: 5, comment: c.t('rating.comment') }), access: { roles: ['citizen'], owner: 'owner', why: ATTENDED } },
  'GET /api/v1/courses/{id}/ratings': { perm: 'public', p: { id: 'pastCourse' } },
  'POST /api/v1/teachers/{id}/ratings': { perm: 'logged_in', p: { id: 'courseTeacher' }, json: (w, c) => ({ score: 4, comment: c.t('rating.comment') }), access: { roles: ['citizen'], owner: 'owner', why: ATTENDED } },
  'GET /api/v1/teachers/{id}/ratings': { perm: 'public', p: { id: 'courseTeacher' } },
  'POST /courses/{id}/rate': { perm: 'logged_in', p: { id: 'pastCourse' }, form: (w, c) => ({ score: '5', comment: c.t('rating.comment') }), access: { roles: ['citizen'], owner: 'owner', why: ATTENDED } },
  'POST /teachers/{id}/rate': { perm: 'logged_in', p: { id: 'courseTeacher' }, form: (w, c) => ({ score: '4', comment: c.t('rating.comment') }), access: { roles: ['citizen'], owner: 'owner', why: ATTENDED } },
  // the staff's forms
  'GET /admin/courses': { perm: 'courses_manage', own: OWN_AREA },
  'GET /admin/course-terms/new': { perm: 'courses_manage', own: BLANK_FORM },
  'POST /admin/course-terms': { perm: 'courses_manage',
    form: (w, c) => ({ division: WORLD_DIV, name: c.t('course_term.name'), enrol_opens_at: '2027-02-20T09:00', enrol_closes_at: '2027-02-27T18:00', classes_from: '2027-03-06', classes_until: '2027-06-26', max_courses: '2', max_choices: '3' }),
  },
  'GET /admin/course-terms/{id}/edit': { perm: 'courses_manage', p: { id: 'courseTerm' } },
  'POST /admin/course-terms/{id}/edit': { perm: 'courses_manage', p: { id: 'courseTerm' }, form: (w, c) => ({ ...w.courseTermForm, name: c.t('course_term.name') }) },
  'GET /admin/courses/new': { perm: 'courses_manage', own: BLANK_FORM, query: (w) => `?term=${w.courseTerm}` },
  'POST /admin/courses': { perm: 'courses_manage', form: courseForm },
  'GET /admin/courses/{id}/edit': { perm: 'courses_manage', p: { id: 'courseDraft' } },
  'POST /admin/courses/{id}/edit': { perm: 'courses_manage', p: { id: 'courseDraft' }, form: courseForm },
  'POST /admin/courses/{id}/submit': { perm: 'courses_manage', p: { id: 'courseDraftPage' }, phase: 2 },
});

const MATERIALS = 'the materials of a course are for the people with a place in it, its teacher and its staff';
const ATTENDED = 'rated only by those who attended a session of the course (of the teacher\'s courses)';
const BLANK_FORM = 'a blank form of the caller\'s own area';

// The XSS crawl: fields whose text no page shows, each with the reason.
export const notOnPages = {
  'course.material': 'the contents of a posted file are downloaded, never shown on a page',
};

export const crawlToo = ['/courses?category=calligraphy_painting', '/courses?division=510402001'];
const NO_OFFER = 'an offer exists only once a term\'s lottery is drawn, which the world does not do: nobody gets a 2xx here';
