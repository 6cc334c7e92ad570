// The security fixtures of the linkage module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() deploys a programme of the world's town
// with the town and 东区 taking part, the town's plan approved by 东区's reviewer, a 听看评
// session held in the town with its summary and a photo, its rubric; and a second programme
// for the rubric's line.
const THEME = '标准化';
const stages = [{ stage: 'plans_due', due_on: '2099-12-31' }, { stage: 'self_evaluate', due_on: '2099-12-31' }];
const programmeBody = (div, t, title) => ({ division: div, title, year: 2026, description: t('linkage.description'), themes: [THEME], stages });
const sessionBody = (w, div, t) => ({
  plan_id: w.lkPlan, kind: 'exchange', theme: THEME, title: t('linkage.activity'), starts_on: '2026-05-10', ends_on: '2026-05-11', host: div, guests: ['510402'],
});
const rubric = (t) => ({
  items: [{ target: 'session', name: t('linkage.criterion'), weight: 100 }, { target: 'participant', name: t('linkage.criterion'), weight: 100 }],
});

export async function world(w, { WORLD_DIV, ok, admin, reviewers, png }) {
  w.lkProgramme = ok(await admin.post('/api/v1/linkage/programmes', programmeBody(WORLD_DIV, w.t, w.t('linkage.programme'))), 'linkage programme', 201).id;
  for (const division of [WORLD_DIV, '510402'])
    ok(await admin.post(`/api/v1/linkage/programmes/${w.lkProgramme}/participants`, { division }), 'linkage participant', 201);
  w.lkPlan = ok(await admin.post(`/api/v1/linkage/programmes/${w.lkProgramme}/plans`,
    { division: WORLD_DIV, title: w.t('linkage.plan'), content: w.t('linkage.content') }), 'linkage plan', 201).id;
  // the town's plan is decided by the level above it: 东区's reviewer
  const rv = reviewers[0];
  const q = ok(await rv.get('/api/v1/reviews?status=pending&limit=200'), 'review queue', 200);
  const item = q.items.find((x) => x.content_type === 'linkage_plan' && x.content_id === w.lkPlan);
  ok(await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 'approve linkage plan', 200);
  w.lkActivity = ok(await admin.post(`/api/v1/linkage/programmes/${w.lkProgramme}/activities`, sessionBody(w, WORLD_DIV, w.t)), 'linkage activity', 201).id;
  ok(await admin.send('PUT', `/api/v1/linkage/activities/${w.lkActivity}/summary`, { json: { summary: w.t('linkage.summary') } }), 'linkage summary', 200);
  w.lkMaterial = ok(await admin.send('POST', `/api/v1/linkage/activities/${w.lkActivity}/materials?kind=photo&name=photo.png`,
    { raw: { body: png(), type: 'image/png' } }), 'linkage material', 201).id;
  // two more photos: removed by the API and by the page
  for (const key of ['lkMaterialDel', 'lkMaterialDelPage'])
    w[key] = ok(await admin.send('POST', `/api/v1/linkage/activities/${w.lkActivity}/materials?kind=photo&name=photo.png`,
      { raw: { body: png(), type: 'image/png' } }), 'linkage material', 201).id;
  const k = ok(await admin.send('PUT', `/api/v1/linkage/programmes/${w.lkProgramme}/criteria`, { json: rubric(w.t) }), 'linkage rubric', 200);
  w.lkCriterion = k.items.find((x) => x.target === 'session').id;
  w.lkProgramme2 = ok(await admin.post('/api/v1/linkage/programmes', programmeBody(WORLD_DIV, w.t, `${w.t('linkage.programme')} 2`)), 'linkage programme', 201).id;
  // the pages' lines: the second programme's participants, the town's plan waiting for 东区's
  // reviewer (the decision form), 东区's plan submitted through the page
  for (const division of [WORLD_DIV, '510402'])
    ok(await admin.post(`/api/v1/linkage/programmes/${w.lkProgramme2}/participants`, { division }), 'linkage participant', 201);
  w.lkPendingPlan = ok(await admin.post(`/api/v1/linkage/programmes/${w.lkProgramme2}/plans`,
    { division: WORLD_DIV, title: w.t('linkage.plan'), content: w.t('linkage.content') }), 'linkage plan', 201).id;
  // two more programmes, each with the town's plan waiting for review: taken back by the API
  // and by the page
  for (const key of ['lkWithdrawPlan', 'lkWithdrawPlanPage']) {
    const id = ok(await admin.post('/api/v1/linkage/programmes', programmeBody(WORLD_DIV, w.t, `${w.t('linkage.programme')} ${key}`)), 'linkage programme', 201).id;
    ok(await admin.post(`/api/v1/linkage/programmes/${id}/participants`, { division: WORLD_DIV }), 'linkage participant', 201);
    w[key] = ok(await admin.post(`/api/v1/linkage/programmes/${id}/plans`,
      { division: WORLD_DIV, title: w.t('linkage.plan'), content: w.t('linkage.content') }), 'linkage plan', 201).id;
  }
  // the first programme is published with its results: the public pages show it
  for (const what of ['programme', 'results'])
    ok(await admin.post(`/api/v1/linkage/programmes/${w.lkProgramme}/publish`, { what }), 'linkage publish', 200);
}

