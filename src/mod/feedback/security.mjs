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
}

export const fixtures = ({ WORLD_DIV }) => ({
  'GET /api/v1/feedback/surveys': { perm: 'public' },
  'POST /api/v1/feedback/surveys': { perm: 'feedback_manage', json: (w, c) => surveyBody(WORLD_DIV, c.t) },
  'GET /api/v1/feedback/surveys/{id}': { perm: 'public', p: { id: 'feedbackSurvey' } },
  'POST /api/v1/feedback/surveys/{id}/responses': {
    perm: 'public', p: { id: 'feedbackSurvey' }, json: (w, c) => ({ device: 'security-device-000000001', answers: answers(c.t) }),
  },
  'GET /api/v1/feedback/surveys/{id}/results': { perm: 'feedback_manage', p: { id: 'feedbackSurvey' } },
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
});

// Texts no public page shows: the free-text answers are read by staff, masked, through the API's
// results; a filer's text is published only when staff answer it without a public text of
// their own (the staff's page shows it, but the crawl reads it as the public does).
export const notOnPages = {
  'feedback.answer_text': 'free-text answers are for staff only, through GET /api/v1/feedback/surveys/{id}/results',
  'feedback.complaint': 'published only when staff answer without a public text of their own',
};
