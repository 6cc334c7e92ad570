// The security fixtures of the activities module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes.
export const fixtures = ({ activityBody, session, png, OWN_AREA, A_FORM, ONLY_OWNER }) => ({
  'GET /api/v1/activities': { perm: 'public' },
  'POST /api/v1/activities': { perm: 'publish', json: (w, c) => activityBody(w, c.t, [session(9)]) },
  'GET /api/v1/activities/{id}': { perm: 'public', p: { id: 'activity' } },
  'GET /api/v1/activities/{id}/sessions': { perm: 'public', p: { id: 'activity' } },
  'PATCH /api/v1/activities/{id}': { perm: 'publish', p: { id: 'draft' }, json: (w, c) => ({ title: c.t('activity.title'), description: c.t('activity.description'), organiser: c.t('activity.organiser'), address: c.t('activity.address'), audience: c.t('activity.audience'), live_url: c.urlProbe(c.t, 'activity.live_url') }) },
  'POST /api/v1/activities/{id}/submit': { perm: 'publish', p: { id: 'draft' }, phase: 2 },
  'PUT /api/v1/activities/{id}/poster': { perm: 'publish', p: { id: 'activity' }, raw: () => ({ body: png(), type: 'image/png' }) },
  'DELETE /api/v1/activities/{id}/poster': { perm: 'publish', p: { id: 'activity' }, phase: 2 },
  'PATCH /api/v1/sessions/{id}': { perm: 'publish', p: { id: 'session2' }, json: () => ({ capacity: 150 }) },
  'POST /api/v1/sessions/{id}/cancel': { perm: 'publish', p: { id: 'session3' }, phase: 2, json: (w, c) => ({ reason: c.t('session.cancel_reason') }) },
  'POST /api/v1/sessions/{id}/bookings': { perm: 'logged_in', p: { id: 'session1' }, json: (w, c) => ({ companions: [{ name: c.t('booking.companion') }] }) },
  'GET /api/v1/sessions/{id}/bookings': { perm: 'publish', p: { id: 'session1' } },
  'GET /api/v1/me/bookings': { perm: 'logged_in' },
  'DELETE /api/v1/bookings/{id}': { perm: 'logged_in', p: { id: 'ownerBooking' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'POST /api/v1/checkins': { perm: 'publish', json: (w) => ({ code: w.codeApi, session_id: w.session5 }) },
  'GET /api/v1/bookings/{id}/qr.svg': { perm: 'logged_in', p: { id: 'ownerBooking' }, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /calendar/{division}.ics': { perm: 'public', p: { division: "'510402'" } },
  'GET /api/v1/sessions/{id}/attendance.csv': { perm: 'publish', p: { id: 'ratedSession' } },
  'POST /api/v1/bookings/{id}/excuse': { perm: 'publish', p: { id: 'noShowApi' }, json: (w, c) => ({ reason: c.t('booking.excuse_reason') }) },
  'POST /api/v1/activities/{id}/ratings': { perm: 'logged_in', p: { id: 'ratedActivity' }, json: (w, c) => ({ score: 5, comment: c.t('rating.comment') }), access: { roles: ['citizen'], why: 'those who attended: the citizen did (buildWorld checked them in)' } },
  'GET /api/v1/activities/{id}/ratings': { perm: 'public', p: { id: 'ratedActivity' } },
  'GET /api/v1/ratings': { perm: 'publish', own: OWN_AREA },
  'POST /api/v1/ratings/{id}/decision': { perm: 'publish', p: { id: 'ratingApi' }, phase: 2, json: () => ({ decision: 'approve' }) },
  'GET /calendar/venue/{id}.ics': { perm: 'public', p: { id: 'venue' } },
  'GET /calendar/category/{category}.ics': { perm: 'public', p: { category: "'performance'" } },
  // public: the unguessable token is the key
  'GET /calendar/me/{token}.ics': { perm: 'public', p: { token: 'calendarToken' } },
  'GET /api/v1/me/calendar': { perm: 'logged_in' },
  'POST /api/v1/me/calendar': { perm: 'logged_in' },
  'POST /api/v1/me/calendar/reset': { perm: 'logged_in', phase: 2 },
  'GET /activities': { perm: 'public' },
  'GET /activities/{id}': { perm: 'public', p: { id: 'activity' } },
  'GET /activities/{id}/poster': { perm: 'public', p: { id: 'activity' } },
  'POST /activities/{id}/poster': { perm: 'publish', 
    p: { id: 'ratedActivity' },
    multipart: () => {
      const f = new FormData();
      f.append('poster', new Blob([png()], { type: 'image/png' }), 'poster.png');
      return f;
    },
  },
  'POST /activities/{id}/poster/delete': { perm: 'publish', p: { id: 'ratedActivity' }, phase: 2 },
  'POST /sessions/{id}/book': { perm: 'logged_in', p: { id: 'session2' }, form: (w, c) => ({ companion1: c.t('booking.companion') }) },
  'GET /me/bookings': { perm: 'logged_in' },
  'POST /sessions/{id}/cancel': { perm: 'publish', p: { id: 'session4' }, phase: 2, form: (w, c) => ({ reason: c.t('session.cancel_reason') }) },
  'POST /sessions/{id}/change': { perm: 'publish', p: { id: 'session2' }, form: () => ({ capacity: '160' }) },
  'POST /me/calendar': { perm: 'logged_in' },
  'POST /bookings/{id}/cancel': { perm: 'logged_in', p: { id: 'ownerBooking2' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /checkin': { perm: 'publish', own: A_FORM },
  'POST /checkin': { perm: 'publish', form: (w) => ({ code: w.codePage, session_id: String(w.session5) }) },
  'GET /organiser': { perm: 'publish', own: OWN_AREA },
  'GET /organiser/sessions/{id}': { perm: 'publish', p: { id: 'session1' } },
  'POST /organiser/bookings/{id}/excuse': { perm: 'publish', p: { id: 'noShowPage' }, form: (w, c) => ({ reason: c.t('booking.excuse_reason') }) },
  'POST /organiser/ratings/{id}': { perm: 'publish', p: { id: 'ratingPage' }, phase: 2, form: (w, c) => ({ decision: 'reject', reason: c.t('rating.reason') }) },
  'POST /activities/{id}/rate': { perm: 'logged_in', p: { id: 'ratedActivity' }, form: (w, c) => ({ score: '4', comment: c.t('rating.comment') }), access: { roles: ['citizen'], why: 'those who attended: the citizen did (buildWorld checked them in)' } },
});

// The XSS crawl: fields whose text no page shows, each with the reason.
export const notOnPages = {
  'activity.address': 'the activity page shows its venue, not its own address (the API and calendars do)',
  'activity.audience': 'the activity page shows only a pending change of the audience (revision.audience)',
  'activity.replay_url': 'the activity page links the live stream only (the API has the replay address)',
  'booking.companion': 'companions are named in the API answers; the organiser\'s page counts seats',
  'booking.excuse_reason': 'kept in the audit log; no page shows it',
  'rating.reason': 'kept with the moderated rating; no page shows it',
};
