// The security fixtures of the tasks module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() imports a plan of the world's town.
const table = (t, csvCell) =>
  `序号,工作任务,具体内容,时间节点,牵头单位,配合单位\n1,${csvCell(t('tasks.title'))},${csvCell(t('tasks.content'))},2025 年底,${csvCell(t('tasks.unit'))},\n`;

const importQuery = (div, t) => `?division=${div}&replace=1&title=${encodeURIComponent(t('tasks.plan'))}`;

export async function world(w, { WORLD_DIV, ok, admin, csvCell }) {
  const r = await admin.send('POST', `/api/v1/plans/import${importQuery(WORLD_DIV, w.t)}`, { raw: { body: table(w.t, csvCell), type: 'text/csv' } });
  w.plan = ok(r, 'plan import', 201).plan_id;
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

export const fixtures = ({ WORLD_DIV, OWN_AREA, csvCell }) => ({
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
});
