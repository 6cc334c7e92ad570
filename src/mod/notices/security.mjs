// The security fixtures of the notices module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = ({ WORLD_DIV, A_FORM }) => ({
  'GET /api/v1/notices': { perm: 'public' },
  'POST /api/v1/notices': { perm: 'publish', json: (w, c) => ({ division: WORLD_DIV, title: c.t('notice.title'), body: c.t('notice.body') }) },
  'GET /api/v1/notices/{id}': { perm: 'public', p: { id: 'noticePublished' } },
  'PATCH /api/v1/notices/{id}': { perm: 'publish', p: { id: 'noticeDraft' }, json: (w, c) => ({ title: c.t('notice.title'), body: c.t('notice.body') }) },
  'POST /api/v1/notices/{id}/submit': { perm: 'publish', p: { id: 'noticeDraft' }, phase: 2 },
  'GET /notices/{id}': { perm: 'public', p: { id: 'noticePublished' } },
  'GET /admin/notices/new': { perm: 'publish', own: A_FORM },
  'POST /admin/notices': { perm: 'publish', form: (w, c) => ({ division: WORLD_DIV, title: c.t('notice.title'), body: c.t('notice.body') }) },
});
