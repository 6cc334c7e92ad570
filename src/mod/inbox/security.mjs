// The security fixtures of the inbox module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = ({ WORLD_DIV, OWN_AREA }) => ({
  'GET /api/v1/me/notifications': { perm: 'logged_in' },
  'POST /api/v1/me/notifications/read': { perm: 'logged_in', json: () => ({ all: true }) },
  'GET /api/v1/webhooks': { perm: 'webhook_manage', own: OWN_AREA },
  'POST /api/v1/webhooks': { perm: 'webhook_manage', json: () => ({ url: 'https://hub.example.org/wenyun', division: WORLD_DIV }) },
  'DELETE /api/v1/webhooks/{id}': { perm: 'webhook_manage', p: { id: 'webhook' }, phase: 2 },
  'GET /me/inbox': { perm: 'logged_in' },
  'POST /me/inbox/read': { perm: 'logged_in' },
});
