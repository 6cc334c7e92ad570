// The security fixtures of the volunteers module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() makes an organisation of the world's town
// (by the city admin), a draft project of it and a published one, and registers the world's citizen as a volunteer, so that their profile
// exists before the reads.
const profile = (t, div) => ({
  real_name: t('volunteer.real_name'), birth_date: '1990-01-01', skills: ['guide', 'library'],
  availability: t('volunteer.availability'), areas: [div],
});

// hours: the records of a volunteer the world makes (hoursOwner), reached by them and by
// holders of volunteers_manage over 东区; the shift and sign-up of the demo's past shifts
const HOURS_ACCESS = { perms: ['volunteers_manage'], owner: 'hoursOwner', why: 'a volunteer\'s hours record: the volunteer and the coordinators of its organisation only' };
const NO_SHIFT_NOW = 'the world has no shift in its time window with a live sign-up (the demo\'s shifts are past and completed): tests/http/volunteer_hours.test.mjs checks in and out';
const yesterday = () => new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
const report = (w, t, project) => ({ project_id: project, date: yesterday(), start: '09:00', end: '10:30', note: t('volunteer_hours.note') });

export const fixtures = ({ WORLD_DIV, OWN_AREA }) => ({
  'GET /api/v1/volunteer-organisations': { perm: 'public' },
  'POST /api/v1/volunteer-organisations': { perm: 'volunteers_manage', json: (w, c) => ({ division: WORLD_DIV, name: c.t('volunteer_org.name'), description: c.t('volunteer_org.description') }) },
  'GET /api/v1/volunteer-organisations/{id}': { perm: 'public', p: { id: 'volunteerOrg' } },
  'GET /api/v1/volunteers': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /api/v1/volunteers': { perm: 'logged_in', json: (w, c) => profile(c.t, WORLD_DIV) },
  'GET /api/v1/me/volunteer': { perm: 'logged_in' },
  'GET /api/v1/volunteer-projects': { perm: 'public' },
  'POST /api/v1/volunteer-projects': { perm: 'volunteers_manage', json: (w, c) => ({ org_id: w.volunteerOrg, title: c.t('volunteer_project.title'), description: c.t('volunteer_project.description') }) },
  'GET /api/v1/volunteer-projects/{id}': { perm: 'public', p: { id: 'volunteerProject' } },
  'POST /api/v1/volunteer-projects/{id}/submit': { perm: 'volunteers_manage', p: { id: 'volunteerProjectDraft' }, phase: 2 },
  'GET /api/v1/me/volunteer/hours': { perm: 'logged_in' },
  'POST /api/v1/me/volunteer/hours': { perm: 'logged_in', json: (w, c) => report(w, c.t, w.volunteerProject) },
  'GET /api/v1/volunteer-hours/pending': { perm: 'volunteers_manage', own: OWN_AREA },
  'GET /api/v1/volunteer-hours/export.csv': { perm: 'volunteers_manage', query: (w) => `?org_id=${w.volunteerOrg}&from=2021-01-01&to=2030-12-31` },
  'GET /api/v1/volunteer-hours/{id}': { perm: 'logged_in', p: { id: 'volunteerHours' }, access: HOURS_ACCESS },
  'POST /api/v1/volunteer-hours/{id}/corrections': { perm: 'logged_in', p: { id: 'volunteerHours' }, access: HOURS_ACCESS, json: (w, c) => ({ minutes: 15, note: c.t('volunteer_hours.dispute') }) },
  'POST /api/v1/volunteer-hours/{id}/verify': { perm: 'volunteers_manage', p: { id: 'volunteerHoursToVerify' }, phase: 2, json: (w, c) => ({ note: c.t('volunteer_hours.decision_note') }) },
  'POST /api/v1/volunteer-hours/{id}/reject': { perm: 'volunteers_manage', p: { id: 'volunteerHoursToReject' }, phase: 2, json: (w, c) => ({ note: c.t('volunteer_hours.decision_note') }) },
  'POST /api/v1/volunteer-checkin': { perm: 'logged_in', json: () => ({ code: 'demo-hours-shift-1' }), noWitness: NO_SHIFT_NOW },
  'POST /api/v1/volunteer-signups/{id}/check-in': { perm: 'volunteers_manage', p: { id: 'volunteerSignup' }, noWitness: NO_SHIFT_NOW },
  'POST /api/v1/volunteer-signups/{id}/check-out': { perm: 'volunteers_manage', p: { id: 'volunteerSignup' }, noWitness: NO_SHIFT_NOW },
  'GET /volunteer-checkin': { perm: 'logged_in', query: '?code=demo-hours-shift-1' },
  'POST /volunteer-checkin': { perm: 'logged_in', form: () => ({ code: 'demo-hours-shift-1' }), noWitness: NO_SHIFT_NOW },
  'GET /volunteer-shifts/{id}/qr': { perm: 'volunteers_manage', p: { id: 'volunteerShift' } },
  'GET /me/volunteer-hours': { perm: 'logged_in' },
  'POST /me/volunteer-hours': { perm: 'logged_in', form: (w, c) => report(w, c.t, w.volunteerProject) },
  'POST /me/volunteer-hours/{id}/dispute': { perm: 'logged_in', p: { id: 'volunteerHours' }, access: HOURS_ACCESS, form: (w, c) => ({ minutes: '-15', note: c.t('volunteer_hours.dispute') }) },
  'GET /volunteer-hours/queue': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /volunteer-signups/{id}/check-in': { perm: 'volunteers_manage', p: { id: 'volunteerSignup' }, noWitness: NO_SHIFT_NOW },
  'POST /volunteer-signups/{id}/check-out': { perm: 'volunteers_manage', p: { id: 'volunteerSignup' }, noWitness: NO_SHIFT_NOW },
  'POST /volunteer-hours/{id}/decide': { perm: 'volunteers_manage', p: { id: 'volunteerHoursToDecide' }, phase: 2, form: (w, c) => ({ decision: 'reject', note: c.t('volunteer_hours.decision_note') }) },
});

