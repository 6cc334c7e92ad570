// The security fixtures of the exchange module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() makes a partner, a channel, a draft
// activity and a published one in the world's town, written by the city admin, for the lines
// that name them.
const partnerBody = (div, t) => ({
  division: div, name: t('exchange.partner'), kind: 'friendship_city', scope: 'foreign',
  country: t('exchange.country'), city: t('exchange.city'), languages: ['es'],
});
const channelBody = (div, t) => ({
  division: div, name: t('exchange.channel'), scope: 'international', sector: 'government', established_on: '2024-01-15',
});

const activityBody = (div, t, partner) => ({
  division: div, title: t('exchange.activity'), title_en: t('exchange.activity_en'), summary: t('exchange.summary'),
  kind: 'tour', scope: 'international', starts_on: '2025-03-01', ends_on: '2025-03-20', participants: 40,
  partners: partner ? [partner] : [],
  stops: [{ place: t('exchange.place'), city: t('exchange.city'), country: t('exchange.country'), starts_on: '2025-03-01', ends_on: '2025-03-03', shows: 2, audience: 900 }],
});

export async function world(w, { WORLD_DIV, ok, admin, approveAll }) {
  w.exchangePartner = ok(await admin.post('/api/v1/exchange/partners', partnerBody(WORLD_DIV, w.t)), 'exchange partner', 201).id;
  w.exchangeChannel = ok(await admin.post('/api/v1/exchange/channels', channelBody(WORLD_DIV, w.t)), 'exchange channel', 201).id;
  w.exchangeDraft = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  // the staff page's submit button uses up a draft of its own
  w.exchangeDraft2 = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  w.exchangePublished = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  ok(await admin.post(`/api/v1/exchange/activities/${w.exchangePublished}/submit`), 'submit exchange activity', 200);
  await approveAll('exchange_activity', w.exchangePublished);
}

// The staff's forms (pages_staff.c): the same records as the API's bodies, as form fields.
const activityForm = (div, t, partner) => ({
  division: div, title: t('exchange.activity'), title_en: t('exchange.activity_en'), summary: t('exchange.summary'),
  kind: 'tour', scope: 'international', starts_on: '2025-03-01', ends_on: '2025-03-20', [`partner_${partner}`]: '1', stops: '2',
  stop1_place: t('exchange.place'), stop1_city: t('exchange.city'), stop1_country: t('exchange.country'), stop1_starts_on: '2025-03-01', stop1_ends_on: '2025-03-03', stop1_shows: '2', stop1_audience: '900',
  stop2_place: t('exchange.place'), stop2_city: t('exchange.city'), stop2_country: t('exchange.country'), stop2_starts_on: '2025-03-05', stop2_ends_on: '2025-03-06', stop2_shows: '1', stop2_audience: '400',
});

