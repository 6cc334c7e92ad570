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
});

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
}

export const notOnPages = {
  'volunteer_org.name': 'organisations are in the API only so far (docs/volunteers.md)',
  'volunteer_org.description': 'organisations are in the API only so far (docs/volunteers.md)',
  'volunteer.real_name': 'profiles are in the API only so far (docs/volunteers.md)',
  'volunteer.availability': 'profiles are in the API only so far (docs/volunteers.md)',
  'volunteer_project.title': 'projects are in the API only so far (docs/volunteers.md)',
  'volunteer_project.description': 'projects are in the API only so far (docs/volunteers.md)',
};
