// The security fixtures of the admin module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = ({ WORLD_DIV, PASSWORD, freshPhone, OWN_AREA, REVIEW_QUEUE }) => ({
  'GET /api/v1/reviews': { perm: 'admin_console', own: OWN_AREA, access: { perms: ['review', 'audit_read'], why: REVIEW_QUEUE } },
  'GET /api/v1/reviews/{id}': { perm: 'logged_in', p: { id: 'reviewApi' }, access: { roles: ['venueManager'], perms: ['review', 'audit_read'], why: 'its submitter (the venue manager), reviewers and auditors over it' } },
  'POST /api/v1/reviews/{id}/decision': { perm: 'review', p: { id: 'reviewApi' }, phase: 2, json: (w, c) => ({ decision: 'reject', reason: c.t('review.reason') }) },
  'GET /api/v1/review-chains/{type}': { perm: 'admin_console', p: { type: "'notice'" }, query: `?division=${WORLD_DIV}`, own: 'the chain in force, which any console user may read' },
  'PUT /api/v1/review-chains/{type}': { perm: 'review_config', p: { type: "'notice'" }, json: () => ({ division: WORLD_DIV, levels: 'county,city' }) },
  'GET /api/v1/audit': { perm: 'audit_read', own: OWN_AREA },
  'GET /admin': { perm: 'admin_console', own: OWN_AREA },
  'GET /admin/divisions/{code}': { perm: 'admin_console', p: { code: "'510402'" }, own: 'the tree and its population figures are public (GET /api/v1/divisions/{code})' },
  'GET /admin/accounts': { perm: 'accounts_read', own: OWN_AREA },
  'POST /admin/accounts': { perm: 'accounts_manage', form: (w, c) => ({ phone: freshPhone(), name: c.t('account.name'), password: PASSWORD, division: WORLD_DIV }) },
  'GET /admin/accounts/{id}': { perm: 'accounts_read', p: { id: 'ownerId' } },
  'POST /admin/accounts/{id}/roles': { perm: 'accounts_manage', p: { id: 'owner2Id' }, form: () => ({ role: 'volunteer_coordinator', division: '510402' }) },
  'POST /admin/accounts/{id}/roles/{grant}/revoke': { perm: 'accounts_manage', p: { id: 'owner2Id', grant: 'grantPage' }, phase: 2 },
  'GET /admin/reviews': { perm: 'admin_console', own: OWN_AREA, access: { perms: ['review', 'audit_read'], why: REVIEW_QUEUE } },
  'POST /admin/reviews/{id}': { perm: 'review', p: { id: 'reviewPage' }, phase: 2, form: (w, c) => ({ decision: 'reject', reason: c.t('review.reason') }) },
  'GET /admin/activity-revisions/{id}': { perm: 'admin_console', p: { id: 'revision' } },
  // the working-day calendar is the city's: its admins keep it; anyone reads it
  'GET /api/v1/workdays': { perm: 'public', query: '?year=2026' },
  'PUT /api/v1/workdays/{date}': { perm: 'calendar_manage', p: { date: "'2031-01-07'" }, div: '5104', json: (w, c) => ({ kind: 'holiday', name: c.t('workday.name') }) },
  'DELETE /api/v1/workdays/{date}': { perm: 'calendar_manage', p: { date: "'2031-01-07'" }, div: '5104', phase: 2 },
  'POST /api/v1/workdays/import': { perm: 'calendar_manage', div: '5104', raw: (w, c) => ({ type: 'text/csv', body: `date,kind,name\n2031-01-11,workday,${c.t('workday.name')}\n` }) },
  'GET /admin/workdays': { perm: 'calendar_manage', div: '5104' },
  'POST /admin/workdays': { perm: 'calendar_manage', div: '5104', form: (w, c) => ({ date: '2031-01-08', kind: 'holiday', name: c.t('workday.name') }) },
  'POST /admin/workdays/{date}/remove': { perm: 'calendar_manage', p: { date: "'2031-01-08'" }, div: '5104', phase: 2 },
  'POST /admin/workdays/import': { perm: 'calendar_manage', div: '5104', multipart: (w, c) => { const f = new FormData(); f.append('file', new Blob([`date,kind,name\n2031-01-11,workday,${c.t('workday.name')}\n`], { type: 'text/csv' }), 'workdays.csv'); return f; } },
});

// The XSS crawl: fields whose text no page shows, each with the reason, and lists to crawl
// beyond their first view.
export const notOnPages = {
  'review.reason': 'in a review\'s history (GET /api/v1/reviews/{id}) and the audit log; no page shows it',
};
export const crawlToo = ['/admin/reviews?status=rejected', '/admin/reviews?status=published', '/admin/workdays?year=2031'];
