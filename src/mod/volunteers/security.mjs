// The security fixtures of the volunteers module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() makes an organisation of the world's town
// (by the city admin), a draft project of it and a published one, and registers the world's citizen as a volunteer, so that their profile
// exists before the reads.
const profile = (t, div) => ({
  real_name: t('volunteer.real_name'), birth_date: '1990-01-01', skills: ['guide', 'library'],
  availability: t('volunteer.availability'), areas: [div],
});

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
  // star levels and service certificates: the demo's star volunteer of 东区 (granted, with a
  // certificate) and the demo's application on public notice, found by world()
  'GET /api/v1/volunteer-star-thresholds': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'PUT /api/v1/volunteer-star-thresholds/{code}': { perm: 'volunteers_manage', p: { code: "'5104'" }, div: '5104', json: () => ({ hours: [100, 200, 500, 800, 1000] }) },
  'GET /api/v1/me/volunteer-star': { perm: 'logged_in' },
  'POST /api/v1/volunteer-star-applications': { perm: 'logged_in', json: () => ({ level: 1 }), noWitness: NO_HOURS },
  'GET /api/v1/volunteer-star-applications': { perm: 'public', query: '?division=510402' },
  'GET /api/v1/volunteer-star-applications/{id}': { perm: 'public', p: { id: 'starApplication' } },
  'POST /api/v1/volunteer-star-applications/{id}/objections': { perm: 'logged_in', p: { id: 'starApplication' }, json: (w, c) => ({ reason: c.t('star.objection') }) },
  'GET /api/v1/volunteer-star-applications/{id}/objections': { perm: 'volunteers_manage', p: { id: 'starApplication' } },
  'POST /api/v1/volunteer-star-applications/{id}/decision': { perm: 'volunteers_manage', p: { id: 'starApplication' }, phase: 2, json: () => ({ decision: 'grant', objections: 'dismissed' }), noWitness: NOTICE },
  'POST /api/v1/volunteer-star-applications/{id}/revoke': { perm: 'volunteers_manage', p: { id: 'starGranted' }, phase: 2, json: (w, c) => ({ reason: c.t('star.revoke_reason') }) },
  'POST /api/v1/volunteer-organisations/{id}/certificates': { perm: 'volunteers_manage', p: { id: 'starOrg' }, json: (w) => ({ volunteer_id: w.starVolunteer }) },
  'GET /volunteer-stars': { perm: 'public' },
  'POST /volunteer-stars/{id}/object': { perm: 'logged_in', p: { id: 'starApplication' }, form: (w, c) => ({ reason: c.t('star.objection') }) },
  'GET /me/volunteer-star': { perm: 'logged_in' },
  'POST /me/volunteer-star/apply': { perm: 'logged_in', form: () => ({ level: '1' }), noWitness: NO_HOURS },
  'GET /admin/volunteer-stars': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /volunteer-stars/{id}/decision': { perm: 'volunteers_manage', p: { id: 'starApplication' }, phase: 2, form: () => ({ decision: 'grant', objections: 'dismissed' }), noWitness: NOTICE },
  'POST /volunteer-stars/{id}/revoke': { perm: 'volunteers_manage', p: { id: 'starGranted' }, phase: 2, form: (w, c) => ({ reason: c.t('star.revoke_reason') }), noWitness: 'the world\'s one granted level is revoked through the API first' },
  'POST /admin/volunteer-star-thresholds': { perm: 'volunteers_manage', div: '5104', form: () => ({ division: '5104', h1: '100', h2: '200', h3: '500', h4: '800', h5: '1000' }) },
  'POST /admin/volunteer-certificates': { perm: 'volunteers_manage', form: (w) => ({ org_id: String(w.starOrg), volunteer_id: String(w.starVolunteer) }) },
});

const NO_HOURS = 'no caller of the world has verified service hours: every application is 422 not_qualified or 404 not_registered';
const NOTICE = 'the notice lasts at least one working day: the world\'s application is still on it (409 notice_open)';

export async function world(w, { WORLD_DIV, ok, admin, approveAll }) {
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
  // the demo's star volunteer 刘思远 (granted one star, with a certificate of 东区文化志愿者协会)
  // and 杨丽华 (on public notice)
  const notice = ok(await admin.get('/api/v1/volunteer-star-applications?division=510402'), 'star notice', 200);
  w.starApplication = notice.items.find((a) => a.name === '杨*华').id;
  const granted = ok(await admin.get('/api/v1/volunteer-star-applications?division=510402&status=granted'), 'granted stars', 200);
  w.starGranted = granted.items.find((a) => a.name === '刘*远').id;
  const orgs = ok(await admin.get('/api/v1/volunteer-organisations?division=510402&limit=100'), 'organisations', 200);
  w.starOrg = orgs.items.find((o) => o.name === '东区文化志愿者协会').id;
  const vols = ok(await admin.get('/api/v1/volunteers?division=510402&limit=100'), 'volunteers', 200);
  w.starVolunteer = vols.items.find((v) => v.name === '刘*远').id;
}

export const notOnPages = {
  'star.objection': 'objections are read by coordinators through the API only',
  'star.revoke_reason': 'a revocation\'s reason is told to the volunteer and kept in the audit log, not shown on a page',
  'volunteer_org.name': 'organisations are in the API only so far (docs/volunteers.md)',
  'volunteer_org.description': 'organisations are in the API only so far (docs/volunteers.md)',
  'volunteer.real_name': 'profiles are in the API only so far (docs/volunteers.md)',
  'volunteer.availability': 'profiles are in the API only so far (docs/volunteers.md)',
  'volunteer_project.title': 'projects are in the API only so far (docs/volunteers.md)',
  'volunteer_project.description': 'projects are in the API only so far (docs/volunteers.md)',
};
