// The security fixtures of the timed_entry module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = () => ({
  'GET /api/v1/venues/{id}/timed-entry': { perm: 'public', p: { id: 'museum' }, div: '510402' },
  'PUT /api/v1/venues/{id}/timed-entry': { perm: 'venue_manage', p: { id: 'venue' }, json: () => ({ slots: [['09:00', '10:30']], capacity: 20, days_ahead: 3, opens_at: '08:00' }) },
  'DELETE /api/v1/venues/{id}/timed-entry': { perm: 'venue_manage', p: { id: 'venue' }, phase: 2 },
  'POST /venues/{id}/timed-entry': { perm: 'venue_manage', p: { id: 'venue' }, form: () => ({ enabled: '1', slots: '09:00-10:30', capacity: '20', days_ahead: '3', opens_at: '08:00', max_companions: '0' }) },
});
