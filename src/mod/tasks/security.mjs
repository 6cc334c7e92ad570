// The security fixtures of the tasks module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() imports a plan of the world's town.
const table = (t, csvCell) =>
  `序号,工作任务,具体内容,时间节点,牵头单位,配合单位\n1,${csvCell(t('tasks.title'))},${csvCell(t('tasks.content'))},2025 年底,${csvCell(t('tasks.unit'))},\n`;

const importQuery = (div, t) => `?division=${div}&replace=1&title=${encodeURIComponent(t('tasks.plan'))}`;

export async function world(w, kit) {
  const { WORLD_DIV, ok, admin, csvCell } = kit;
  const r = await admin.send('POST', `/api/v1/plans/import${importQuery(WORLD_DIV, w.t)}`, { raw: { body: table(w.t, csvCell), type: 'text/csv' } });
  w.plan = ok(r, 'plan import', 201).plan_id;
  await progressWorld(w, kit);
}

// the import form of /admin/plans: a dry run (the page shows the report and asks to confirm)
const importForm = (div, c, csvCell) => {
  const f = new FormData();
  f.append('title', c.t('tasks.plan'));
  f.append('division', div);
  f.append('replace', '1');
  f.append('file', new Blob([table(c.t, csvCell)], { type: 'text/csv' }), 'tasks.csv');
  return f;
};

export const fixtures = ({ WORLD_DIV, OWN_AREA, csvCell, png }) => ({
  'GET /api/v1/plans': { perm: 'public' },
  'POST /api/v1/plans/import': {
    perm: 'tasks_manage', query: (w) => importQuery(WORLD_DIV, w.t), raw: (w, c) => ({ type: 'text/csv', body: table(c.t, csvCell) }),
  },
  'GET /api/v1/plans/{id}': { perm: 'public', p: { id: 'plan' } },
  'GET /api/v1/plans/{id}/tasks': { perm: 'public', p: { id: 'plan' } },
  // views and the export (api_views.c), public as the plan is
  'GET /api/v1/plans/{id}/by-unit': { perm: 'public', p: { id: 'plan' } },
  'GET /api/v1/plans/{id}/chapters': { perm: 'public', p: { id: 'plan' } },
  'GET /api/v1/plans/{id}/timeline': { perm: 'public', p: { id: 'plan' } },
  'GET /api/v1/plans/{id}/tasks.xlsx': { perm: 'public', p: { id: 'plan' } },
  // the staff's pages (pages_tasks.c)
  'GET /admin/plans': { perm: 'tasks_manage', own: OWN_AREA },
  'POST /admin/plans/import': { perm: 'tasks_manage', multipart: (w, c) => importForm(WORLD_DIV, c, csvCell) },
  'GET /admin/plans/{id}': { perm: 'tasks_manage', p: { id: 'plan' } },
  ...progressFixtures(png),
});

// Progress shows on the task's page (pages_progress.c), which the crawl reaches as the plan's
// manager: the second plan's title, its cooperating unit, the reports, contributions and notes.
export const notOnPages = {};

// Progress (progress.h): a second plan of the world's town whose task has a lead and a
// cooperating unit, a member of each (staff the city admin makes), a report of the lead unit
// with a photo, a contribution of the cooperating one, a linked indicator, and staff accounts
// to add and remove as members.
const progressTable = (t, csvCell) =>
  `序号,工作任务,具体内容,时间节点,牵头单位,配合单位\n1,${csvCell(t('tasks.title'))},${csvCell(t('tasks.content'))},2025 年底,${csvCell(t('tasks.unit'))},${csvCell(t('tasks.coopUnit'))}\n`;

