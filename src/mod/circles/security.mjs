// The security fixtures of the circles module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
const NO_NETWORK = 'the test server has no walking network: 503 for everyone';
const NO_JOBS = 'without a walking network no siting job is ever queued: 404 for everyone who may ask';
const WHOLE_NETWORK = 'a siting job without a division covers the whole network: any holder of circles_plan may queue one';

// a square around the world's venue: the area of a named circle
const NAMED_AREA = {
  type: 'Polygon',
  coordinates: [[[101.72, 26.57], [101.73, 26.57], [101.73, 26.58], [101.72, 26.58], [101.72, 26.57]]],
};

export const fixtures = ({ WORLD_DIV }) => ({
  'GET /api/v1/circles': { perm: 'public', noWitness: NO_NETWORK },
  'POST /api/v1/circles/siting': { perm: 'circles_plan', json: () => ({ k: 1 }), own: WHOLE_NETWORK, noWitness: NO_NETWORK },
  'GET /api/v1/circles/siting/{id}': { perm: 'circles_plan', p: { id: "'1'" }, noWitness: NO_JOBS },
  'GET /api/v1/circles/named': { perm: 'public' },
  'POST /api/v1/circles/named': { perm: 'circles_plan', json: (w, c) => ({ name: c.t('venue.name'), division: WORLD_DIV, geojson: NAMED_AREA }) },
  'GET /api/v1/circles/named/{id}': { perm: 'public', p: { id: 'namedCircle' } },
  'POST /api/v1/circles/named/{id}/check': { perm: 'circles_plan', p: { id: 'namedCircle' } },
  'GET /circles': { perm: 'public', noWitness: NO_NETWORK },
  'POST /circles/siting': { perm: 'circles_plan', form: () => ({ k: '1' }), own: WHOLE_NETWORK, noWitness: NO_NETWORK },
  'GET /circles/siting/{id}': { perm: 'circles_plan', p: { id: "'1'" }, noWitness: NO_JOBS },
});