export const fixtures = ({ WORLD_DIV, OWN_AREA }) => ({
  'GET /api/v1/exchange/partners': { perm: 'public' },
  'POST /api/v1/exchange/partners': { perm: 'indicators_manage', json: (w, c) => partnerBody(WORLD_DIV, c.t) },
  'GET /api/v1/exchange/partners/{id}': { perm: 'public', p: { id: 'exchangePartner' } },
  'POST /api/v1/exchange/partners/{id}/agreements': {
    perm: 'indicators_manage', p: { id: 'exchangePartner' },
    json: (w, c) => ({ kind: 'memorandum', title: c.t('exchange.agreement'), signed_on: '2024-02-01', renew_on: '2029-02-01', owner_ours: c.t('exchange.owner') }),
  },
  'GET /api/v1/exchange/alerts': { perm: 'indicators_manage', query: `?division=${WORLD_DIV}` },
  'GET /api/v1/exchange/channels': { perm: 'public' },
  'POST /api/v1/exchange/channels': { perm: 'indicators_manage', json: (w, c) => channelBody(WORLD_DIV, c.t) },
  'GET /api/v1/exchange/intents': { perm: 'public' },
  'POST /api/v1/exchange/intents': {
    perm: 'indicators_manage',
    json: (w, c) => ({ channel_id: w.exchangeChannel, partner_id: w.exchangePartner, title: c.t('exchange.intent'), reached_on: '2024-03-01' }),
  },
  'GET /api/v1/exchange/activities': { perm: 'public' },
  'POST /api/v1/exchange/activities': { perm: 'indicators_manage', json: (w, c) => activityBody(WORLD_DIV, c.t, w.exchangePartner) },
  'GET /api/v1/exchange/activities/{id}': { perm: 'public', p: { id: 'exchangePublished' } },
  'POST /api/v1/exchange/activities/{id}/submit': { perm: 'indicators_manage', p: { id: 'exchangeDraft' }, phase: 2 },
  'PUT /api/v1/exchange/activities/{id}/figures': {
    perm: 'indicators_manage', p: { id: 'exchangePublished' },
    json: () => ({ participants: 45, audience: 1200, media_reports: 3, online_reach: 5000, new_followers: 20 }),
  },
  // pages (pages_public.c, pages_staff.c)
  'GET /exchange': { perm: 'public' },
  'GET /exchange/activities/{id}': { perm: 'public', p: { id: 'exchangePublished' } },
  'GET /exchange/partners/{id}': { perm: 'public', p: { id: 'exchangePartner' } },
  'GET /admin/exchange': { perm: 'indicators_manage', own: OWN_AREA },
  'POST /admin/exchange/activities': { perm: 'indicators_manage', form: (w, c) => activityForm(WORLD_DIV, c.t, w.exchangePartner) },
  'POST /admin/exchange/activities/{id}/submit': { perm: 'indicators_manage', p: { id: 'exchangeDraft2' }, phase: 2 },
  'POST /admin/exchange/activities/{id}/figures': {
    perm: 'indicators_manage', p: { id: 'exchangePublished' },
    form: () => ({ participants: '46', audience: '1300', media_reports: '4', online_reach: '', new_followers: '21' }),
  },
  'GET /admin/exchange/partners': { perm: 'indicators_manage', own: OWN_AREA },
  'POST /admin/exchange/partners': {
    perm: 'indicators_manage',
    form: (w, c) => ({ division: WORLD_DIV, name: c.t('exchange.partner'), kind: 'friendship_city', scope: 'foreign', country: c.t('exchange.country'), city: c.t('exchange.city'), languages: 'es, en' }),
  },
  'POST /admin/exchange/partners/{id}/agreements': {
    perm: 'indicators_manage', p: { id: 'exchangePartner' },
    form: (w, c) => ({ kind: 'alliance_charter', title: c.t('exchange.agreement'), signed_on: '2024-05-01', renew_on: '2027-05-01', scope: c.t('exchange.agreement_scope'), obligations: c.t('exchange.obligations'), owner_ours: c.t('exchange.owner'), owner_theirs: c.t('exchange.owner') }),
  },
  'GET /admin/exchange/channels': { perm: 'indicators_manage', own: OWN_AREA },
  'POST /admin/exchange/channels': {
    perm: 'indicators_manage',
    form: (w, c) => ({ division: WORLD_DIV, name: c.t('exchange.channel'), scope: 'domestic', sector: 'nongovernment', mass_art: '1', established_on: '2024-06-01', note: c.t('exchange.channel_note') }),
  },
  'POST /admin/exchange/intents': {
    perm: 'indicators_manage',
    form: (w, c) => ({ channel_id: String(w.exchangeChannel), partner_id: String(w.exchangePartner), title: c.t('exchange.intent'), reached_on: '2024-07-01' }),
  },
  'GET /admin/exchange/alerts': { perm: 'indicators_manage', own: OWN_AREA },
});

// Every text the fixtures write is shown by a page: the public pages (the partners with their
// agreements, an activity with its stops) and the staff's (channels, intents, the agreements'
// owners).
export const notOnPages = {};