async function progressWorld(w, { WORLD_DIV, ok, admin, csvCell, login, freshPhone, PASSWORD, png }) {
  const q = `?division=${WORLD_DIV}&replace=1&title=${encodeURIComponent(w.t('tasks.plan2'))}`;
  const plan = ok(await admin.send('POST', `/api/v1/plans/import${q}`, { raw: { body: progressTable(w.t, csvCell), type: 'text/csv' } }), 'progress plan import', 201).plan_id;
  w.progressPlan = plan;
  w.progressTask = ok(await admin.get(`/api/v1/plans/${plan}/tasks`), 'progress plan tasks', 200).items[0].id;
  const task = ok(await admin.get(`/api/v1/plan-tasks/${w.progressTask}`), 'progress task', 200);
  w.taskUnit = task.lead_units[0].id;
  w.coopUnit = task.cooperating_units[0].id;
  const staff = async (key) => {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: w.t('account.name'), role: 'venue_manager', division: WORLD_DIV });
    return { id: ok(r, `create ${key}`, 201).id, phone };
  };
  const lead = await staff('taskMember');
  const coop = await staff('coopMember');
  w.taskMember2Id = (await staff('taskMember2')).id;
  w.taskMember3Id = (await staff('taskMember3')).id;
  for (const [unit, id] of [[w.taskUnit, lead.id], [w.coopUnit, coop.id], [w.taskUnit, w.taskMember2Id]])
    ok(await admin.post(`/api/v1/units/${unit}/members`, { user_id: id }), 'unit member', 201);
  w.taskMember = await login(w.base, { phone: lead.phone, password: PASSWORD }, 'taskMember');
  w.coopMember = await login(w.base, { phone: coop.phone, password: PASSWORD }, 'coopMember');
  w.taskReport = ok(await w.taskMember.post(`/api/v1/plan-tasks/${w.progressTask}/reports`, { text: w.t('tasks.report'), percent: 30 }), 'task report', 201).id;
  ok(await w.coopMember.post(`/api/v1/plan-tasks/${w.progressTask}/contributions`, { text: w.t('tasks.contribution') }), 'task contribution', 201);
  w.taskAttachment = ok(await w.taskMember.send('POST', `/api/v1/task-reports/${w.taskReport}/attachments?kind=photo&name=p.png`, { raw: { body: png(), type: 'image/png' } }), 'task report photo', 201).id;
  ok(await admin.post(`/api/v1/plan-tasks/${w.progressTask}/indicators`, { code: 'venues.count' }), 'task indicator', 201);
  // for the managers' pages (pages_units.c): an account to add by phone, a member and an
  // indicator to remove
  w.taskMember4Phone = (await staff('taskMember4')).phone;
  w.taskMember5Id = (await staff('taskMember5')).id;
  ok(await admin.post(`/api/v1/units/${w.taskUnit}/members`, { user_id: w.taskMember5Id }), 'unit member', 201);
  ok(await admin.post(`/api/v1/plan-tasks/${w.progressTask}/indicators`, { code: 'feedback.response_days' }), 'task indicator', 201);
}

const LEAD_ONLY = "the lead unit's members: the world's task member is one";
const INSIDERS = "the members of the task's units and the plan's managers";

