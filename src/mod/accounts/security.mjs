// The security fixtures of the accounts module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = ({ WORLD_DIV, PASSWORD, freshPhone, csvCell, NO_CODE, OWN_AREA }) => ({
  'POST /api/v1/auth/register': { perm: 'public', json: (w, c) => ({ phone: freshPhone(), password: PASSWORD, name: c.t('account.name') }) },
  'POST /api/v1/auth/verify': { perm: 'public', json: () => ({ phone: freshPhone(), code: '000000' }), noWitness: NO_CODE },
  'POST /api/v1/auth/reset/request': { perm: 'public', json: () => ({ phone: freshPhone() }) },
  'POST /api/v1/auth/reset': { perm: 'public', json: () => ({ phone: freshPhone(), code: '000000', password: PASSWORD }), noWitness: NO_CODE },
  'POST /api/v1/auth/login': { perm: 'public', json: (w) => ({ phone: w.acct.owner.phone, password: w.acct.owner.password }) },
  'POST /api/v1/auth/logout': { perm: 'logged_in', phase: 3, fresh: true },
  'GET /api/v1/me': { perm: 'logged_in' },
  'POST /api/v1/me/password': { perm: 'logged_in', phase: 3, fresh: true, json: (w, c) => ({ old_password: c.password, new_password: c.password }) },
  'GET /api/v1/accounts': { perm: 'accounts_read', own: OWN_AREA },
  'POST /api/v1/accounts': { perm: 'accounts_manage', json: (w, c) => ({ phone: freshPhone(), password: PASSWORD, name: c.t('account.name'), division: WORLD_DIV }) },
  // a job: its rows are judged when it runs (rows outside the caller's area are rejected
  // there, each with its reason), so any holder of accounts_manage gets 202
  'POST /api/v1/accounts/import': { perm: 'accounts_manage', own: 'a job over the caller\'s own area: rows outside it are rejected row by row',
    query: '?dry_run=1',
    raw: (w, c) => ({ type: 'text/csv', body: `phone,name,password,role,division\n${freshPhone()},${csvCell(c.t('account.name'))},${PASSWORD},citizen,${WORLD_DIV}\n` }),
  },
  'GET /api/v1/accounts/import/{id}': { perm: 'accounts_manage', p: { id: 'importJob' }, access: { roles: ['cityAdmin'], why: 'an import job: the account that started it' } },
  'GET /api/v1/accounts/{id}': { perm: 'logged_in', p: { id: 'ownerId' }, access: { perms: ['accounts_read'], owner: 'owner', why: 'an account: itself, and holders of accounts_read over it' } },
  'POST /api/v1/accounts/{id}/roles': { perm: 'accounts_manage', p: { id: 'owner2Id' }, json: () => ({ role: 'volunteer_coordinator', division: WORLD_DIV }) },
  'DELETE /api/v1/accounts/{id}/roles/{grant}': { perm: 'accounts_manage', p: { id: 'owner2Id', grant: 'grantApi' }, phase: 2 },
  'GET /api/v1/divisions/{code}': { perm: 'public', p: { code: "'510402'" } },
  'GET /register': { perm: 'public' },
  'POST /register': { perm: 'public', form: (w, c) => ({ phone: freshPhone(), password: PASSWORD, name: c.t('account.name') }) },
  'GET /register/verify': { perm: 'public', query: '?phone=13800000000' },
  'POST /register/verify': { perm: 'public', form: () => ({ phone: freshPhone(), code: '000000' }), noWitness: NO_CODE },
  'GET /reset': { perm: 'public' },
  'POST /reset': { perm: 'public', form: () => ({ phone: freshPhone() }) },
  'POST /reset/confirm': { perm: 'public', form: () => ({ phone: freshPhone(), code: '000000', password: PASSWORD }), noWitness: NO_CODE },
  'GET /login': { perm: 'public' },
  'POST /login': { perm: 'public', form: (w) => ({ phone: w.acct.owner.phone, password: w.acct.owner.password }) },
  'POST /logout': { perm: 'logged_in', phase: 3, fresh: true },
  'GET /account': { perm: 'logged_in' },
  'POST /account/password': { perm: 'logged_in', phase: 3, fresh: true, form: (w, c) => ({ old_password: c.password ?? '', new_password: c.password ?? '' }) },
});
