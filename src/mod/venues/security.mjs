// The security fixtures of the venues module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = ({ WORLD_DIV, csvCell, venueHours, A_FORM }) => ({
  'GET /api/v1/venues': { perm: 'public' },
  'POST /api/v1/venues': { perm: 'venue_manage', json: (w, c) => ({ name: c.t('venue.name'), category: 'new_space', division: WORLD_DIV, address: c.t('venue.address') }) },
  'GET /api/v1/venues.geojson': { perm: 'public' },
  'GET /api/v1/venues.csv': { perm: 'public' },
  'POST /api/v1/venues/import': { perm: 'venue_manage', 
    query: '?dry_run=1&format=csv',
    refusal: (r) => r.status === 200 && r.json?.rejected > 0,
    raw: (w, c) => ({ type: 'text/csv', body: `external_id,name,category,division,address\nsec-${Math.random().toString(36).slice(2)},${csvCell(c.t('venue.name'))},library,${WORLD_DIV},${csvCell(c.t('venue.address'))}\n` }),
  },
  'GET /api/v1/venues/{id}': { perm: 'public', p: { id: 'venue' } },
  'PATCH /api/v1/venues/{id}': { perm: 'venue_manage', p: { id: 'venue' }, json: (w, c) => ({ address: c.t('venue.address'), contact: c.t('venue.contact') }) },
  'PUT /api/v1/venues/{id}/hours': { perm: 'venue_manage', p: { id: 'venue' }, json: (w, c) => venueHours(c.t) },
  'GET /venues': { perm: 'public' },
  'GET /venues/new': { perm: 'venue_manage', own: A_FORM },
  'POST /venues': { perm: 'venue_manage', form: (w, c) => ({ name: c.t('venue.name'), category: 'new_space', division: WORLD_DIV, address: c.t('venue.address') }) },
  'GET /venues/{id}': { perm: 'public', p: { id: 'venue' } },
  'GET /venues/{id}/edit': { perm: 'venue_manage', p: { id: 'venue' } },
  'POST /venues/{id}': { perm: 'venue_manage', p: { id: 'venue' }, form: (w, c) => ({ name: c.t('venue.name'), address: c.t('venue.address'), awards: c.t('venue.awards') }) },
  'POST /venues/{id}/hours': { perm: 'venue_manage', p: { id: 'venue' }, form: () => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].flatMap((d) => [[`opens${d}`, '08:00'], [`closes${d}`, '22:00']])) },
});
