// The security fixtures of the spaces module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = ({ WORLD_DIV, spaceBooking, spaceBookingForm, OWN_AREA, ONLY_OWNER }) => ({
  'GET /api/v1/spaces': { perm: 'public' },
  'POST /api/v1/spaces': { perm: 'venue_manage', 
    json: (w, c) => ({ kind: 'street_station', name: c.t('space.name'), division: WORLD_DIV, address: c.t('space.address'), equipment: c.t('space.equipment'), description: c.t('space.description'), opens: '08:00', closes: '22:00', max_minutes: 180, capacity: 50 }),
  },
  'GET /api/v1/spaces/{id}': { perm: 'public', p: { id: 'space' } },
  'PATCH /api/v1/spaces/{id}': { perm: 'venue_manage', p: { id: 'space' }, json: (w, c) => ({ name: c.t('space.name'), address: c.t('space.address'), equipment: c.t('space.equipment'), description: c.t('space.description') }) },
  'GET /api/v1/spaces/{id}/schedule': { perm: 'public', p: { id: 'space' } },
  'POST /api/v1/spaces/{id}/bookings': { perm: 'logged_in', p: { id: 'space' }, json: (w, c) => spaceBooking(c.t) },
  'GET /api/v1/me/space-bookings': { perm: 'logged_in' },
  'DELETE /api/v1/space-bookings/{id}': { perm: 'logged_in', p: { id: 'ownerSpaceBooking' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /api/v1/space-bookings': { perm: 'venue_manage', own: OWN_AREA },
  'POST /api/v1/space-bookings/{id}/decision': { perm: 'venue_manage', p: { id: 'spaceBookingApi' }, phase: 2, json: (w, c) => ({ decision: 'reject', reason: c.t('space_booking.reason') }) },
  'GET /spaces': { perm: 'public' },
  'GET /spaces/{id}': { perm: 'public', p: { id: 'space' } },
  'POST /spaces/{id}/bookings': { perm: 'logged_in', p: { id: 'space' }, form: (w, c) => spaceBookingForm(c.t) },
  'GET /me/space-bookings': { perm: 'logged_in' },
  'POST /space-bookings/{id}/cancel': { perm: 'logged_in', p: { id: 'ownerSpaceBooking2' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /admin/space-bookings': { perm: 'venue_manage', own: OWN_AREA },
  'POST /admin/space-bookings/{id}': { perm: 'venue_manage', p: { id: 'spaceBookingPage' }, phase: 2, form: () => ({ decision: 'approve' }) },
});

// The XSS crawl: lists to crawl beyond their first view.
export const crawlToo = ['/admin/space-bookings?status=all', '/spaces?division=510402001'];