const progressFixtures = (png) => ({
  'GET /api/v1/units': { perm: 'public' },
  'GET /api/v1/units/{id}/members': { perm: 'tasks_manage', p: { id: 'taskUnit' } },
  'POST /api/v1/units/{id}/members': { perm: 'tasks_manage', p: { id: 'taskUnit' }, json: (w) => ({ user_id: w.taskMember3Id }) },
  'DELETE /api/v1/units/{id}/members/{user}': { perm: 'tasks_manage', p: { id: 'taskUnit', user: 'taskMember2Id' }, phase: 2 },
  'GET /api/v1/units/{id}/tasks': { perm: 'tasks_manage', p: { id: 'taskUnit' } },
  'GET /api/v1/me/tasks': { perm: 'logged_in' },
  'GET /api/v1/plan-tasks/{id}': { perm: 'public', p: { id: 'progressTask' } },
  // the task is in progress (the world's report began it): the manager reopens it, the member resumes it
  'POST /api/v1/plan-tasks/{id}/status': {
    perm: 'logged_in', p: { id: 'progressTask' }, json: (w, c) => ({ status: c.role === 'cityAdmin' ? 'open' : 'in_progress', note: c.t('tasks.note') }),
    access: { perms: ['tasks_manage'], owner: 'taskMember', why: `${LEAD_ONLY}; and the plan's managers` },
  },
  'GET /api/v1/plan-tasks/{id}/reports': { perm: 'logged_in', p: { id: 'progressTask' }, access: { perms: ['tasks_manage'], owner: 'taskMember', why: INSIDERS } },
  'POST /api/v1/plan-tasks/{id}/reports': {
    perm: 'logged_in', p: { id: 'progressTask' }, json: (w, c) => ({ text: c.t('tasks.report'), percent: 40 }), access: { owner: 'taskMember', why: LEAD_ONLY },
  },
  'POST /api/v1/plan-tasks/{id}/contributions': {
    perm: 'logged_in', p: { id: 'progressTask' }, json: (w, c) => ({ text: c.t('tasks.contribution') }),
    access: { owner: 'coopMember', why: "the cooperating units' members: the world's cooperating member is one" },
  },
  'POST /api/v1/task-reports/{id}/attachments': {
    perm: 'logged_in', p: { id: 'taskReport' }, query: '?kind=photo&name=p.png', raw: () => ({ body: png(), type: 'image/png' }),
    access: { owner: 'taskMember', why: "the members of the report's unit" },
  },
  'GET /api/v1/task-attachments/{id}': { perm: 'logged_in', p: { id: 'taskAttachment' }, access: { perms: ['tasks_manage'], owner: 'taskMember', why: INSIDERS } },
  'POST /api/v1/plan-tasks/{id}/indicators': { perm: 'tasks_manage', p: { id: 'progressTask' }, json: () => ({ code: 'activities.sessions' }) },
  'DELETE /api/v1/plan-tasks/{id}/indicators/{code}': { perm: 'tasks_manage', p: { id: 'progressTask', code: "'venues.count'" }, phase: 2 },
  // the pages of progress (pages_progress.c): anyone logged in reads a task's page (its
  // progress only the insiders); the forms are the API's rules
  'GET /admin/me/tasks': { perm: 'logged_in' },
  'GET /admin/plans/{id}/tasks/{tid}': { perm: 'logged_in', p: { id: 'progressPlan', tid: 'progressTask' } },
  'POST /admin/plans/{id}/tasks/{tid}/status': {
    perm: 'logged_in', p: { id: 'progressPlan', tid: 'progressTask' }, form: (w, c) => ({ status: c.role === 'cityAdmin' ? 'open' : 'in_progress', note: c.t('tasks.note') }),
    access: { perms: ['tasks_manage'], owner: 'taskMember', why: `${LEAD_ONLY}; and the plan's managers` },
  },
  'POST /admin/plans/{id}/tasks/{tid}/reports': {
    perm: 'logged_in', p: { id: 'progressPlan', tid: 'progressTask' }, access: { owner: 'taskMember', why: LEAD_ONLY },
    multipart: (w, c) => {
      const f = new FormData();
      f.append('text', c.t('tasks.report'));
      f.append('percent', '50');
      f.append('status', '');
      f.append('file', new Blob([png()], { type: 'image/png' }), 'p.png');
      return f;
    },
  },
  'POST /admin/plans/{id}/tasks/{tid}/contributions': {
    perm: 'logged_in', p: { id: 'progressPlan', tid: 'progressTask' }, form: (w, c) => ({ text: c.t('tasks.contribution') }),
    access: { owner: 'coopMember', why: "the cooperating units' members: the world's cooperating member is one" },
  },
  // the managers' pages of units and of a task's indicators (pages_units.c)
  'GET /admin/units': { perm: 'tasks_manage', query: '?division=510402', own: 'the units are public (GET /api/v1/units): every manager reads the list' },
  'GET /admin/units/{id}': { perm: 'tasks_manage', p: { id: 'taskUnit' } },
  'POST /admin/units/{id}/members': { perm: 'tasks_manage', p: { id: 'taskUnit' }, form: (w) => ({ phone: w.taskMember4Phone }) },
  'POST /admin/units/{id}/members/remove': { perm: 'tasks_manage', p: { id: 'taskUnit' }, phase: 2, form: (w) => ({ user_id: String(w.taskMember5Id) }) },
  'GET /admin/plans/{id}/tasks/{tid}/indicators': { perm: 'tasks_manage', p: { id: 'progressPlan', tid: 'progressTask' } },
  'POST /admin/plans/{id}/tasks/{tid}/indicators': {
    perm: 'tasks_manage', p: { id: 'progressPlan', tid: 'progressTask' }, form: () => ({ code: 'feedback.complaints_received' }),
  },
  'POST /admin/plans/{id}/tasks/{tid}/indicators/remove': {
    perm: 'tasks_manage', p: { id: 'progressPlan', tid: 'progressTask' }, phase: 2, form: () => ({ code: 'feedback.response_days' }),
  },
});
