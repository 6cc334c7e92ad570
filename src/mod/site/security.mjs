// The security fixtures of the site module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = () => ({
  'GET /healthz': { perm: 'public' },
  'GET /metrics': { perm: 'public' },
  'GET /api/v1/openapi.json': { perm: 'public' },
  'GET /': { perm: 'public' },
  'GET /static/{file}': { perm: 'public', p: { file: "'app.css'" } },
});