// the programme's scope: staff of these permissions over the record's division (linkage.h)
const SCOPE = { perms: ['tasks_manage', 'review', 'audit_read', 'indicators_read'], why: 'a programme shows what lies in the caller\'s subtrees: staff over a participant\'s or host\'s division' };

export const fixtures = ({ WORLD_DIV, png }) => ({
  'GET /api/v1/linkage/programmes': { perm: 'logged_in' },
  'POST /api/v1/linkage/programmes': {
    perm: 'tasks_manage', json: (w, c) => programmeBody(WORLD_DIV, c.t, `${c.t('linkage.programme')} ${Date.now()}${Math.random()}`),
  },
  'GET /api/v1/linkage/programmes/{id}': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE },
  'POST /api/v1/linkage/programmes/{id}/participants': { perm: 'tasks_manage', p: { id: 'lkProgramme' }, json: () => ({ division: '510402002' }) },
  'GET /api/v1/linkage/programmes/{id}/plans': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE },
  'POST /api/v1/linkage/programmes/{id}/plans': {
    perm: 'tasks_manage', p: { id: 'lkProgramme' }, json: (w, c) => ({ division: '510402', title: c.t('linkage.plan'), content: c.t('linkage.content') }),
  },
  'POST /api/v1/linkage/plans/{id}/withdraw': { perm: 'tasks_manage', p: { id: 'lkWithdrawPlan' }, phase: 2 },
  'GET /api/v1/linkage/programmes/{id}/activities': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE },
  'POST /api/v1/linkage/programmes/{id}/activities': { perm: 'tasks_manage', p: { id: 'lkProgramme' }, json: (w, c) => sessionBody(w, WORLD_DIV, c.t) },
  'GET /api/v1/linkage/activities/{id}': { perm: 'logged_in', p: { id: 'lkActivity' }, access: SCOPE },
  'PUT /api/v1/linkage/activities/{id}/summary': { perm: 'tasks_manage', p: { id: 'lkActivity' }, json: (w, c) => ({ summary: c.t('linkage.summary') }) },
  'POST /api/v1/linkage/activities/{id}/materials': {
    perm: 'tasks_manage', p: { id: 'lkActivity' }, query: '?kind=photo&name=photo.png', raw: () => ({ body: png(), type: 'image/png' }),
  },
  'GET /api/v1/linkage/materials/{id}': { perm: 'logged_in', p: { id: 'lkMaterial' }, access: SCOPE },
  'DELETE /api/v1/linkage/materials/{id}': { perm: 'tasks_manage', p: { id: 'lkMaterialDel' }, phase: 2 },
  'POST /api/v1/linkage/programmes/{id}/self-evaluations': {
    perm: 'tasks_manage', p: { id: 'lkProgramme' }, json: (w, c) => ({ division: WORLD_DIV, text: c.t('linkage.self'), score: 80 }),
  },
  'GET /api/v1/linkage/programmes/{id}/criteria': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE },
  // a second programme: the first one's rubric is fixed once the scores line has scored
  'PUT /api/v1/linkage/programmes/{id}/criteria': { perm: 'tasks_manage', p: { id: 'lkProgramme2' }, json: (w, c) => rubric(c.t) },
  'POST /api/v1/linkage/programmes/{id}/scores': {
    perm: 'review', p: { id: 'lkProgramme' },
    json: (w) => ({ target: 'session', activity_id: w.lkActivity, scores: [{ criterion_id: w.lkCriterion, score: 90 }], comment: '好' }),
  },
  'GET /api/v1/linkage/programmes/{id}/evaluation': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE },
  'GET /api/v1/linkage/programmes/{id}/commendations': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE },
  'POST /api/v1/linkage/programmes/{id}/commendations': {
    perm: 'tasks_manage', p: { id: 'lkProgramme' }, json: (w, c) => ({ division: WORLD_DIV, title: c.t('linkage.commendation'), citation: c.t('linkage.citation') }),
  },
  'POST /api/v1/linkage/programmes/{id}/publish': { perm: 'tasks_manage', p: { id: 'lkProgramme' }, json: () => ({ what: 'results' }) },
  'GET /api/v1/linkage/programmes/{id}/summary': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE, query: '?format=markdown' },
  // the staff's pages (pages_linkage.c): the API's permissions and scope
  'GET /admin/linkage': { perm: 'logged_in' },
  'POST /admin/linkage': {
    perm: 'tasks_manage',
    form: (w, c) => ({
      division: WORLD_DIV, title: `${c.t('linkage.programme')} ${Date.now()}${Math.random()}`, year: '2026', description: c.t('linkage.description'),
      themes: `${THEME}、均等化`, plans_due_to: '2099-12-31', self_evaluate_to: '2099-12-31',
    }),
  },
  'GET /admin/linkage/{id}': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE },
  'GET /admin/linkage/{id}/summary': { perm: 'logged_in', p: { id: 'lkProgramme' }, access: SCOPE },
  'POST /admin/linkage/{id}/participants': { perm: 'tasks_manage', p: { id: 'lkProgramme' }, form: () => ({ division: '510402005' }) },
  'POST /admin/linkage/{id}/plans': {
    perm: 'tasks_manage', p: { id: 'lkProgramme2' }, form: (w, c) => ({ division: '510402', title: c.t('linkage.plan'), content: c.t('linkage.content') }),
  },
  // the level above the town: 东区's reviewer (core review)
  'POST /admin/linkage/plans/{id}/decision': { perm: 'review', p: { id: 'lkPendingPlan' }, phase: 2, form: () => ({ decision: 'approve' }) },
  'POST /admin/linkage/plans/{id}/withdraw': { perm: 'tasks_manage', p: { id: 'lkWithdrawPlanPage' }, phase: 2 },
  'POST /admin/linkage/{id}/activities': {
    perm: 'tasks_manage', p: { id: 'lkProgramme' },
    form: (w, c) => ({ ...sessionBody(w, WORLD_DIV, c.t), plan_id: String(w.lkPlan), guests: '510402' }),
  },
  'POST /admin/linkage/activities/{id}/summary': { perm: 'tasks_manage', p: { id: 'lkActivity' }, form: (w, c) => ({ summary: c.t('linkage.summary') }) },
  'POST /admin/linkage/activities/{id}/materials': {
    perm: 'tasks_manage', p: { id: 'lkActivity' },
    multipart: () => { const f = new FormData(); f.append('kind', 'photo'); f.append('file', new Blob([png()], { type: 'image/png' }), 'photo.png'); return f; },
  },
  'POST /admin/linkage/materials/{id}/delete': { perm: 'tasks_manage', p: { id: 'lkMaterialDelPage' }, phase: 2 },
  'POST /admin/linkage/{id}/self-evaluations': {
    perm: 'tasks_manage', p: { id: 'lkProgramme' }, form: (w, c) => ({ division: WORLD_DIV, text: c.t('linkage.self'), score: '80' }),
  },
  'POST /admin/linkage/{id}/criteria': {
    perm: 'tasks_manage', p: { id: 'lkProgramme2' }, form: (w, c) => ({ criteria: `session ${c.t('linkage.criterion')} 100\nparticipant ${c.t('linkage.criterion')} 100` }),
  },
  'POST /admin/linkage/{id}/scores': {
    perm: 'review', p: { id: 'lkProgramme' },
    form: (w) => ({ target: 'session', subject: String(w.lkActivity), [`score_${w.lkCriterion}`]: '90', comment: '好' }),
  },
  'POST /admin/linkage/{id}/commendations': {
    perm: 'tasks_manage', p: { id: 'lkProgramme' }, form: (w, c) => ({ division: WORLD_DIV, title: c.t('linkage.commendation'), citation: c.t('linkage.citation') }),
  },
  'POST /admin/linkage/{id}/publish': { perm: 'tasks_manage', p: { id: 'lkProgramme' }, form: () => ({ what: 'results' }) },
  // the public pages (pages_linkage_public.c): published programmes, whoever asks
  'GET /linkage': { perm: 'public' },
  'GET /linkage/{id}': { perm: 'public', p: { id: 'lkProgramme' } },
});
