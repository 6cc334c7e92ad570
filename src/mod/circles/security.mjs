// The security fixtures of the circles module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
const NO_NETWORK = 'the test server has no walking network: 503 for everyone';
const NO_JOBS = 'without a walking network no siting job is ever queued: 404 for everyone who may ask';
const WHOLE_NETWORK = 'a siting job without a division covers the whole network: any holder of circles_plan may queue one';

export const fixtures = () => ({
  'GET /api/v1/circles': { perm: 'public', noWitness: NO_NETWORK },
  'POST /api/v1/circles/siting': { perm: 'circles_plan', json: () => ({ k: 1 }), own: WHOLE_NETWORK, noWitness: NO_NETWORK },
  'GET /api/v1/circles/siting/{id}': { perm: 'circles_plan', p: { id: "'1'" }, noWitness: NO_JOBS },
  'GET /circles': { perm: 'public', noWitness: NO_NETWORK },
  'POST /circles/siting': { perm: 'circles_plan', form: () => ({ k: '1' }), own: WHOLE_NETWORK, noWitness: NO_NETWORK },
  'GET /circles/siting/{id}': { perm: 'circles_plan', p: { id: "'1'" }, noWitness: NO_JOBS },
});
