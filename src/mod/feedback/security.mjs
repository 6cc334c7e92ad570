// The security fixtures of the feedback module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() makes an open survey of the world's town
// that takes anonymous answers, and two complaints filed anonymously (one for the API's answer
// line): someone other than the staff filed them, so staff may answer.
const HOUR = 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

const surveyBody = (div, t) => ({
  kind: 'demand', title: t('feedback.survey'), intro: t('feedback.intro'), division: div, anonymous: true,
  opens_at: iso(Date.now() - HOUR), closes_at: iso(Date.now() + 30 * 24 * HOUR),
  questions: [
    { kind: 'single', text: t('feedback.question'), options: [t('feedback.option'), t('feedback.option')] },
    { kind: 'rating', text: t('feedback.question') },
    { kind: 'text', text: t('feedback.question'), required: false },
  ],
});
const answers = (t) => [{ question: 0, choice: 1 }, { question: 1, rating: 4 }, { question: 2, text: t('feedback.answer_text') }];
const complaintBody = (div, t) => ({ kind: 'complaint', text: t('feedback.complaint'), division: div, contact: '13912345678' });

export async function world(w, { WORLD_DIV, ok, admin }) {
  w.feedbackSurvey = ok(await admin.post('/api/v1/feedback/surveys', surveyBody(WORLD_DIV, w.t)), 'feedback survey', 201).id;
  const anon = w.callers.anonymous;
  ok(await anon.post(`/api/v1/feedback/surveys/${w.feedbackSurvey}/responses`, { device: 'world-device-0000000001', answers: answers(w.t) }), 'survey answer', 201);
  w.feedbackComplaint = ok(await anon.post('/api/v1/feedback/complaints', complaintBody(WORLD_DIV, w.t)), 'complaint', 201).id;
  w.feedbackComplaint2 = ok(await anon.post('/api/v1/feedback/complaints', complaintBody(WORLD_DIV, w.t)), 'complaint', 201).id;
  const answered = ok(await anon.post('/api/v1/feedback/complaints', complaintBody(WORLD_DIV, w.t)), 'complaint', 201).id;
  ok(await admin.post(`/api/v1/feedback/complaints/${answered}/answer`, { answer: w.t('feedback.reply'), public_text: w.t('feedback.public_text') }), 'answer', 200);
  // surveys to edit (no answer yet), to close (open) and to reopen (closed): one for the API's
  // line and one for the page's of each
  const make = async (label, body) => ok(await admin.post('/api/v1/feedback/surveys', body), label, 201).id;
  const closed = () => ({ ...surveyBody(WORLD_DIV, w.t), opens_at: iso(Date.now() - 48 * HOUR), closes_at: iso(Date.now() - 24 * HOUR) });
  w.feedbackFresh = await make('survey to edit', surveyBody(WORLD_DIV, w.t));
  w.feedbackFresh2 = await make('survey to edit', surveyBody(WORLD_DIV, w.t));
  w.feedbackToClose = await make('survey to close', surveyBody(WORLD_DIV, w.t));
  w.feedbackToClose2 = await make('survey to close', surveyBody(WORLD_DIV, w.t));
  w.feedbackClosed = await make('closed survey', closed());
  w.feedbackClosed2 = await make('closed survey', closed());
}

