// The security fixtures of the exchange module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() makes a partner, a channel, a draft
// activity and a published one in the world's town, written by the city admin, for the lines
// that name them; a follow-up of the published one, the town's rubric, and a second published
// activity whose evaluation the close line ends.
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
  w.exchangePublished = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  ok(await admin.post(`/api/v1/exchange/activities/${w.exchangePublished}/submit`), 'submit exchange activity', 200);
  await approveAll('exchange_activity', w.exchangePublished);
  w.exchangeToClose = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  ok(await admin.post(`/api/v1/exchange/activities/${w.exchangeToClose}/submit`), 'submit exchange activity', 200);
  await approveAll('exchange_activity', w.exchangeToClose);
  w.exchangeFollowup = ok(await admin.post('/api/v1/exchange/followups', followupBody(w)), 'exchange follow-up', 201).id;
  ok(await admin.send('PUT', '/api/v1/exchange/rubric', { json: rubricBody(WORLD_DIV, w.t) }), 'exchange rubric', 200);
}

const followupBody = (w) => ({
  activity_id: w.exchangePublished, kind: 'return_visit', title: w.t('exchange.followup'), owner: w.t('exchange.owner'), due_on: '2025-06-01',
});
const rubricBody = (div, t) => ({
  division: div, criteria: [{ code: 'influence', name: t('exchange.criterion'), weight: 60 }, { code: 'quality', name: t('exchange.criterion'), weight: 40 }],
});

export const fixtures = ({ WORLD_DIV }) => ({
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
  'GET /api/v1/exchange/followups': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'POST /api/v1/exchange/followups': { perm: 'indicators_manage', json: (w) => followupBody(w) },
  'GET /api/v1/exchange/followups/{id}': { perm: 'public', p: { id: 'exchangeFollowup' } },
  'PUT /api/v1/exchange/followups/{id}': {
    perm: 'indicators_manage', p: { id: 'exchangeFollowup' },
    json: (w, c) => ({ status: 'done', outcome: c.t('exchange.outcome'), outcome_on: '2025-04-10' }),
  },
  'GET /api/v1/exchange/conversion': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'GET /api/v1/exchange/rubric': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'PUT /api/v1/exchange/rubric': { perm: 'indicators_manage', json: (w, c) => rubricBody(WORLD_DIV, c.t) },
  // reviewers over the town score; the city admin wrote the activity and holds no review role
  'PUT /api/v1/exchange/activities/{id}/scores': {
    perm: 'review', p: { id: 'exchangePublished' }, json: () => ({ scores: { influence: 80, quality: 70 } }),
  },
  'GET /api/v1/exchange/activities/{id}/evaluation': { perm: 'indicators_manage', p: { id: 'exchangePublished' } },
  'POST /api/v1/exchange/activities/{id}/evaluation/close': { perm: 'indicators_manage', p: { id: 'exchangeToClose' }, phase: 2 },
  'GET /api/v1/exchange/ranking': { perm: 'indicators_manage', query: `?division=${WORLD_DIV}` },
  'GET /api/v1/exchange/measures': { perm: 'indicators_manage', query: (w) => `?subject=partner&subject_id=${w.exchangePartner}` },
  'PUT /api/v1/exchange/measures': {
    perm: 'indicators_manage',
    json: (w, c) => ({ subject: 'partner', subject_id: w.exchangePartner, name: c.t('exchange.measure'), unit: '', period: '2025', baseline: 1, target: 3, actual: 2 }),
  },
  'GET /api/v1/exchange/lessons': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'POST /api/v1/exchange/lessons': {
    perm: 'indicators_manage',
    json: (w, c) => ({ division: WORLD_DIV, title: c.t('exchange.lesson'), body: c.t('exchange.lesson_body'), activity_id: w.exchangePublished }),
  },
});

// The module has no pages yet (docs/exchange.md, "Not yet"): its records are in the API only.
const API_ONLY = 'the exchange module has no pages yet: its records are shown by the API only';
export const notOnPages = Object.fromEntries(
  ['partner', 'country', 'city', 'channel', 'agreement', 'owner', 'intent', 'activity', 'activity_en', 'summary', 'place',
    'followup', 'outcome', 'criterion', 'measure', 'lesson', 'lesson_body'].map((f) => [`exchange.${f}`, API_ONLY]),
);
