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

const planBody = (div, t, partner) => ({
  division: div, unit: t('exchange.unit'), title: t('exchange.plan'), kind: 'culture_week',
  starts_on: '2027-05-01', ends_on: '2027-05-07', partners: partner ? [partner] : [],
});

export async function world(w, { WORLD_DIV, ok, admin, approveAll, reviewers, png }) {
  w.exchangePartner = ok(await admin.post('/api/v1/exchange/partners', partnerBody(WORLD_DIV, w.t)), 'exchange partner', 201).id;
  w.exchangeChannel = ok(await admin.post('/api/v1/exchange/channels', channelBody(WORLD_DIV, w.t)), 'exchange channel', 201).id;
  w.exchangeDraft = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  // the staff page's submit button uses up a draft of its own
  w.exchangeDraft2 = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  w.exchangePublished = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  ok(await admin.post(`/api/v1/exchange/activities/${w.exchangePublished}/submit`), 'submit exchange activity', 200);
  await approveAll('exchange_activity', w.exchangePublished);
  // the coordination calendar, funds, delegations, attachments and changes (calendar.h)
  w.exchangeAgreement = ok(await admin.post(`/api/v1/exchange/partners/${w.exchangePartner}/agreements`,
    { kind: 'memorandum', title: w.t('exchange.agreement'), signed_on: '2024-02-01' }), 'exchange agreement', 201).id;
  w.exchangeIntent = ok(await admin.post('/api/v1/exchange/intents',
    { channel_id: w.exchangeChannel, partner_id: w.exchangePartner, title: w.t('exchange.intent'), reached_on: '2024-03-01' }), 'exchange intent', 201).id;
  w.exchangeSpareChannel = ok(await admin.post('/api/v1/exchange/channels', channelBody(WORLD_DIV, w.t)), 'spare exchange channel', 201).id;
  w.exchangeSpareIntent = ok(await admin.post('/api/v1/exchange/intents',
    { channel_id: w.exchangeChannel, partner_id: w.exchangePartner, title: w.t('exchange.intent'), reached_on: '2024-04-01' }), 'spare exchange intent', 201).id;
  w.exchangeSpareChannelPage = ok(await admin.post('/api/v1/exchange/channels', channelBody(WORLD_DIV, w.t)), 'spare exchange channel', 201).id;
  w.exchangeSpareIntentPage = ok(await admin.post('/api/v1/exchange/intents',
    { channel_id: w.exchangeChannel, partner_id: w.exchangePartner, title: w.t('exchange.intent'), reached_on: '2024-04-02' }), 'spare exchange intent', 201).id;
  w.exchangePlan = ok(await admin.post('/api/v1/exchange/plans', planBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange plan', 201).id;
  w.exchangePlanApproved = ok(await admin.post('/api/v1/exchange/plans', planBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange plan', 201).id;
  ok(await admin.post(`/api/v1/exchange/plans/${w.exchangePlanApproved}/submit`), 'submit exchange plan', 200);
  // a plan's chain is one level, the city's: the city reviewer approves it
  const cityReviewer = reviewers[1];
  const q = ok(await cityReviewer.get('/api/v1/reviews?status=pending&limit=200'), 'review queue', 200);
  const item = q.items.find((x) => x.content_type === 'exchange_plan' && x.content_id === w.exchangePlanApproved);
  ok(await cityReviewer.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 'approve exchange plan', 200);
  w.exchangeAttachment = ok(await admin.send('POST', `/api/v1/exchange/activities/${w.exchangePublished}/attachments?kind=photo&name=photo.png`,
    { raw: { body: png(), type: 'image/png' } }), 'exchange attachment', 201).id;
  w.exchangeToClose = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  ok(await admin.post(`/api/v1/exchange/activities/${w.exchangeToClose}/submit`), 'submit exchange activity', 200);
  await approveAll('exchange_activity', w.exchangeToClose);
  w.exchangeFollowup = ok(await admin.post('/api/v1/exchange/followups', followupBody(w)), 'exchange follow-up', 201).id;
  ok(await admin.send('PUT', '/api/v1/exchange/rubric', { json: rubricBody(WORLD_DIV, w.t) }), 'exchange rubric', 200);
  // the staff's pages (pages_followups.c, pages_evaluation.c, pages_calendar.c) use up records
  // of their own: an evaluation to close, a draft plan to submit, a pending plan to approve
  w.exchangeToClosePage = ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201).id;
  ok(await admin.post(`/api/v1/exchange/activities/${w.exchangeToClosePage}/submit`), 'submit exchange activity', 200);
  await approveAll('exchange_activity', w.exchangeToClosePage);
  w.exchangePlanPage = ok(await admin.post('/api/v1/exchange/plans', planBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange plan', 201).id;
  w.exchangePlanPending = ok(await admin.post('/api/v1/exchange/plans', planBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange plan', 201).id;
  ok(await admin.post(`/api/v1/exchange/plans/${w.exchangePlanPending}/submit`), 'submit exchange plan', 200);
  // a second approved plan, and a change waiting for review of two activities and two plans
  w.exchangePlanApproved2 = ok(await admin.post('/api/v1/exchange/plans', planBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange plan', 201).id;
  ok(await admin.post(`/api/v1/exchange/plans/${w.exchangePlanApproved2}/submit`), 'submit exchange plan', 200);
  const q2 = ok(await cityReviewer.get('/api/v1/reviews?status=pending&limit=200'), 'review queue', 200);
  const item2 = q2.items.find((x) => x.content_type === 'exchange_plan' && x.content_id === w.exchangePlanApproved2);
  ok(await cityReviewer.post(`/api/v1/reviews/${item2.id}/decision`, { decision: 'approve' }), 'approve exchange plan', 200);
  for (const k of ['exchangePublished', 'exchangeToClosePage'])
    w[`${k}Revision`] = ok(await admin.send('PATCH', `/api/v1/exchange/activities/${w[k]}`, { json: { summary: w.t('exchange.summary') } }), 'propose an exchange revision', 202).pending_revision.id;
  for (const k of ['exchangePlanApproved', 'exchangePlanApproved2'])
    w[`${k}Revision`] = ok(await admin.send('PATCH', `/api/v1/exchange/plans/${w[k]}`, { json: { note: w.t('exchange.plan_note') } }), 'propose a plan revision', 202).pending_revision.id;
  await amendWorld(w, { WORLD_DIV, ok, admin, png });
}

// The later changes (amend.h): records of their own for each deletion, a draft to change, closed
// evaluations to reopen, an agreement's annual programme.
async function amendWorld(w, { WORLD_DIV, ok, admin, png }) {
  const id = (r) => r.id;
  for (const k of ['exchangeSparePartner', 'exchangeSparePartnerPage'])
    w[k] = id(ok(await admin.post('/api/v1/exchange/partners', partnerBody(WORLD_DIV, w.t)), 'spare exchange partner', 201));
  for (const k of ['exchangeSpareAgreement', 'exchangeSpareAgreementPage'])
    w[k] = id(ok(await admin.post(`/api/v1/exchange/partners/${w.exchangePartner}/agreements`,
      { kind: 'memorandum', title: w.t('exchange.agreement'), signed_on: '2024-02-01' }), 'spare exchange agreement', 201));
  w.exchangeDraftEdit = id(ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange draft', 201));
  for (const k of ['exchangePlanEdit', 'exchangePlanWithdraw', 'exchangePlanWithdrawPage'])
    w[k] = id(ok(await admin.post('/api/v1/exchange/plans', planBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange plan', 201));
  for (const k of ['exchangeFund', 'exchangeFundSpare', 'exchangeFundPage'])
    w[k] = id(ok(await admin.post(`/api/v1/exchange/activities/${w.exchangePublished}/funds`,
      { kind: 'grant', sponsor: w.t('exchange.sponsor'), amount_fen: 100000, given_on: '2025-02-01' }), 'exchange fund', 201));
  for (const k of ['exchangeDelegate', 'exchangeDelegateSpare', 'exchangeDelegatePage'])
    w[k] = id(ok(await admin.post(`/api/v1/exchange/activities/${w.exchangePublished}/delegation`,
      { kind: 'troupe', name: w.t('exchange.troupe') }), 'exchange delegate', 201));
  for (const k of ['exchangeAttachmentSpare', 'exchangeAttachmentPage'])
    w[k] = id(ok(await admin.send('POST', `/api/v1/exchange/activities/${w.exchangePublished}/attachments?kind=photo&name=photo.png`,
      { raw: { body: png(), type: 'image/png' } }), 'exchange attachment', 201));
  for (const k of ['exchangeLesson', 'exchangeLessonSpare', 'exchangeLessonSparePage'])
    w[k] = id(ok(await admin.post('/api/v1/exchange/lessons', { division: WORLD_DIV, title: w.t('exchange.lesson'), body: w.t('exchange.lesson_body') }), 'exchange lesson', 201));
  w.exchangeMeasureSpare = id(ok(await admin.send('PUT', '/api/v1/exchange/measures',
    { json: { subject: 'partner', subject_id: w.exchangePartner, name: w.t('exchange.measure'), period: '2024', baseline: 0, target: 1 } }), 'exchange measure', 200));
  w.exchangeMeasureSparePage = id(ok(await admin.send('PUT', '/api/v1/exchange/measures',
    { json: { subject: 'partner', subject_id: w.exchangePartner, name: w.t('exchange.measure'), period: '2023', baseline: 0, target: 1 } }), 'exchange measure', 200));
  for (const k of ['exchangeReopen', 'exchangeReopenPage']) {
    w[k] = id(ok(await admin.post('/api/v1/exchange/activities', activityBody(WORLD_DIV, w.t, w.exchangePartner)), 'exchange activity', 201));
    ok(await admin.post(`/api/v1/exchange/activities/${w[k]}/evaluation/close`), 'close exchange evaluation', 200);
  }
  for (const k of ['exchangeProgrammeItem', 'exchangeProgrammeSpare', 'exchangeProgrammePage', 'exchangeProgrammePageDelete'])
    w[k] = id(ok(await admin.post(`/api/v1/exchange/agreements/${w.exchangeAgreement}/programme`,
      { year: 2027, month: 5, title: w.t('exchange.programme'), owner: w.t('exchange.owner') }), 'exchange programme item', 201));
}

const followupBody = (w) => ({
  activity_id: w.exchangePublished, kind: 'return_visit', title: w.t('exchange.followup'), owner: w.t('exchange.owner'), due_on: '2025-06-01',
});
const rubricBody = (div, t) => ({
  division: div, criteria: [{ code: 'influence', name: t('exchange.criterion'), weight: 60 }, { code: 'quality', name: t('exchange.criterion_quality'), weight: 40 }],
});

// The staff's forms (pages_staff.c): the same records as the API's bodies, as form fields.
const activityForm = (div, t, partner) => ({
  division: div, title: t('exchange.activity'), title_en: t('exchange.activity_en'), summary: t('exchange.summary'),
  kind: 'tour', scope: 'international', starts_on: '2025-03-01', ends_on: '2025-03-20', [`partner_${partner}`]: '1', stops: '2',
  stop1_place: t('exchange.place'), stop1_city: t('exchange.city'), stop1_country: t('exchange.country'), stop1_starts_on: '2025-03-01', stop1_ends_on: '2025-03-03', stop1_shows: '2', stop1_audience: '900',
  stop2_place: t('exchange.place'), stop2_city: t('exchange.city'), stop2_country: t('exchange.country'), stop2_starts_on: '2025-03-05', stop2_ends_on: '2025-03-06', stop2_shows: '1', stop2_audience: '400',
});

export const fixtures = ({ WORLD_DIV, OWN_AREA, png }) => ({
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
  'GET /api/v1/exchange/calendar': { perm: 'public', query: `?division=${WORLD_DIV}&from=2027-01-01&to=2027-12-31` },
  'GET /api/v1/exchange/calendar.ics': { perm: 'public', query: `?division=${WORLD_DIV}&from=2027-01-01&to=2027-12-31` },
  'POST /api/v1/exchange/plans': { perm: 'indicators_manage', json: (w, c) => planBody(WORLD_DIV, c.t, w.exchangePartner) },
  'GET /api/v1/exchange/plans/{id}': { perm: 'public', p: { id: 'exchangePlanApproved' } },
  'POST /api/v1/exchange/plans/{id}/submit': { perm: 'indicators_manage', p: { id: 'exchangePlan' }, phase: 2 },
  'GET /api/v1/exchange/activities/{id}/funds': { perm: 'indicators_manage', p: { id: 'exchangePublished' } },
  'POST /api/v1/exchange/activities/{id}/funds': {
    perm: 'indicators_manage', p: { id: 'exchangePublished' },
    json: (w, c) => ({ kind: 'sponsorship', sponsor: c.t('exchange.sponsor'), amount_fen: 500000, given_on: '2025-02-20' }),
  },
  'GET /api/v1/exchange/funds/totals': { perm: 'indicators_manage', query: `?division=${WORLD_DIV}&from=2025-01-01&to=2025-12-31` },
  'GET /api/v1/exchange/activities/{id}/delegation': { perm: 'public', p: { id: 'exchangePublished' } },
  'POST /api/v1/exchange/activities/{id}/delegation': {
    perm: 'indicators_manage', p: { id: 'exchangePublished' },
    json: (w, c) => ({ kind: 'troupe', name: c.t('exchange.troupe'), role: c.t('exchange.role') }),
  },
  'GET /api/v1/exchange/activities/{id}/attachments': { perm: 'public', p: { id: 'exchangePublished' } },
  'POST /api/v1/exchange/activities/{id}/attachments': {
    perm: 'indicators_manage', p: { id: 'exchangePublished' }, query: '?kind=photo&name=photo.png', raw: () => ({ body: png(), type: 'image/png' }),
  },
  'GET /api/v1/exchange/attachments/{id}': { perm: 'public', p: { id: 'exchangeAttachment' } },
  'PATCH /api/v1/exchange/partners/{id}': { perm: 'indicators_manage', p: { id: 'exchangePartner' }, json: (w, c) => ({ name_en: c.t('exchange.partner') }) },
  'PATCH /api/v1/exchange/agreements/{id}': { perm: 'indicators_manage', p: { id: 'exchangeAgreement' }, json: (w, c) => ({ obligations: c.t('exchange.obligations') }) },
  'PATCH /api/v1/exchange/channels/{id}': { perm: 'indicators_manage', p: { id: 'exchangeChannel' }, json: (w, c) => ({ note: c.t('exchange.channel_note') }) },
  'DELETE /api/v1/exchange/channels/{id}': { perm: 'indicators_manage', p: { id: 'exchangeSpareChannel' }, phase: 2 },
  'PATCH /api/v1/exchange/intents/{id}': { perm: 'indicators_manage', p: { id: 'exchangeIntent' }, json: (w, c) => ({ title: c.t('exchange.intent') }) },
  'DELETE /api/v1/exchange/intents/{id}': { perm: 'indicators_manage', p: { id: 'exchangeSpareIntent' }, phase: 2 },
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
  // the staff's pages of follow-ups, funds, delegations, attachments, evaluation, lessons and
  // the calendar (pages_followups.c, pages_evaluation.c, pages_calendar.c)
  'GET /admin/exchange/activities/{id}': { perm: 'admin_console', p: { id: 'exchangePublished' }, access: STAFF_OR_REVIEWER },
  'GET /admin/exchange/agreements/{id}': { perm: 'indicators_manage', p: { id: 'exchangeAgreement' } },
  'POST /admin/exchange/followups': {
    perm: 'indicators_manage',
    form: (w, c) => ({ activity_id: String(w.exchangePublished), kind: 'tourism_product', title: c.t('exchange.followup'), owner: c.t('exchange.owner'), due_on: '2025-09-01' }),
  },
  'POST /admin/exchange/followups/{id}': {
    perm: 'indicators_manage', p: { id: 'exchangeFollowup' },
    form: (w, c) => ({ status: 'done', outcome: c.t('exchange.outcome'), outcome_on: '2025-04-12' }),
  },
  'POST /admin/exchange/activities/{id}/funds': {
    perm: 'indicators_manage', p: { id: 'exchangePublished' },
    form: (w, c) => ({ kind: 'donation', sponsor: c.t('exchange.sponsor'), in_kind: c.t('exchange.in_kind'), value_yuan: '1200.50', given_on: '2025-02-21' }),
  },
  'POST /admin/exchange/activities/{id}/delegation': {
    perm: 'indicators_manage', p: { id: 'exchangePublished' },
    form: (w, c) => ({ kind: 'troupe', name: c.t('exchange.troupe'), role: c.t('exchange.role'), organisation: c.t('exchange.organisation') }),
  },
  'POST /admin/exchange/activities/{id}/attachments': {
    perm: 'indicators_manage', p: { id: 'exchangePublished' },
    multipart: () => { const f = new FormData(); f.append('kind', 'photo'); f.append('file', new Blob([png()], { type: 'image/png' }), 'photo.png'); return f; },
  },
  'POST /admin/exchange/activities/{id}/scores': {
    perm: 'review', p: { id: 'exchangePublished' }, form: () => ({ score_influence: '75', score_quality: '85' }),
  },
  'POST /admin/exchange/activities/{id}/evaluation/close': { perm: 'indicators_manage', p: { id: 'exchangeToClosePage' }, phase: 2 },
  'GET /admin/exchange/ranking': { perm: 'indicators_manage', own: OWN_AREA },
  'GET /admin/exchange/lessons': { perm: 'indicators_manage', own: OWN_AREA },
  'POST /admin/exchange/lessons': {
    perm: 'indicators_manage',
    form: (w, c) => ({ division: WORLD_DIV, title: c.t('exchange.lesson'), body: c.t('exchange.lesson_body'), tags: '调研, 观众', activity_id: String(w.exchangePublished) }),
  },
  // the partnerships' ranking and the staff's pages of the indicators, the rubric, the
  // conversion time and the funds' totals (pages_measures.c)
  'GET /api/v1/exchange/ranking/partners': { perm: 'indicators_manage', query: `?division=${WORLD_DIV}&period=2025` },
  'POST /admin/exchange/measures': {
    perm: 'indicators_manage',
    form: (w, c) => ({ subject: 'partner', subject_id: String(w.exchangePartner), measure_id: '0', name: c.t('exchange.measure'), unit: '', period: '2026', baseline: '1', target: '4', actual: '2.5' }),
  },
  'GET /admin/exchange/partners/{id}/measures': { perm: 'indicators_manage', p: { id: 'exchangePartner' } },
  'GET /admin/exchange/ranking/partners': { perm: 'indicators_manage', own: OWN_AREA },
  'GET /admin/exchange/rubric': { perm: 'indicators_manage', own: OWN_AREA },
  'POST /admin/exchange/rubric': {
    perm: 'indicators_manage',
    form: (w, c) => ({ division: WORLD_DIV, rows: '3', code1: 'influence', name1: c.t('exchange.criterion'), weight1: '50', code2: 'quality', name2: c.t('exchange.criterion_quality'), weight2: '50', code3: '', name3: '', weight3: '' }),
  },
  'GET /admin/exchange/conversion': { perm: 'indicators_manage', own: OWN_AREA },
  'GET /admin/exchange/funds': { perm: 'indicators_manage', own: OWN_AREA, query: '?from=2025-01-01&to=2025-12-31' },
  'GET /admin/exchange/calendar': { perm: 'admin_console', own: OWN_AREA, query: '?year=2027', access: STAFF_OR_REVIEWER },
  'POST /admin/exchange/plans': {
    perm: 'indicators_manage',
    form: (w, c) => ({ division: WORLD_DIV, unit: c.t('exchange.unit'), title: c.t('exchange.plan'), kind: 'visit', starts_on: '2027-06-01', ends_on: '2027-06-03', [`partner_${w.exchangePartner}`]: '1', note: c.t('exchange.plan_note') }),
  },
  'POST /admin/exchange/plans/{id}/submit': { perm: 'indicators_manage', p: { id: 'exchangePlanPage' }, phase: 2 },
  'POST /admin/exchange/plans/{id}/approve': {
    perm: 'review', p: { id: 'exchangePlanPending' }, phase: 2,
    access: { roles: [], why: CITY_LEVEL }, noWitness: CITY_LEVEL,
  },
  // later changes and annual programmes (amend.h, api_amend.c, pages_amend.c)
  'DELETE /api/v1/exchange/partners/{id}': { perm: 'indicators_manage', p: { id: 'exchangeSparePartner' }, phase: 2 },
  'DELETE /api/v1/exchange/agreements/{id}': { perm: 'indicators_manage', p: { id: 'exchangeSpareAgreement' }, phase: 2 },
  'PATCH /api/v1/exchange/activities/{id}': {
    perm: 'indicators_manage', p: { id: 'exchangeDraftEdit' }, json: (w, c) => ({ title_en: c.t('exchange.activity_en'), partners: [w.exchangePartner] }),
  },
  'PATCH /api/v1/exchange/plans/{id}': { perm: 'indicators_manage', p: { id: 'exchangePlanEdit' }, json: (w, c) => ({ note: c.t('exchange.plan_note') }) },
  'DELETE /api/v1/exchange/plans/{id}': { perm: 'indicators_manage', p: { id: 'exchangePlanWithdraw' }, phase: 2 },
  'PATCH /api/v1/exchange/funds/{id}': { perm: 'indicators_manage', p: { id: 'exchangeFund' }, json: (w, c) => ({ sponsor: c.t('exchange.sponsor'), amount_fen: 120000 }) },
  'DELETE /api/v1/exchange/funds/{id}': { perm: 'indicators_manage', p: { id: 'exchangeFundSpare' }, phase: 2 },
  'PATCH /api/v1/exchange/delegates/{id}': { perm: 'indicators_manage', p: { id: 'exchangeDelegate' }, json: (w, c) => ({ role: c.t('exchange.role') }) },
  'DELETE /api/v1/exchange/delegates/{id}': { perm: 'indicators_manage', p: { id: 'exchangeDelegateSpare' }, phase: 2 },
  'DELETE /api/v1/exchange/attachments/{id}': { perm: 'indicators_manage', p: { id: 'exchangeAttachmentSpare' }, phase: 2 },
  'PATCH /api/v1/exchange/lessons/{id}': { perm: 'indicators_manage', p: { id: 'exchangeLesson' }, json: (w, c) => ({ title: c.t('exchange.lesson'), tags: ['调研'] }) },
  'DELETE /api/v1/exchange/lessons/{id}': { perm: 'indicators_manage', p: { id: 'exchangeLessonSpare' }, phase: 2 },
  'DELETE /api/v1/exchange/measures/{id}': { perm: 'indicators_manage', p: { id: 'exchangeMeasureSpare' }, phase: 2 },
  // the city's staff reopen an evaluation (a district's admins close theirs, not reopen them)
  'POST /api/v1/exchange/activities/{id}/evaluation/reopen': {
    perm: 'indicators_manage', p: { id: 'exchangeReopen' }, phase: 2, json: (w, c) => ({ reason: c.t('exchange.reopen_reason') }),
  },
  'GET /api/v1/exchange/agreements/{id}/programme': { perm: 'public', p: { id: 'exchangeAgreement' } },
  'POST /api/v1/exchange/agreements/{id}/programme': {
    perm: 'indicators_manage', p: { id: 'exchangeAgreement' }, json: (w, c) => ({ year: 2027, month: 9, title: c.t('exchange.programme'), owner: c.t('exchange.owner') }),
  },
  'PATCH /api/v1/exchange/programme/{id}': {
    perm: 'indicators_manage', p: { id: 'exchangeProgrammeItem' }, json: (w) => ({ status: 'done', activity_id: w.exchangePublished }),
  },
  'DELETE /api/v1/exchange/programme/{id}': { perm: 'indicators_manage', p: { id: 'exchangeProgrammeSpare' }, phase: 2 },
  'POST /admin/exchange/activities/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangeDraftEdit' },
    form: (w, c) => ({ title: c.t('exchange.activity'), summary: c.t('exchange.summary'), starts_on: '2025-03-01', ends_on: '2025-03-20' }),
  },
  'POST /admin/exchange/funds/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeFundPage' }, phase: 2 },
  'POST /admin/exchange/delegates/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeDelegatePage' }, phase: 2 },
  'POST /admin/exchange/attachments/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeAttachmentPage' }, phase: 2 },
  'POST /admin/exchange/activities/{id}/evaluation/reopen': {
    perm: 'indicators_manage', p: { id: 'exchangeReopenPage' }, phase: 2, form: (w, c) => ({ reason: c.t('exchange.reopen_reason') }),
  },
  'POST /admin/exchange/partners/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeSparePartnerPage' }, phase: 2 },
  'POST /admin/exchange/agreements/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeSpareAgreementPage' }, phase: 2 },
  'POST /admin/exchange/agreements/{id}/programme': {
    perm: 'indicators_manage', p: { id: 'exchangeAgreement' }, form: (w, c) => ({ year: '2027', month: '10', title: c.t('exchange.programme'), owner: c.t('exchange.owner') }),
  },
  'POST /admin/exchange/programme/{id}': {
    perm: 'indicators_manage', p: { id: 'exchangeProgrammePage' }, form: () => ({ status: 'dropped', activity_id: '' }),
  },
  'POST /admin/exchange/programme/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeProgrammePageDelete' }, phase: 2 },
  // the staff's forms of the other changes and deletions
  'POST /admin/exchange/partners/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangePartner' },
    form: (w, c) => ({ name: c.t('exchange.partner'), name_en: '', kind: 'friendship_city', scope: 'foreign', country: c.t('exchange.country'), city: c.t('exchange.city'), organisation: '', languages: 'es', since: '' }),
  },
  'POST /admin/exchange/channels/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangeChannel' },
    form: (w, c) => ({ name: c.t('exchange.channel'), scope: 'international', sector: 'government', established_on: '2024-01-15', note: c.t('exchange.channel_note') }),
  },
  'POST /admin/exchange/channels/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeSpareChannelPage' }, phase: 2 },
  'POST /admin/exchange/intents/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangeIntent' },
    form: (w, c) => ({ channel_id: String(w.exchangeChannel), partner_id: String(w.exchangePartner), title: c.t('exchange.intent'), reached_on: '2024-03-01' }),
  },
  'POST /admin/exchange/intents/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeSpareIntentPage' }, phase: 2 },
  'POST /admin/exchange/agreements/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangeAgreement' },
    form: (w, c) => ({ kind: 'memorandum', title: c.t('exchange.agreement'), signed_on: '2024-02-01', renew_on: '2027-02-01', scope: c.t('exchange.agreement_scope'), obligations: c.t('exchange.obligations'), owner_ours: c.t('exchange.owner'), owner_theirs: c.t('exchange.owner') }),
  },
  'POST /admin/exchange/funds/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangeFund' },
    form: (w, c) => ({ kind: 'sponsorship', sponsor: c.t('exchange.sponsor'), amount_yuan: '1500.50', in_kind: '', value_yuan: '', given_on: '2025-02-03' }),
  },
  'POST /admin/exchange/delegates/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangeDelegate' },
    form: (w, c) => ({ kind: 'troupe', name: c.t('exchange.troupe'), role: c.t('exchange.role'), organisation: '' }),
  },
  'POST /admin/exchange/lessons/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangeLesson' },
    form: (w, c) => ({ title: c.t('exchange.lesson'), body: c.t('exchange.lesson_body'), tags: '调研, 观众' }),
  },
  'POST /admin/exchange/lessons/{id}/delete': { perm: 'indicators_manage', p: { id: 'exchangeLessonSparePage' }, phase: 2 },
  'POST /admin/exchange/measures/{id}/delete': {
    perm: 'indicators_manage', p: { id: 'exchangeMeasureSparePage' }, phase: 2,
    form: (w) => ({ subject: 'partner', subject_id: String(w.exchangePartner) }),
  },
  'POST /admin/exchange/plans/{id}/edit': {
    perm: 'indicators_manage', p: { id: 'exchangePlanEdit' },
    form: (w, c) => ({ unit: c.t('exchange.unit'), title: c.t('exchange.plan'), kind: 'culture_week', starts_on: '2027-05-02', ends_on: '2027-05-08', [`partner_${w.exchangePartner}`]: '1', note: c.t('exchange.plan_note') }),
  },
  'POST /admin/exchange/plans/{id}/withdraw': { perm: 'indicators_manage', p: { id: 'exchangePlanWithdrawPage' }, phase: 2 },
  'POST /admin/exchange/activities/{id}/stops': {
    perm: 'indicators_manage', p: { id: 'exchangeDraftEdit' },
    form: (w, c) => ({ stops: '2', [`partner_${w.exchangePartner}`]: '1', stop1_place: c.t('exchange.place'), stop1_city: c.t('exchange.city'), stop1_country: c.t('exchange.country'), stop1_starts_on: '2025-03-01', stop1_ends_on: '2025-03-03', stop1_shows: '2', stop1_audience: '900' }),
  },
  // changes of published activities and approved plans waiting for review (exchange_revision.h):
  // the world proposes one on each record the withdrawals use up
  'GET /api/v1/exchange/activities/{id}/revision': { perm: 'public', p: { id: 'exchangePublished' } },
  'DELETE /api/v1/exchange/activities/{id}/revision': { perm: 'indicators_manage', p: { id: 'exchangePublished' }, phase: 2 },
  'GET /api/v1/exchange/plans/{id}/revision': { perm: 'public', p: { id: 'exchangePlanApproved' } },
  'DELETE /api/v1/exchange/plans/{id}/revision': { perm: 'indicators_manage', p: { id: 'exchangePlanApproved' }, phase: 2 },
  'POST /admin/exchange/activities/{id}/revision/withdraw': { perm: 'indicators_manage', p: { id: 'exchangeToClosePage' }, phase: 2 },
  'GET /admin/exchange/plans/{id}': { perm: 'admin_console', p: { id: 'exchangePlanApproved' }, access: STAFF_OR_REVIEWER },
  'POST /admin/exchange/plans/{id}/revision/withdraw': { perm: 'indicators_manage', p: { id: 'exchangePlanApproved2' }, phase: 2 },
  // the review queue's links to a change's record
  'GET /admin/exchange/activity-revisions/{id}': { perm: 'admin_console', p: { id: 'exchangeToClosePageRevision' }, access: STAFF_OR_REVIEWER },
  'GET /admin/exchange/plan-revisions/{id}': { perm: 'admin_console', p: { id: 'exchangePlanApproved2Revision' }, access: STAFF_OR_REVIEWER },
});

// An activity's staff page and the calendar: staff over the division write, its reviewers
// score and approve; the admin console's other holders (a venue manager, an auditor) are refused.
const STAFF_OR_REVIEWER = { perms: ['indicators_manage', 'review'], why: 'staff and reviewers over the record\'s division' };
// a plan's chain is one level, the city's: the callers' reviewer is a district's (403
// not_your_level); tests/e2e/exchange_pages.test.mjs has a city reviewer approve one
const CITY_LEVEL = 'a plan is approved at the city\'s level: no caller here reviews there';

// Every text the fixtures write is shown by a page: the public pages (the partners with their
// agreements, an activity with its stops) and the staff's (channels, intents, the agreements'
// owners, an activity's follow-ups, funds, delegation, indicators and rubric, a partnership's
// indicators, the lessons, the calendar).
export const notOnPages = {
  'exchange.reopen_reason': 'why an evaluation was reopened is kept in the audit log',
};
