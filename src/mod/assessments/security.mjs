// The security fixtures of the assessments module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() writes a standard of the world's town, an
// assessment of the world's venue submitted by its manager (for the assessors and the
// publisher), a draft fully self-scored (for the venue's staff), and two calls of 东区, one
// with an application of the world's venue; for the staff's pages, a second draft and a second
// submitted assessment already scored by 东区's reviewer (so the page's publish has one to
// publish whatever the order of the calls), and an evidence file of the submitted one.
const table = (t, csvCell) =>
  `章节,序号,评估项目,分值,佐证材料,数据来源,满分标准\n${csvCell(t('standard.section'))},1,${csvCell(t('standard.item'))},60,${csvCell(t('standard.evidence'))},venue.weekly_hours,56\n,2,${csvCell(t('standard.item'))},40,,,\n等级,,一级,80,,,\n等级,,二级,50,,,\n`;

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const importQuery = (t) => `?division=510402&name=${encodeURIComponent(t('standard.name'))}&version=${uniq()}`;
const standardBody = (t) => ({
  name: t('standard.name'), version: uniq(), division: '510402',
  items: [{ section: t('standard.section'), number: '1', title: t('standard.item'), max_points: 100, evidence: t('standard.evidence') }],
  grades: [{ grade: '1', min_total: 90 }],
});

export async function world(w, { WORLD_DIV, ok, admin, vm, reviewers, csvCell, iso }) {
  w.standard = ok(await admin.send('POST', `/api/v1/standards/import${importQuery(w.t)}`, { raw: { body: table(w.t, csvCell), type: 'text/csv' } }), 'standard import', 201).standard_id;
  const start = async (year) => {
    const a = ok(await vm.post('/api/v1/assessments', { standard_id: w.standard, venue_id: w.venue, year }), 'assessment', 201);
    const hand = a.items.find((i) => !i.source);
    ok(await vm.post(`/api/v1/assessments/${a.id}/self`, { items: [{ item_id: hand.item_id, score: 30, note: w.t('assessment.note') }] }), 'self', 200);
    return a;
  };
  const a = await start(2026);
  w.assessmentItem = a.items[0].item_id;
  ok(await vm.post(`/api/v1/assessments/${a.id}/submit`), 'submit', 200);
  w.assessment = a.id;
  const d = await start(2025);
  w.assessmentDraft = d.id;
  w.draftItem = d.items[1].item_id;
  // for the pages: another draft, another submission scored by 东区's reviewer, a file
  const d2 = await start(2022);
  w.assessmentDraft2 = d2.id;
  w.draftItem2 = d2.items[1].item_id;
  const a2 = await start(2023);
  ok(await vm.post(`/api/v1/assessments/${a2.id}/submit`), 'submit 2', 200);
  const full = ok(await reviewers[0].get(`/api/v1/assessments/${a2.id}`), 'assessment 2', 200);
  ok(await reviewers[0].post(`/api/v1/assessments/${a2.id}/review`, {
    items: full.items.map((i) => ({ item_id: i.item_id, score: 1, comment: w.t('assessment.comment') })),
  }), 'review 2', 200);
  w.assessment2 = a2.id;
  const d3 = await start(2021);
  w.evidence = ok(await vm.send('POST', `/api/v1/assessments/${d3.id}/evidence?item=${d3.items[1].item_id}&name=evidence.txt`, {
    raw: { type: 'text/plain', body: w.t('assessment.evidence') },
  }), 'evidence', 201).id;
  ok(await vm.post(`/api/v1/assessments/${d3.id}/submit`), 'submit 3', 200);
  const call = (title) => admin.post('/api/v1/assessment-calls', { division: '510402', title, year: 2026, quota: 2, deadline: iso(Date.now() + 30 * 24 * 3600 * 1000) });
  w.call = ok(await call(w.t('call.title')), 'call', 201).id;
  w.callApp = ok(await vm.post(`/api/v1/assessment-calls/${w.call}/applications`, { venue_id: w.venue, statement: w.t('call.statement') }), 'application', 201).items[0].id;
  w.call2 = ok(await call(w.t('call.title')), 'call 2', 201).id;
  w.call3 = ok(await call(w.t('call.title')), 'call 3', 201).id;
  void WORLD_DIV;
}

