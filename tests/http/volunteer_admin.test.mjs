// Changing what coordinators wrote, through the API and their pages (docs/volunteers.md,
// "Organisations and teams", "Projects", "Posts, pairings and insurance"): an organisation or
// team changed by the coordinators of its division only, what is left out kept, audited; a
// draft or rejected project changed in place, a pending one refused (409 under_review) until
// it is withdrawn to draft, a published one's change reviewed on its own while the approved
// version stays public, its changer never deciding it; a post changed and reopened; the pages
// /admin/volunteering/organisations and /admin/volunteering/projects with their forms, a
// refused form back with what was entered and the refusal beside its field; and the demo's
// projects in 西区 and 仁和区 with their shifts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, freshPhone, cleanup } from './lib.mjs';

const PASSWORD = 'Volunteer2026pw';
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' }; // volunteer_coordinator 510402

describe('coordinators change organisations, projects and posts', () => {
  let srv, admin, coord, west, citizen, anon, team, venue;


  async function audit(type, id) {
    const r = await admin.get(`/api/v1/audit?object_type=${type}&object_id=${id}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }

  async function pendingItem(rv, id) {
    const q = await rv.get('/api/v1/reviews?status=pending&limit=200');
    assert.equal(q.status, 200, q.text);
    return q.json.items.find((x) => x.content_type === 'volunteer_project' && x.content_id === id);
  }

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1, register_per_minute: 1000000 } } });
    [admin, coord, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, COORDINATOR),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
    // a coordinator of 西区
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '西区协调员', role: 'volunteer_coordinator', division: '510403' });
    assert.equal(r.status, 201, r.text);
    west = await loginAs(srv.base, { phone, password: PASSWORD });
    const orgs = await anon.get('/api/v1/volunteer-organisations?division=510402&limit=100');
    team = orgs.json.items.find((o) => o.name === '大渡口街道文化志愿服务队');
    const posts = await anon.get('/api/v1/volunteer-posts?division=510402');
    venue = posts.json.items.find((p) => p.title === '讲解员').venue_id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('the demo has published projects with coming shifts in 西区 and 仁和区', async () => {
    for (const [div, title, shifts] of [['510403', '清香坪社区书屋假日少儿阅读陪伴', 2], ['510411', '仁和镇非遗文化讲解与传习活动引导', 3]]) {
      const r = await anon.get(`/api/v1/volunteer-projects?division=${div}`);
      assert.equal(r.status, 200, r.text);
      const p = r.json.items.find((x) => x.title === title);
      assert.ok(p, `${title} is published`);
      assert.equal(p.status, 'published');
      const s = await anon.get(`/api/v1/volunteer-projects/${p.id}/shifts`);
      assert.equal(s.json.items.length, shifts);
      for (const x of s.json.items) assert.ok(Date.parse(x.starts_at) > Date.now(), 'a coming shift');
    }
    const page = await anon.get('/volunteering?division=510411');
    assert.ok(page.text.includes('仁和镇非遗文化讲解与传习活动引导'));
  });

  it('an organisation or team is changed by its coordinators only, what is left out kept', async () => {
    const path = `/api/v1/volunteer-organisations/${team.id}`;
    assert.equal((await anon.patch(path, { name: '新' })).status, 401);
    assertError(await citizen.patch(path, { name: '新' }), 403, 'forbidden');
    assertError(await west.patch(path, { name: '新' }), 403, 'forbidden');
    assertError(await coord.patch(path, { name: '' }), 400, 'bad_name');
    assertError(await coord.patch(path, { description: '长'.repeat(5001) }), 400, 'bad_description');
    assertError(await coord.patch(path, { name: 5 }), 400);
    assertError(await coord.patch('/api/v1/volunteer-organisations/999999', { name: '新' }), 404);
    assert.equal((await anon.get(path)).json.name, '大渡口街道文化志愿服务队', 'a refusal changes nothing');
    const r = await coord.patch(path, { description: '驻大渡口街道综合文化站，承担图书借阅。' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, '大渡口街道文化志愿服务队');
    assert.equal(r.json.description, '驻大渡口街道综合文化站，承担图书借阅。');
    assert.equal(r.json.kind, 'team');
    assert.equal(r.json.parent_id, team.parent_id);
    const a = (await audit('volunteer_org', team.id)).find((x) => x.action === 'volunteer_org.update');
    assert.ok(a, 'audited');
    assert.equal(a.reason, 'description');
  });

  it('a draft or rejected project is changed in place, a pending one after its withdrawal, a published one through a reviewed revision', async () => {
    const c = await coord.post('/api/v1/volunteer-projects', { org_id: team.id, title: '周末讲解', description: '原来的介绍' });
    assert.equal(c.status, 201, c.text);
    const id = c.json.id;
    const path = `/api/v1/volunteer-projects/${id}`;
    assert.equal((await anon.patch(path, { title: '改' })).status, 401);
    assert.equal((await citizen.patch(path, { title: '改' })).status, 403);
    assert.equal((await west.patch(path, { title: '改' })).status, 404, 'a draft of another district does not exist for them');
    assertError(await coord.patch(path, { title: '' }), 400, 'bad_title');
    let r = await coord.patch(path, { description: '每周六上午在文化站讲解' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.title, '周末讲解');
    assert.equal(r.json.description, '每周六上午在文化站讲解');
    assert.equal(r.json.status, 'draft');
    const a = (await audit('volunteer_project', id)).find((x) => x.action === 'volunteer_project.update');
    assert.equal(a.reason, 'description');
    // the district reviewer changes nothing here, but a coordinator who changed it never decides it
    assert.equal((await coord.post(`${path}/submit`)).status, 200);
    assertError(await coord.patch(path, { title: '改' }), 409, 'under_review');
    // withdrawn back to draft, and submitted again
    assert.equal((await citizen.post(`${path}/withdraw`)).status, 403);
    assert.equal((await west.post(`${path}/withdraw`)).status, 404);
    const w = await coord.post(`${path}/withdraw`);
    assert.equal(w.status, 200, w.text);
    assert.equal(w.json.status, 'draft');
    assertError(await coord.post(`${path}/withdraw`), 409, 'bad_state');
    assert.equal((await coord.post(`${path}/submit`)).status, 200);
    const rv1 = await loginAs(srv.base, DEMO.districtReviewer);
    const item = await pendingItem(rv1, id);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'reject', reason: '请写明地点' })).status, 200);
    r = await coord.patch(path, { title: '大渡口街道文化站周末讲解' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'rejected');
    assert.equal((await coord.post(`${path}/submit`)).status, 200);
    const again = await pendingItem(rv1, id);
    assert.equal((await rv1.post(`/api/v1/reviews/${again.id}/decision`, { decision: 'approve' })).status, 200);
    const rv2 = await loginAs(srv.base, DEMO.cityReviewer);
    assert.equal((await rv2.post(`/api/v1/reviews/${again.id}/decision`, { decision: 'approve' })).json.status, 'published');
    // published: a change waits for review; the public reads what was approved
    r = await coord.patch(path, { title: '再改' });
    assert.equal(r.status, 202, r.text);
    assert.equal(r.json.title, '大渡口街道文化站周末讲解');
    assert.equal(r.json.pending_revision.changes.title, '再改');
    assertError(await coord.patch(path, { description: '又改' }), 409, 'revision_pending');
    let pub = await anon.get(path);
    assert.equal(pub.json.title, '大渡口街道文化站周末讲解');
    assert.equal(pub.json.pending_revision, undefined, 'the public does not see a revision');
    const revItem = async (rv) => {
      const q = await rv.get('/api/v1/reviews?status=pending&limit=200');
      return q.json.items.find((x) => x.content_type === 'volunteer_project_revision' && x.id === r.json.pending_revision.review_id);
    };
    let ri = await revItem(rv1);
    assert.ok(ri, 'the revision waits for the district reviewer');
    assert.equal((await rv1.post(`/api/v1/reviews/${ri.id}/decision`, { decision: 'reject', reason: '标题太短' })).status, 200);
    pub = await anon.get(path);
    assert.equal(pub.json.title, '大渡口街道文化站周末讲解', 'a rejected revision changes nothing');
    assert.equal((await coord.get(path)).json.pending_revision, null);
    r = await coord.patch(path, { title: '大渡口文化站周末讲解服务' });
    assert.equal(r.status, 202, r.text);
    ri = await revItem(rv1);
    assert.equal((await rv1.post(`/api/v1/reviews/${ri.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await anon.get(path)).json.title, '大渡口街道文化站周末讲解', 'not before the last level');
    assert.equal((await rv2.post(`/api/v1/reviews/${ri.id}/decision`, { decision: 'approve' })).json.status, 'published');
    pub = await anon.get(path);
    assert.equal(pub.json.title, '大渡口文化站周末讲解服务');
    assert.equal(pub.json.status, 'published');
    const applied = (await audit('volunteer_project', id)).find((x) => x.action === 'volunteer_project.revision_apply');
    assert.equal(applied.reason, 'title');
  });

  it('a post is changed and reopened by its coordinators, audited', async () => {
    const c = await coord.post('/api/v1/volunteer-posts', { venue_id: venue, title: '引导员', skills: ['usher'], wanted: 1, schedule: '每周六上午' });
    assert.equal(c.status, 201, c.text);
    const id = c.json.id;
    const path = `/api/v1/volunteer-posts/${id}`;
    assert.equal((await anon.patch(path, { wanted: 2 })).status, 401);
    assertError(await citizen.patch(path, { wanted: 2 }), 403, 'forbidden');
    assertError(await west.patch(path, { wanted: 2 }), 403, 'forbidden');
    assertError(await coord.patch(path, { wanted: 0 }), 400, 'bad_wanted');
    assertError(await coord.patch(path, { skills: ['juggling'] }), 400, 'bad_skill');
    assertError(await coord.patch(path, { title: '' }), 400, 'bad_title');
    let r = await coord.patch(path, { wanted: 2, skills: ['usher', 'guide'] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.wanted, 2);
    assert.deepEqual(r.json.skills, ['usher', 'guide']);
    assert.equal(r.json.title, '引导员');
    assert.equal(r.json.schedule, '每周六上午');
    const a = (await audit('volunteer_post', id)).find((x) => x.action === 'volunteer_post.update');
    assert.equal(a.reason, 'wanted,skills');
    // an accepted volunteer: it cannot want fewer than it has
    const phone = freshPhone();
    assert.equal((await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '志愿者', role: 'citizen', division: '510402001' })).status, 201);
    const v = await loginAs(srv.base, { phone, password: PASSWORD });
    assert.equal((await v.post('/api/v1/volunteers', { real_name: '孙引导', birth_date: '1985-01-01', skills: ['usher'], areas: ['510402001'] })).status, 201);
    const offer = await v.post(`${path}/applications`, {});
    assert.equal((await coord.post(`/api/v1/volunteer-post-applications/${offer.json.id}/decision`, { accept: true })).status, 200);
    const a2 = await admin.patch(path, { wanted: 1 });
    assert.equal(a2.status, 200, 'one accepted, one wanted: allowed');
    assertError(await coord.patch(path, { wanted: 0 }), 400, 'bad_wanted');
    // closed, then reopened
    assertError(await coord.post(`${path}/reopen`), 409, 'open');
    assert.equal((await coord.post(`${path}/close`)).status, 200);
    assertError(await west.post(`${path}/reopen`), 403, 'forbidden');
    assertError(await citizen.post(`${path}/reopen`), 403, 'forbidden');
    r = await coord.post(`${path}/reopen`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'open');
    assert.equal(r.json.accepted, 1);
    assert.ok((await audit('volunteer_post', id)).some((x) => x.action === 'volunteer_post.reopen'));
    assert.ok((await anon.get('/api/v1/volunteer-posts?division=510402')).json.items.some((p) => p.id === id), 'listed again');
  });

  it('the coordinators\' pages: organisations, projects, posts, with refusals beside their fields', async () => {
    assert.equal((await citizen.get('/admin/volunteering/organisations')).status, 403);
    assert.equal((await citizen.get('/admin/volunteering/projects')).status, 403);
    const shifts = await coord.get('/admin/volunteering');
    assert.match(shifts.text, /href="\/admin\/volunteering\/organisations"/);
    assert.match(shifts.text, /href="\/admin\/volunteering\/projects"/);
    let page = await coord.get('/admin/volunteering/organisations');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('东区文化志愿者协会'));
    assert.ok(!page.text.includes('西区文化志愿者协会'), 'only the caller\'s subtree');
    // a team refused: back with what was entered, the refusal beside its field
    let r = await coord.postForm('/admin/volunteering/organisations', { parent_id: String(team.parent_id), division: '510403001', name: '越界服务队', description: '写了的介绍' });
    assert.equal(r.status, 403, 'a division outside the coordinator\'s subtree');
    r = await coord.postForm('/admin/volunteering/organisations', { parent_id: String(team.parent_id), division: '510402002', name: '', description: '写了的介绍' });
    assert.equal(r.status, 400, r.text);
    assert.ok(r.text.includes('id="error-name"'));
    assert.ok(r.text.includes('写了的介绍'), 'what was entered comes back');
    r = await coord.postForm('/admin/volunteering/organisations', { parent_id: String(team.parent_id), division: '510402002', name: '炳草岗街道文化志愿服务队', description: '' });
    assert.equal(r.status, 303, r.text);
    const orgs = await anon.get('/api/v1/volunteer-organisations?division=510402002');
    const created = orgs.json.items.find((o) => o.name === '炳草岗街道文化志愿服务队');
    assert.equal(created.kind, 'team');
    r = await coord.postForm(`/admin/volunteering/organisations/${created.id}`, { name: '长'.repeat(101), description: '新介绍' });
    assert.equal(r.status, 400);
    assert.ok(r.text.includes('id="error-name"'));
    assert.ok(r.text.includes('新介绍'));
    r = await coord.postForm(`/admin/volunteering/organisations/${created.id}`, { name: '炳草岗街道青年志愿服务队', description: '新介绍' });
    assert.equal(r.status, 303);
    assert.equal((await anon.get(`/api/v1/volunteer-organisations/${created.id}`)).json.name, '炳草岗街道青年志愿服务队');
    // projects: a draft written, changed, submitted
    r = await coord.postForm('/admin/volunteering/projects', { org_id: String(created.id), title: '', description: '页面写的介绍' });
    assert.equal(r.status, 400);
    assert.ok(r.text.includes('id="error-title"'));
    assert.ok(r.text.includes('页面写的介绍'));
    r = await coord.postForm('/admin/volunteering/projects', { org_id: String(created.id), title: '炳草岗书香志愿', description: '页面写的介绍' });
    assert.equal(r.status, 303, r.text);
    const pid = Number(/project-(\d+)/.exec(r.headers.get('location'))[1]);
    page = await coord.get('/admin/volunteering/projects');
    assert.ok(page.text.includes('炳草岗书香志愿'));
    assert.ok(page.text.includes(`action="/admin/volunteering/projects/${pid}/submit"`));
    r = await coord.postForm(`/admin/volunteering/projects/${pid}`, { title: '长'.repeat(101), description: '改过的介绍' });
    assert.equal(r.status, 400);
    assert.ok(r.text.includes('id="error-title"'));
    assert.ok(r.text.includes('改过的介绍'));
    r = await coord.postForm(`/admin/volunteering/projects/${pid}`, { title: '炳草岗书香志愿服务', description: '改过的介绍' });
    assert.equal(r.status, 303);
    r = await coord.postForm(`/admin/volunteering/projects/${pid}/submit`, {});
    assert.equal(r.status, 303);
    assert.match(r.headers.get('location'), /msg=project_submitted/);
    const p = await coord.get(`/api/v1/volunteer-projects/${pid}`);
    assert.equal(p.json.status, 'pending');
    assert.equal(p.json.title, '炳草岗书香志愿服务');
    // pending: no form to change it, and the form refused
    page = await coord.get('/admin/volunteering/projects');
    assert.ok(!page.text.includes(`action="/admin/volunteering/projects/${pid}"`));
    r = await coord.postForm(`/admin/volunteering/projects/${pid}`, { title: '再改', description: '' });
    assert.equal(r.status, 409);
    assert.ok(r.text.includes('role="alert"'));
    // pending: taken back from review on the page, then submitted again
    assert.ok(page.text.includes(`action="/admin/volunteering/projects/${pid}/withdraw"`));
    assert.equal((await west.postForm(`/admin/volunteering/projects/${pid}/withdraw`, {})).status, 404, 'not in their district');
    r = await coord.postForm(`/admin/volunteering/projects/${pid}/withdraw`, {});
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), /msg=project_withdrawn/);
    assert.equal((await coord.get(`/api/v1/volunteer-projects/${pid}`)).json.status, 'draft');
    r = await coord.postForm(`/admin/volunteering/projects/${pid}/withdraw`, {});
    assert.equal(r.status, 409, 'a draft is not withdrawn');
    assert.ok(r.text.includes('role="alert"'));
    assert.equal((await coord.postForm(`/admin/volunteering/projects/${pid}/submit`, {})).status, 303);
    // published: a change proposed on the page waits for review; the public reads what was approved
    const rv1 = await loginAs(srv.base, DEMO.districtReviewer);
    const rv2 = await loginAs(srv.base, DEMO.cityReviewer);
    const item = await pendingItem(rv1, pid);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).json.status, 'published');
    page = await coord.get('/admin/volunteering/projects');
    assert.ok(page.text.includes(`action="/admin/volunteering/projects/${pid}"`), 'a form to propose a change');
    assert.ok(!page.text.includes(`id="revision-${pid}"`));
    r = await coord.postForm(`/admin/volunteering/projects/${pid}`, { title: '', description: '改过的介绍' });
    assert.equal(r.status, 400);
    assert.ok(r.text.includes('id="error-title"'));
    r = await coord.postForm(`/admin/volunteering/projects/${pid}`, { title: '炳草岗街道书香志愿服务', description: '改过的介绍' });
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), /msg=revision_submitted/);
    assert.equal((await anon.get(`/api/v1/volunteer-projects/${pid}`)).json.title, '炳草岗书香志愿服务', 'the approved title stays public');
    page = await coord.get('/admin/volunteering/projects');
    assert.ok(page.text.includes(`id="revision-${pid}"`), 'the change waiting for review is shown');
    assert.ok(page.text.includes('炳草岗街道书香志愿服务'));
    assert.ok(!page.text.includes(`action="/admin/volunteering/projects/${pid}"`), 'no second change while one waits');
    // posts: changed and reopened on the page
    const post = await coord.post('/api/v1/volunteer-posts', { venue_id: venue, title: '讲解助手', wanted: 2 });
    r = await coord.postForm(`/admin/volunteering/posts/${post.json.id}`, { title: '', schedule: '每周日', wanted: '2', skill_guide: '1' });
    assert.equal(r.status, 400);
    assert.ok(r.text.includes('id="error-title"'));
    assert.ok(r.text.includes('每周日'));
    r = await coord.postForm(`/admin/volunteering/posts/${post.json.id}`, { title: '讲解助手', schedule: '每周日', wanted: '3', skill_guide: '1' });
    assert.equal(r.status, 303);
    const changed = await anon.get(`/api/v1/volunteer-posts/${post.json.id}`);
    assert.equal(changed.json.wanted, 3);
    assert.equal(changed.json.schedule, '每周日');
    assert.deepEqual(changed.json.skills, ['guide']);
    assert.equal((await coord.postForm(`/admin/volunteering/posts/${post.json.id}/close`, {})).status, 303);
    page = await coord.get('/admin/volunteering/posts');
    assert.ok(page.text.includes(`action="/admin/volunteering/posts/${post.json.id}/reopen"`));
    assert.equal((await coord.postForm(`/admin/volunteering/posts/${post.json.id}/reopen`, {})).status, 303);
    r = await coord.postForm(`/admin/volunteering/posts/${post.json.id}/reopen`, {});
    assert.equal(r.status, 409);
    assert.equal((await anon.get(`/api/v1/volunteer-posts/${post.json.id}`)).json.status, 'open');
  });
});
