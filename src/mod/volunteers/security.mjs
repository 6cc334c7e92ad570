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
const NO_SHIFT_NOW = 'the world has no shift in its time window with a live sign-up (the demo\'s past shift is over): tests/http/volunteer_hours.test.mjs checks in and out';
const NO_NO_SHOW = 'the world has no no-show (the settlement runs as a job on shifts that ended a day ago): tests/http/volunteer_coordinators.test.mjs excuses one';
const yesterday = () => new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
const report = (w, t, project) => ({ project_id: project, date: yesterday(), start: '09:00', end: '10:30', note: t('volunteer_hours.note') });

export const fixtures = ({ WORLD_DIV, OWN_AREA, ONLY_OWNER, png }) => ({
  'GET /api/v1/volunteer-organisations': { perm: 'public' },
  'POST /api/v1/volunteer-organisations': { perm: 'volunteers_manage', json: (w, c) => ({ division: WORLD_DIV, name: c.t('volunteer_org.name'), description: c.t('volunteer_org.description') }) },
  'GET /api/v1/volunteer-organisations/{id}': { perm: 'public', p: { id: 'volunteerOrg' } },
  'PATCH /api/v1/volunteer-organisations/{id}': { perm: 'volunteers_manage', p: { id: 'volunteerOrg' }, json: (w, c) => ({ description: c.t('volunteer_org.description') }) },
  // who coordinates the world's organisation (world() makes four coordinators of its town, two
  // of them added to it) and removing organisations without open work (orgToArchive, 2)
  'GET /api/v1/volunteer-organisations/{id}/coordinators': { perm: 'volunteers_manage', p: { id: 'volunteerOrg' } },
  'POST /api/v1/volunteer-organisations/{id}/coordinators': { perm: 'volunteers_manage', p: { id: 'volunteerOrg' }, json: (w) => ({ phone: w.orgCoordinatorPhone3 }) },
  'DELETE /api/v1/volunteer-organisations/{id}/coordinators/{user_id}': { perm: 'volunteers_manage', p: { id: 'volunteerOrg', user_id: 'orgCoordinator' }, phase: 2 },
  'POST /api/v1/volunteer-organisations/{id}/archive': { perm: 'volunteers_manage', p: { id: 'orgToArchive' }, phase: 2 },
  'GET /api/v1/volunteers': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /api/v1/volunteers': { perm: 'logged_in', json: (w, c) => profile(c.t, WORLD_DIV) },
  'GET /api/v1/me/volunteer': { perm: 'logged_in' },
  'PUT /api/v1/me/volunteer': { perm: 'logged_in', json: () => fixedProfile(WORLD_DIV) },
  'GET /me/volunteering/profile': { perm: 'logged_in' },
  'POST /me/volunteering/profile': { perm: 'logged_in', form: () => ({ real_name: '王志愿', birth_date: '1991-02-03', skill_guide: '1', availability: '周末', area1: WORLD_DIV }) },
  // the profile's photo: its volunteer's own (404 for callers without a profile or a photo);
  // the citizen's is put by world(), removed by DELETE after PUT, put again by the page
  'PUT /api/v1/me/volunteer/photo': { perm: 'logged_in', query: '?name=photo.png', raw: () => ({ body: png(), type: 'image/png' }) },
  'GET /api/v1/me/volunteer/photo': { perm: 'logged_in' },
  'DELETE /api/v1/me/volunteer/photo': { perm: 'logged_in', phase: 1 },
  'GET /api/v1/volunteers/{id}/photo': { perm: 'logged_in', p: { id: 'owner2Volunteer' }, access: { perms: ['volunteers_manage'], owner: 'owner2', why: 'a volunteer\'s photo is personal data: the volunteer and the coordinators over their division only' } },
  'POST /me/volunteering/profile/photo': { perm: 'logged_in', multipart: () => { const f = new FormData(); f.append('photo', new Blob([png()], { type: 'image/png' }), 'photo.png'); return f; } },
  'POST /me/volunteering/profile/photo/remove': { perm: 'logged_in', phase: 2 },
  'GET /api/v1/volunteer-projects': { perm: 'public' },
  'POST /api/v1/volunteer-projects': { perm: 'volunteers_manage', json: (w, c) => ({ org_id: w.volunteerOrg, title: c.t('volunteer_project.title'), description: c.t('volunteer_project.description') }) },
  'GET /api/v1/volunteer-projects/{id}': { perm: 'public', p: { id: 'volunteerProject' } },
  'PATCH /api/v1/volunteer-projects/{id}': { perm: 'volunteers_manage', p: { id: 'volunteerProjectToChange' }, json: (w, c) => ({ description: c.t('volunteer_project.description') }) },
  'POST /api/v1/volunteer-projects/{id}/submit': { perm: 'volunteers_manage', p: { id: 'volunteerProjectDraft' }, phase: 2 },
  // a project submitted and waiting for review, taken back to draft
  'POST /api/v1/volunteer-projects/{id}/withdraw': { perm: 'volunteers_manage', p: { id: 'volunteerProjectPending' }, phase: 2 },
  // shifts, sign-ups and invitations: the records of shiftsWorld below. A sign-up by anyone
  // logged in who is no volunteer is 404 not_registered (or, on the page, sent back with it)
  'GET /api/v1/volunteer-projects/{id}/shifts': { perm: 'public', p: { id: 'volunteerProject' } },
  'POST /api/v1/volunteer-projects/{id}/shifts': { perm: 'volunteers_manage', p: { id: 'volunteerProject' }, json: (w, c) => shiftBody(c.t, 40) },
  'GET /api/v1/volunteer-shifts/{id}': { perm: 'public', p: { id: 'volunteerShift' } },
  'PATCH /api/v1/volunteer-shifts/{id}': { perm: 'volunteers_manage', p: { id: 'volunteerShift' }, json: (w, c) => ({ place: c.t('volunteer_shift.place') }) },
  'POST /api/v1/volunteer-shifts/{id}/cancel': { perm: 'volunteers_manage', p: { id: 'volunteerShiftToCancel' }, phase: 2 },
  'POST /api/v1/volunteer-shifts/{id}/signups': { perm: 'logged_in', p: { id: 'volunteerShiftSignup' } },
  'DELETE /api/v1/volunteer-signups/{id}': { perm: 'logged_in', p: { id: 'ownerVolunteerSignup' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'POST /api/v1/volunteer-signups/{id}/accept': { perm: 'logged_in', p: { id: 'ownerInvitation' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'POST /api/v1/volunteer-signups/{id}/decline': { perm: 'logged_in', p: { id: 'ownerInvitation2' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /api/v1/me/volunteer-shifts': { perm: 'logged_in' },
  'GET /api/v1/volunteer-shifts/{id}/roster': { perm: 'volunteers_manage', p: { id: 'volunteerShift' } },
  'GET /api/v1/volunteer-shifts/{id}/available': { perm: 'volunteers_manage', p: { id: 'volunteerShift' } },
  'POST /api/v1/volunteer-shifts/{id}/invitations': { perm: 'volunteers_manage', p: { id: 'volunteerShiftInvite' }, json: (w) => ({ volunteer_id: w.owner2Volunteer }) },
  'GET /volunteering': { perm: 'public' },
  'GET /volunteering/projects/{id}': { perm: 'public', p: { id: 'volunteerProject' } },
  'POST /volunteering/shifts/{id}/signup': { perm: 'logged_in', p: { id: 'volunteerShiftSignupPage' } },
  'POST /volunteering/signups/{id}/cancel': { perm: 'logged_in', p: { id: 'ownerVolunteerSignup2' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'POST /volunteering/signups/{id}/accept': { perm: 'logged_in', p: { id: 'ownerInvitation3' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'POST /volunteering/signups/{id}/decline': { perm: 'logged_in', p: { id: 'ownerInvitation4' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /me/volunteering': { perm: 'logged_in' },
  // the coordinators' pages of organisations and projects (pages_orgs.c)
  'GET /admin/volunteering/organisations': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /admin/volunteering/organisations': { perm: 'volunteers_manage', form: (w, c) => ({ parent_id: '0', division: WORLD_DIV, name: c.t('volunteer_org.name'), description: c.t('volunteer_org.description') }) },
  'POST /admin/volunteering/organisations/{id}': { perm: 'volunteers_manage', p: { id: 'volunteerOrg' }, form: (w, c) => ({ name: c.t('volunteer_org.name'), description: c.t('volunteer_org.description') }) },
  'POST /admin/volunteering/organisations/{id}/coordinators': { perm: 'volunteers_manage', p: { id: 'volunteerOrg' }, form: (w) => ({ phone: w.orgCoordinatorPhone4 }) },
  'POST /admin/volunteering/organisations/{id}/coordinators/{user_id}/remove': { perm: 'volunteers_manage', p: { id: 'volunteerOrg', user_id: 'orgCoordinator2' }, phase: 2 },
  'POST /admin/volunteering/organisations/{id}/archive': { perm: 'volunteers_manage', p: { id: 'orgToArchive2' }, phase: 2 },
  'GET /admin/volunteering/projects': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /admin/volunteering/projects': { perm: 'volunteers_manage', form: (w, c) => ({ org_id: String(w.volunteerOrg), title: c.t('volunteer_project.title'), description: c.t('volunteer_project.description') }) },
  'POST /admin/volunteering/projects/{id}': { perm: 'volunteers_manage', p: { id: 'volunteerProjectToChange2' }, form: (w, c) => ({ title: c.t('volunteer_project.title'), description: c.t('volunteer_project.description') }) },
  'POST /admin/volunteering/projects/{id}/submit': { perm: 'volunteers_manage', p: { id: 'volunteerProjectDraft2' }, phase: 2 },
  'POST /admin/volunteering/projects/{id}/withdraw': { perm: 'volunteers_manage', p: { id: 'volunteerProjectPending2' }, phase: 2 },
  'GET /admin/volunteering': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /admin/volunteering/projects/{id}/shifts': { perm: 'volunteers_manage', p: { id: 'volunteerProject' }, form: (w, c) => shiftForm(c.t, 41) },
  'GET /admin/volunteering/shifts/{id}': { perm: 'volunteers_manage', p: { id: 'volunteerShift' } },
  'POST /admin/volunteering/shifts/{id}/cancel': { perm: 'volunteers_manage', p: { id: 'volunteerShiftToCancel2' }, phase: 2 },
  'POST /admin/volunteering/shifts/{id}/invite': { perm: 'volunteers_manage', p: { id: 'volunteerShiftInvite2' }, form: (w) => ({ volunteer_id: String(w.owner2Volunteer) }) },
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
  'GET /api/v1/me/volunteer/hours': { perm: 'logged_in' },
  'POST /api/v1/me/volunteer/hours': { perm: 'logged_in', json: (w, c) => report(w, c.t, w.volunteerProject) },
  'GET /api/v1/volunteer-hours/pending': { perm: 'volunteers_manage', own: OWN_AREA },
  'GET /api/v1/volunteer-hours/export.csv': { perm: 'volunteers_manage', query: (w) => `?org_id=${w.volunteerOrg}&from=2021-01-01&to=2030-12-31` },
  'GET /api/v1/volunteer-hours/{id}': { perm: 'logged_in', p: { id: 'volunteerHours' }, access: HOURS_ACCESS },
  'POST /api/v1/volunteer-hours/{id}/corrections': { perm: 'logged_in', p: { id: 'volunteerHours' }, access: HOURS_ACCESS, json: (w, c) => ({ minutes: 15, note: c.t('volunteer_hours.dispute') }) },
  'POST /api/v1/volunteer-hours/{id}/verify': { perm: 'volunteers_manage', p: { id: 'volunteerHoursToVerify' }, phase: 2, json: (w, c) => ({ note: c.t('volunteer_hours.decision_note') }) },
  'POST /api/v1/volunteer-hours/{id}/reject': { perm: 'volunteers_manage', p: { id: 'volunteerHoursToReject' }, phase: 2, json: (w, c) => ({ note: c.t('volunteer_hours.decision_note') }) },
  'POST /api/v1/volunteer-checkin': { perm: 'logged_in', json: () => ({ code: 'demo-past-shift-check-code' }), noWitness: NO_SHIFT_NOW },
  'POST /api/v1/volunteer-signups/{id}/check-in': { perm: 'volunteers_manage', p: { id: 'hoursSignup' }, noWitness: NO_SHIFT_NOW },
  'POST /api/v1/volunteer-signups/{id}/check-out': { perm: 'volunteers_manage', p: { id: 'hoursSignup' }, noWitness: NO_SHIFT_NOW },
  'POST /api/v1/volunteer-signups/{id}/excuse': { perm: 'volunteers_manage', p: { id: 'hoursSignup' }, json: () => ({ reason: '临时有事' }), noWitness: NO_NO_SHOW },
  'GET /volunteer-checkin': { perm: 'logged_in', query: '?code=demo-past-shift-check-code' },
  'POST /volunteer-checkin': { perm: 'logged_in', form: () => ({ code: 'demo-past-shift-check-code' }), noWitness: NO_SHIFT_NOW },
  'GET /volunteer-shifts/{id}/qr': { perm: 'volunteers_manage', p: { id: 'hoursShift' } },
  'GET /me/volunteer-hours': { perm: 'logged_in' },
  'POST /me/volunteer-hours': { perm: 'logged_in', form: (w, c) => report(w, c.t, w.volunteerProject) },
  'POST /me/volunteer-hours/{id}/dispute': { perm: 'logged_in', p: { id: 'volunteerHours' }, access: HOURS_ACCESS, form: (w, c) => ({ minutes: '-15', note: c.t('volunteer_hours.dispute') }) },
  'GET /volunteer-hours/queue': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /volunteer-signups/{id}/check-in': { perm: 'volunteers_manage', p: { id: 'hoursSignup' }, noWitness: NO_SHIFT_NOW },
  'POST /volunteer-signups/{id}/check-out': { perm: 'volunteers_manage', p: { id: 'hoursSignup' }, noWitness: NO_SHIFT_NOW },
  'POST /volunteer-signups/{id}/excuse': { perm: 'volunteers_manage', p: { id: 'hoursSignup' }, form: () => ({ reason: '临时有事' }), noWitness: NO_NO_SHOW },
  'POST /volunteer-hours/{id}/decide': { perm: 'volunteers_manage', p: { id: 'volunteerHoursToDecide' }, phase: 2, form: (w, c) => ({ decision: 'reject', note: c.t('volunteer_hours.decision_note') }) },
  // posts at the world's venue, offers to take them, pairings, insurance: postsWorld below. An
  // offer by anyone logged in who is no volunteer is 404 not_registered
  'GET /api/v1/volunteer-posts': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'POST /api/v1/volunteer-posts': { perm: 'volunteers_manage', json: (w, c) => postBody(w, c.t) },
  'GET /api/v1/volunteer-posts/{id}': { perm: 'public', p: { id: 'volunteerPost' } },
  'POST /api/v1/volunteer-posts/{id}/close': { perm: 'volunteers_manage', p: { id: 'volunteerPostToClose' }, phase: 2 },
  'PATCH /api/v1/volunteer-posts/{id}': { perm: 'volunteers_manage', p: { id: 'volunteerPost' }, json: (w, c) => ({ schedule: c.t('volunteer_post.schedule') }) },
  'POST /api/v1/volunteer-posts/{id}/reopen': { perm: 'volunteers_manage', p: { id: 'volunteerPostToReopen' }, phase: 2 },
  'POST /api/v1/volunteer-posts/{id}/applications': { perm: 'logged_in', p: { id: 'volunteerPostOffer' }, json: (w, c) => ({ note: c.t('volunteer_post_application.note') }) },
  'GET /api/v1/volunteer-posts/{id}/applications': { perm: 'volunteers_manage', p: { id: 'volunteerPost' } },
  'POST /api/v1/volunteer-post-applications/{id}/decision': { perm: 'volunteers_manage', p: { id: 'postApplicationToDecide' }, phase: 2, json: () => ({ accept: true }) },
  'DELETE /api/v1/volunteer-post-applications/{id}': { perm: 'logged_in', p: { id: 'ownerPostApplication' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /api/v1/volunteer-pairings': { perm: 'public', query: (w) => `?venue_id=${w.venue}` },
  'POST /api/v1/volunteer-pairings': { perm: 'volunteers_manage', json: (w, c) => ({ org_id: w.volunteerOrg, venue_id: w.venue, starts_on: '2026-01-01', note: c.t('volunteer_pairing.note') }) },
  'POST /api/v1/volunteer-pairings/{id}/end': { perm: 'volunteers_manage', p: { id: 'volunteerPairingToEnd' }, phase: 2, json: () => ({ ends_on: '2026-12-31' }) },
  'GET /api/v1/volunteer-projects/{id}/insurance': { perm: 'public', p: { id: 'volunteerProject' } },
  'PUT /api/v1/volunteer-projects/{id}/insurance': { perm: 'volunteers_manage', p: { id: 'volunteerProject' }, json: (w, c) => insuranceBody(c.t) },
  'GET /volunteering/posts': { perm: 'public' },
  'GET /volunteering/posts/{id}': { perm: 'public', p: { id: 'volunteerPost' } },
  'POST /volunteering/posts/{id}/offer': { perm: 'logged_in', p: { id: 'volunteerPostOfferPage' }, form: (w, c) => ({ note: c.t('volunteer_post_application.note') }) },
  'POST /volunteering/post-applications/{id}/withdraw': { perm: 'logged_in', p: { id: 'ownerPostApplication2' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /admin/volunteering/posts': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /admin/volunteering/posts': { perm: 'volunteers_manage', form: (w, c) => ({ venue_id: String(w.venue), title: c.t('volunteer_post.title'), description: c.t('volunteer_post.description'), schedule: c.t('volunteer_post.schedule'), wanted: '3', skill_guide: '1' }) },
  'POST /admin/volunteering/posts/{id}/close': { perm: 'volunteers_manage', p: { id: 'volunteerPostToClose2' }, phase: 2 },
  'POST /admin/volunteering/posts/{id}': { perm: 'volunteers_manage', p: { id: 'volunteerPost' }, form: (w, c) => ({ title: c.t('volunteer_post.title'), description: c.t('volunteer_post.description'), schedule: c.t('volunteer_post.schedule'), wanted: '3', skill_guide: '1' }) },
  'POST /admin/volunteering/posts/{id}/reopen': { perm: 'volunteers_manage', p: { id: 'volunteerPostToReopen2' }, phase: 2 },
  'POST /admin/volunteering/post-applications/{id}/decide': { perm: 'volunteers_manage', p: { id: 'postApplicationToDecide2' }, phase: 2, form: () => ({ accept: '0' }) },
  'POST /admin/volunteering/pairings': { perm: 'volunteers_manage', form: (w, c) => ({ org_id: String(w.volunteerOrg), venue_id: String(w.venue), starts_on: '2026-01-01', note: c.t('volunteer_pairing.note') }) },
  'POST /admin/volunteering/pairings/{id}/end': { perm: 'volunteers_manage', p: { id: 'volunteerPairingToEnd2' }, phase: 2, form: () => ({ ends_on: '2026-12-31' }) },
  'POST /admin/volunteering/projects/{id}/insurance': { perm: 'volunteers_manage', p: { id: 'volunteerProject' }, form: (w, c) => insuranceBody(c.t) },
});

/** A post at the world's venue. */
const postBody = (w, t) => ({
  venue_id: w.venue, title: t('volunteer_post.title'), description: t('volunteer_post.description'),
  schedule: t('volunteer_post.schedule'), wanted: 3, skills: ['guide'],
});
const insuranceBody = (t) => ({
  insurer: t('volunteer_insurance.insurer'), policy_no: 'PZH-2026-0001', cover_from: '2026-01-01',
  cover_to: '2026-12-31', summary: t('volunteer_insurance.summary'),
});

const NO_HOURS = 'no caller of the world has verified service hours: every application is 422 not_qualified or 404 not_registered';
const NOTICE = 'the notice lasts at least one working day: the world\'s application is still on it (409 notice_open)';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
/** Today's midnight in China time, in ms. */
const today = () => Math.floor((Date.now() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
/** A shift `days` from today, 09:00 to 11:00 China time. */
const shiftBody = (t, days) => ({
  title: t('volunteer_shift.title'), place: t('volunteer_shift.place'), capacity: 50, skills: ['guide'],
  starts_at: iso(today() + days * DAY + 9 * HOUR), ends_at: iso(today() + days * DAY + 11 * HOUR),
});
/** The coordinator's form for the same ("YYYY-MM-DDTHH:MM" in China time). */
const local = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
const shiftForm = (t, days) => ({
  title: t('volunteer_shift.title'), place: t('volunteer_shift.place'), capacity: '50', skill_guide: '1',
  starts_at: local(today() + days * DAY + 9 * HOUR), ends_at: local(today() + days * DAY + 11 * HOUR),
});
/** A fixed profile: the XSS crawl's names are longer than a real name may be. */
const fixedProfile = (div) => ({ real_name: '王志愿', birth_date: '1991-02-03', skills: ['guide'], availability: '周末', areas: [div] });

export async function world(w, { WORLD_DIV, ok, admin, approveAll, login, freshPhone, PASSWORD, png }) {
  const t = w.t;
  w.volunteerOrg = ok(await admin.post('/api/v1/volunteer-organisations', { division: WORLD_DIV, name: t('volunteer_org.name'), description: t('volunteer_org.description') }), 'volunteer organisation', 201).id;
  // coordinators of the world's town: two added to its organisation (removed by the fixtures),
  // two to add; and two organisations without work, to remove
  const coordinators = [];
  for (let i = 0; i < 4; i++) {
    const phone = freshPhone();
    const id = ok(await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: t('account.name'), role: 'volunteer_coordinator', division: WORLD_DIV }), 'coordinator account', 201).id;
    coordinators.push({ phone, id });
  }
  for (const k of coordinators.slice(0, 2))
    ok(await admin.post(`/api/v1/volunteer-organisations/${w.volunteerOrg}/coordinators`, { user_id: k.id }), 'add a coordinator', 201);
  [w.orgCoordinator, w.orgCoordinator2] = [coordinators[0].id, coordinators[1].id];
  [w.orgCoordinatorPhone3, w.orgCoordinatorPhone4] = [coordinators[2].phone, coordinators[3].phone];
  const emptyOrg = async () => ok(await admin.post('/api/v1/volunteer-organisations', { division: WORLD_DIV, name: t('volunteer_org.name'), description: t('volunteer_org.description') }), 'volunteer organisation', 201).id;
  w.orgToArchive = await emptyOrg();
  w.orgToArchive2 = await emptyOrg();
  const project = async () => ok(await admin.post('/api/v1/volunteer-projects', { org_id: w.volunteerOrg, title: t('volunteer_project.title'), description: t('volunteer_project.description') }), 'volunteer project', 201).id;
  w.volunteerProjectDraft = await project();
  w.volunteerProjectDraft2 = await project();
  w.volunteerProjectToChange = await project();
  w.volunteerProjectToChange2 = await project();
  w.volunteerProjectPending = await project();
  ok(await admin.post(`/api/v1/volunteer-projects/${w.volunteerProjectPending}/submit`), 'submit volunteer project', 200);
  w.volunteerProjectPending2 = await project();
  ok(await admin.post(`/api/v1/volunteer-projects/${w.volunteerProjectPending2}/submit`), 'submit volunteer project', 200);
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
  // the demo's past shift and 赵子涵's completed sign-up of it (demo_hours.c)
  const demoVolunteer = await login(w.base, { phone: '13800002003', password: 'Demo2026zy' }, 'demoVolunteer');
  const mine = ok(await demoVolunteer.get('/api/v1/me/volunteer/hours?limit=100'), 'demo hours', 200);
  const shiftRecord = mine.items.find((x) => x.source === 'checkin');
  w.hoursShift = shiftRecord.shift_id;
  w.hoursSignup = shiftRecord.signup_id;
  await shiftsWorld(w, { WORLD_DIV, ok, admin });
  await postsWorld(w, { ok, admin });
  // photos: the citizen's (the fixtures read, remove and put it again) and owner2's, which the
  // coordinators read; the XSS crawl's citizen has no profile (404)
  for (const c of [w.callers.citizen, w.owner2]) {
    const p = await c.send('PUT', '/api/v1/me/volunteer/photo?name=photo.png', { raw: { body: png(), type: 'image/png' } });
    if (p.status !== 404) ok(p, 'volunteer photo', 200);
  }
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

/** Shifts of the published project on days of their own (no two of one person overlap), the
 * owners registered as volunteers, the owner's sign-ups and invitations to give up and answer,
 * and the citizen's sign-up. */
async function shiftsWorld(w, { WORLD_DIV, ok, admin }) {
  const t = w.t;
  const shift = async (days) => ok(await admin.post(`/api/v1/volunteer-projects/${w.volunteerProject}/shifts`, shiftBody(t, days)), 'volunteer shift', 201).id;
  // registered here, or already by another module's world (409 already_registered)
  for (const o of [w.owner, w.owner2]) {
    const r = await o.post('/api/v1/volunteers', fixedProfile(WORLD_DIV));
    if (r.status !== 409) ok(r, 'owner volunteer', 201);
  }
  w.owner2Volunteer = ok(await w.owner2.get('/api/v1/me/volunteer'), 'owner2 profile', 200).id;
  const ownerVolunteer = ok(await w.owner.get('/api/v1/me/volunteer'), 'owner profile', 200).id;
  const signUp = async (caller, id) => ok(await caller.post(`/api/v1/volunteer-shifts/${id}/signups`, {}), 'sign-up', 201).id;
  const invite = async (id, vid) => ok(await admin.post(`/api/v1/volunteer-shifts/${id}/invitations`, { volunteer_id: vid }), 'invitation', 201).id;
  w.ownerVolunteerSignup = await signUp(w.owner, await shift(2));
  w.ownerVolunteerSignup2 = await signUp(w.owner, await shift(3));
  w.ownerInvitation = await invite(await shift(4), ownerVolunteer);
  w.ownerInvitation2 = await invite(await shift(5), ownerVolunteer);
  w.ownerInvitation3 = await invite(await shift(6), ownerVolunteer);
  w.ownerInvitation4 = await invite(await shift(7), ownerVolunteer);
  w.volunteerShiftInvite = await shift(8);
  w.volunteerShiftInvite2 = await shift(9);
  w.volunteerShift = await shift(10);
  w.volunteerShiftToCancel = await shift(11);
  w.volunteerShiftToCancel2 = await shift(12);
  w.volunteerShiftSignup = await shift(13);
  w.volunteerShiftSignupPage = await shift(14);
  // the owner on the roster of the shift everyone reads
  await signUp(w.owner, w.volunteerShift);
}

/** Posts at the world's venue with the owners' offers (owner's pending, to withdraw; owner2's,
 * to decide), pairings to end, and the published project's insurance. */
async function postsWorld(w, { ok, admin }) {
  const t = w.t;
  const post = async () => ok(await admin.post('/api/v1/volunteer-posts', postBody(w, t)), 'volunteer post', 201).id;
  const offer = async (caller, id) => ok(await caller.post(`/api/v1/volunteer-posts/${id}/applications`, { note: t('volunteer_post_application.note') }), 'post offer', 201).id;
  w.volunteerPost = await post();
  const second = await post();
  w.volunteerPostOffer = await post();
  w.volunteerPostOfferPage = await post();
  w.volunteerPostToClose = await post();
  w.volunteerPostToClose2 = await post();
  w.volunteerPostToReopen = await post();
  w.volunteerPostToReopen2 = await post();
  for (const id of [w.volunteerPostToReopen, w.volunteerPostToReopen2])
    ok(await admin.post(`/api/v1/volunteer-posts/${id}/close`), 'close post', 200);
  w.ownerPostApplication = await offer(w.owner, w.volunteerPost);
  w.ownerPostApplication2 = await offer(w.owner, second);
  w.postApplicationToDecide = await offer(w.owner2, w.volunteerPost);
  w.postApplicationToDecide2 = await offer(w.owner2, second);
  // someone serving the post everyone reads
  const third = await post();
  const accepted = await offer(w.owner2, third);
  ok(await admin.post(`/api/v1/volunteer-post-applications/${accepted}/decision`, { accept: true }), 'accept offer', 200);
  const pairing = async () => ok(await admin.post('/api/v1/volunteer-pairings', { org_id: w.volunteerOrg, venue_id: w.venue, starts_on: '2026-01-01', note: t('volunteer_pairing.note') }), 'pairing', 201).id;
  w.volunteerPairing = await pairing();
  w.volunteerPairingToEnd = await pairing();
  w.volunteerPairingToEnd2 = await pairing();
  ok(await admin.send('PUT', `/api/v1/volunteer-projects/${w.volunteerProject}/insurance`, { json: insuranceBody(t) }), 'insurance', 200);
}

export const notOnPages = {
  'volunteer_hours.decision_note': 'a decision\'s note shows on the hours page of the record\'s volunteer, a world account no crawl logs in as',
  'volunteer_hours.dispute': 'a dispute\'s note shows on the pages of its volunteer (a world account no crawl logs in as) and in the queue, which lists the corrections of the world\'s organisation',
  'star.objection': 'objections are read by coordinators through the API only',
  'star.revoke_reason': 'a revocation\'s reason is told to the volunteer and kept in the audit log, not shown on a page',
  'volunteer.real_name': 'the crawl\'s real name is longer than a real name may be: the world\'s registration with it is refused, so no profile page shows it',
  'volunteer.availability': 'written with the refused registration above: no profile holds it',
};