export const fixtures = ({ csvCell }) => ({
  'GET /api/v1/standards': { perm: 'public' },
  'POST /api/v1/standards': { perm: 'assessments_manage', div: '510402', json: (w, c) => standardBody(c.t) },
  'POST /api/v1/standards/import': {
    perm: 'assessments_manage', div: '510402', query: (w) => importQuery(w.t), raw: (w, c) => ({ type: 'text/csv', body: table(c.t, csvCell) }),
  },
  'GET /api/v1/standards/{id}': { perm: 'public', p: { id: 'standard' } },
  'GET /api/v1/assessment-sources': { perm: 'public' },
  'GET /api/v1/assessments': { perm: 'public' },
  'POST /api/v1/assessments': { perm: 'venue_manage', json: (w) => ({ standard_id: w.standard, venue_id: w.venue, year: 2024 }) },
  'GET /api/v1/assessments/{id}': { perm: 'public', p: { id: 'assessment' } },
  'POST /api/v1/assessments/{id}/self': {
    perm: 'venue_manage', p: { id: 'assessmentDraft' }, json: (w, c) => ({ items: [{ item_id: w.draftItem, score: 35, note: c.t('assessment.note') }] }),
  },
  'POST /api/v1/assessments/{id}/evidence': {
    perm: 'venue_manage', p: { id: 'assessmentDraft' }, query: (w) => `?item=${w.draftItem}&name=evidence.txt`, raw: (w, c) => ({ type: 'text/plain', body: c.t('assessment.evidence') }),
  },
  'POST /api/v1/assessments/{id}/submit': { perm: 'venue_manage', p: { id: 'assessmentDraft' }, phase: 2 },
  'POST /api/v1/assessments/{id}/review': {
    perm: 'assessments_assess', p: { id: 'assessment' },
    json: (w, c) => ({ items: [{ item_id: w.assessmentItem, score: 50, comment: c.t('assessment.comment') }, { item_id: w.assessmentItem + 1, score: 30, comment: '' }] }),
  },
  'POST /api/v1/assessments/{id}/publish': { perm: 'assessments_manage', p: { id: 'assessment' }, phase: 2 },
  'GET /api/v1/assessment-calls': { perm: 'public' },
  'POST /api/v1/assessment-calls': {
    perm: 'assessments_manage', json: (w, c) => ({ division: '510402001', title: c.t('call.title'), year: 2026, quota: 10, deadline: new Date(Date.now() + 86400000).toISOString() }),
  },
  'GET /api/v1/assessment-calls/{id}': { perm: 'public', p: { id: 'call' } },
  'POST /api/v1/assessment-calls/{id}/applications': {
    perm: 'venue_manage', p: { id: 'call2' }, json: (w, c) => ({ venue_id: w.venue, statement: c.t('call.statement') }),
  },
  'POST /api/v1/assessment-calls/{id}/announce': { perm: 'assessments_manage', div: '510402', p: { id: 'call' }, phase: 2, json: () => ({ awarded: [] }) },
  'POST /api/v1/call-applications/{id}/visit': {
    perm: 'assessments_manage', div: '510402', p: { id: 'callApp' }, json: (w, c) => ({ visit_on: '2026-12-20', visitors: c.t('call.visitors') }),
  },
  // an evidence file goes to those who see its (submitted) assessment: the venue's staff, the
  // assessors and the managers above it
  'GET /api/v1/assessment-evidence/{id}': { perm: 'public', p: { id: 'evidence' }, access: { perms: ['venue_manage', 'assessments_assess'], why: SEERS } },
  // the public page of published grades (pages_grades.c)
  'GET /grades': { perm: 'public' },
  // the staff's pages (pages_assessments.c)
  'GET /admin/assessments': { perm: 'admin_console', own: OWN_AREA },
  'POST /admin/assessments': { perm: 'venue_manage', form: (w) => ({ standard_id: String(w.standard), venue_id: String(w.venue), year: '2020' }) },
  'POST /admin/assessments/standards/import': {
    perm: 'assessments_manage', div: '510402',
    multipart: (w, c) => {
      const f = new FormData();
      f.append('name', c.t('standard.name'));
      f.append('version', uniq());
      f.append('division', '510402');
      f.append('file', new Blob([table(c.t, csvCell)], { type: 'text/csv' }), 'standard.csv');
      return f;
    },
  },
  'POST /admin/assessment-calls': {
    perm: 'assessments_manage', form: (w, c) => ({ division: '510402001', title: c.t('call.title'), year: '2026', quota: '3', deadline: new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10) }),
  },
  'GET /admin/assessment-calls/{id}': { perm: 'admin_console', p: { id: 'call' }, own: 'calls are public documents: every holder of the console reads any' },
  'POST /admin/assessment-calls/{id}/applications': {
    perm: 'venue_manage', p: { id: 'call3' }, form: (w, c) => ({ venue_id: String(w.venue), statement: c.t('call.statement') }),
  },
  'POST /admin/assessment-calls/{id}/visits': {
    perm: 'assessments_manage', div: '510402', p: { id: 'call' }, form: (w, c) => ({ application: String(w.callApp), visit_on: '2026-12-21', visitors: c.t('call.visitors') }),
  },
  'POST /admin/assessment-calls/{id}/announce': { perm: 'assessments_manage', div: '510402', p: { id: 'call3' }, phase: 2, form: () => ({}) },
  'GET /admin/assessments/{id}': { perm: 'admin_console', p: { id: 'assessment' }, access: { perms: ['venue_manage', 'assessments_assess'], why: SEERS } },
  'POST /admin/assessments/{id}/self': {
    perm: 'venue_manage', p: { id: 'assessmentDraft2' }, form: (w, c) => ({ [`score_${w.draftItem2}`]: '35', [`note_${w.draftItem2}`]: c.t('assessment.note') }),
  },
  'POST /admin/assessments/{id}/evidence': {
    perm: 'venue_manage', p: { id: 'assessmentDraft2' },
    multipart: (w, c) => { const f = new FormData(); f.append('item', String(w.draftItem2)); f.append('file', new Blob([c.t('assessment.evidence')], { type: 'text/plain' }), 'evidence.txt'); return f; },
  },
  'POST /admin/assessments/{id}/submit': { perm: 'venue_manage', p: { id: 'assessmentDraft2' }, phase: 2 },
  'POST /admin/assessments/{id}/review': {
    perm: 'assessments_assess', p: { id: 'assessment2' },
    form: (w, c) => ({ [`score_${w.assessmentItem}`]: '40', [`comment_${w.assessmentItem}`]: c.t('assessment.comment'), [`score_${w.assessmentItem + 1}`]: '20', [`comment_${w.assessmentItem + 1}`]: '' }),
  },
  'POST /admin/assessments/{id}/publish': { perm: 'assessments_manage', p: { id: 'assessment2' }, phase: 2 },
});

const SEERS = 'a submitted assessment is seen by the venue\'s staff, the assessors and the managers above it';
const OWN_AREA = 'the console\'s holders each see the assessments of their own area';

// The pages show the standards, the items and the self-assessment with its notes, the
// assessors' comments, the calls with their applications and visits; an evidence file is a
// download.
export const notOnPages = {
  'assessment.evidence': 'an evidence file is downloaded (GET /api/v1/assessment-evidence/{id}), never shown in a page',
};