export async function world(w, { WORLD_DIV, ok, admin, approveAll, login, freshPhone, PASSWORD }) {
  const t = w.t;
  w.volunteerOrg = ok(await admin.post('/api/v1/volunteer-organisations', { division: WORLD_DIV, name: t('volunteer_org.name'), description: t('volunteer_org.description') }), 'volunteer organisation', 201).id;
  const project = async () => ok(await admin.post('/api/v1/volunteer-projects', { org_id: w.volunteerOrg, title: t('volunteer_project.title'), description: t('volunteer_project.description') }), 'volunteer project', 201).id;
  w.volunteerProjectDraft = await project();
  w.volunteerProject = await project();
  ok(await admin.post(`/api/v1/volunteer-projects/${w.volunteerProject}/submit`), 'submit volunteer project', 200);
  await approveAll('volunteer_project', w.volunteerProject);
  const r = await w.callers.citizen.post('/api/v1/volunteers', profile(t, WORLD_DIV));
  // the XSS crawl's name is longer than a real name: refused, and no page shows it anyway
  if (r.status !== 201 && r.status !== 400) ok(r, 'volunteer', 201);

  // hours: a volunteer of the world's own with five reports, one verified by the city admin
  const phone = freshPhone();
  ok(await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '志愿者', role: 'citizen', division: WORLD_DIV }), 'hours volunteer account', 201);
  const owner = await login(w.base, { phone, password: PASSWORD }, 'hoursOwner');
  w.hoursOwner = owner;
  ok(await owner.post('/api/v1/volunteers', { ...profile(t, WORLD_DIV), real_name: '张志愿', availability: '周末' }), 'hours volunteer', 201);
  const reported = async () => ok(await owner.post('/api/v1/me/volunteer/hours', report(w, t, w.volunteerProject)), 'hours report', 201).id;
  w.volunteerHours = await reported();
  ok(await admin.post(`/api/v1/volunteer-hours/${w.volunteerHours}/verify`, {}), 'verify hours', 200);
  w.volunteerHoursToVerify = await reported();
  w.volunteerHoursToReject = await reported();
  w.volunteerHoursToDecide = await reported();
  w.volunteerHoursPending = await reported(); // stays in the coordinators' queue
  // the demo's past shift and a completed sign-up of it
  const demoVolunteer = await login(w.base, { phone: '13800002001', password: 'Demo2026zy' }, 'demoVolunteer');
  const mine = ok(await demoVolunteer.get('/api/v1/me/volunteer/hours?limit=100'), 'demo hours', 200);
  const shiftRecord = mine.items.find((x) => x.source === 'checkin');
  w.volunteerShift = shiftRecord.shift_id;
  w.volunteerSignup = shiftRecord.signup_id;
}

export const notOnPages = {
  'volunteer_hours.decision_note': 'a decision\'s note shows on the hours page of the record\'s volunteer, a world account no crawl logs in as',
  'volunteer_hours.dispute': 'a dispute\'s note shows on the pages of its volunteer (a world account no crawl logs in as) and in the queue, which lists the corrections of the world\'s organisation',
  'volunteer_org.name': 'organisations are in the API only so far (docs/volunteers.md)',
  'volunteer_org.description': 'organisations are in the API only so far (docs/volunteers.md)',
  'volunteer.real_name': 'profiles are in the API only so far (docs/volunteers.md)',
  'volunteer.availability': 'profiles are in the API only so far (docs/volunteers.md)',
  'volunteer_project.title': 'projects are in the API only so far (docs/volunteers.md)',
  'volunteer_project.description': 'projects are in the API only so far (docs/volunteers.md)',
};