export const fixtures = ({ WORLD_DIV }) => ({
  'GET /api/v1/feedback/surveys': { perm: 'public' },
  'POST /api/v1/feedback/surveys': { perm: 'feedback_manage', json: (w, c) => surveyBody(WORLD_DIV, c.t) },
  'GET /api/v1/feedback/surveys/{id}': { perm: 'public', p: { id: 'feedbackSurvey' } },
  'POST /api/v1/feedback/surveys/{id}/responses': {
    perm: 'public', p: { id: 'feedbackSurvey' }, json: (w, c) => ({ device: 'security-device-000000001', answers: answers(c.t) }),
  },
  'GET /api/v1/feedback/surveys/{id}/results': { perm: 'feedback_manage', p: { id: 'feedbackSurvey' } },
  'PATCH /api/v1/feedback/surveys/{id}': {
    perm: 'feedback_manage', p: { id: 'feedbackFresh' }, json: (w, c) => ({ title: c.t('feedback.survey'), intro: c.t('feedback.intro') }),
  },
  'POST /api/v1/feedback/surveys/{id}/close': { perm: 'feedback_manage', p: { id: 'feedbackToClose' }, phase: 2, json: () => ({}) },
  'POST /api/v1/feedback/surveys/{id}/reopen': {
    perm: 'feedback_manage', p: { id: 'feedbackClosed' }, phase: 2, json: () => ({ closes_at: iso(Date.now() + 7 * 24 * HOUR) }),
  },
  'GET /api/v1/feedback/complaints': { perm: 'public' },
  'POST /api/v1/feedback/complaints': { perm: 'public', json: (w, c) => complaintBody(WORLD_DIV, c.t) },
  'GET /api/v1/feedback/complaints/staff': { perm: 'feedback_manage', query: `?division=${WORLD_DIV}` },
  'POST /api/v1/feedback/complaints/{id}/answer': {
    perm: 'feedback_manage', p: { id: 'feedbackComplaint' }, phase: 2, json: (w, c) => ({ answer: c.t('feedback.reply') }),
  },
  // pages (pages_feedback.c)
  'GET /feedback': { perm: 'public' },
  'GET /feedback/surveys/{id}': { perm: 'public', p: { id: 'feedbackSurvey' } },
  'POST /feedback/surveys/{id}': {
    perm: 'public', p: { id: 'feedbackSurvey' }, form: (w, c) => ({ q0: '0', q1: '5', q2: c.t('feedback.answer_text') }),
  },
  'POST /feedback/complaints': {
    perm: 'public', form: (w, c) => ({ kind: 'suggestion', text: c.t('feedback.complaint'), division: WORLD_DIV, contact: '' }),
  },
  // the staff's page (pages_staff.c)
  'GET /admin/feedback': { perm: 'feedback_manage', query: `?division=${WORLD_DIV}` },
  'POST /admin/feedback/complaints/{id}/answer': {
    perm: 'feedback_manage', p: { id: 'feedbackComplaint2' }, phase: 2, form: (w, c) => ({ answer: c.t('feedback.reply'), public_text: '' }),
  },
  // the staff's pages of surveys (pages_surveys.c)
  'GET /admin/feedback/surveys': { perm: 'feedback_manage', query: `?division=${WORLD_DIV}` },
  'GET /admin/feedback/surveys/new': { perm: 'feedback_manage', own: 'an empty form' },
  'POST /admin/feedback/surveys/new': {
    perm: 'feedback_manage',
    form: (w, c) => ({
      step: 'publish', kind: 'demand', title: c.t('feedback.survey'), intro: c.t('feedback.intro'), division: WORLD_DIV,
      opens_at: '2026-01-01T08:00', closes_at: '2099-12-31T18:00', questions: `single: ${c.t('feedback.question')} | ${c.t('feedback.option')} | ${c.t('feedback.option')}`,
    }),
  },
  'GET /admin/feedback/surveys/{id}': { perm: 'feedback_manage', p: { id: 'feedbackSurvey' } },
  'POST /admin/feedback/surveys/{id}/edit': {
    perm: 'feedback_manage', p: { id: 'feedbackFresh2' },
    form: (w, c) => ({ title: c.t('feedback.survey'), intro: '', questions: `single: ${c.t('feedback.question')} | ${c.t('feedback.option')} | ${c.t('feedback.option')}\ntext?: ${c.t('feedback.question')}` }),
  },
  'POST /admin/feedback/surveys/{id}/close': { perm: 'feedback_manage', p: { id: 'feedbackToClose2' }, phase: 2, form: () => ({}) },
  'POST /admin/feedback/surveys/{id}/reopen': {
    perm: 'feedback_manage', p: { id: 'feedbackClosed2' }, phase: 2, form: () => ({ closes_at: '2099-12-31T18:00' }),
  },
});

// Texts no page shows to the crawl (the free-text answers are on the staff's page of a survey's
// results, masked); a filer's text is published only when staff answer it without a public text of
// their own (the staff's page shows it, but the crawl reads it as the public does).
export const notOnPages = {
  'feedback.complaint': 'published only when staff answer without a public text of their own',
};
