// The staff's pages of regional linkage programmes (src/mod/linkage/pages_linkage.c,
// docs/linkage.md "Pages") on the demo programme of 四川省: the scope is the API's (a citizen
// sees nothing and gets 404, 攀枝花's admin only 攀枝花), a refused form comes back with its
// refusal while nothing is written (a late plan, a bad programme, an expert on their own
// division), a plan returned with a reason by the level above and submitted again, then taken
// back by its participant, and the summary shown as Markdown.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO, loginAs, cleanup, freshPhone } from './lib.mjs';

const SC_ADMIN = { phone: '13900000050', password: 'Demo2026sc' }; // city_admin of 51
const SC_REVIEWER = { phone: '13900000051', password: 'Demo2026scr' }; // reviewer of 51
const PASSWORD = 'Secure2026pw';
const DEMO_TITLE = '四川省公共文化服务区域文化联动（示例）';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe('linkage pages: scope, refused forms, a returned plan, the summary', () => {
  let srv, sc, scr, pz, citizen, expert, demo;

  const plans = async (id) => (await sc.get(`/api/v1/linkage/programmes/${id}/plans`)).json.items;
  const evaluation = async (id) => (await sc.get(`/api/v1/linkage/programmes/${id}/evaluation`)).json.items;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [sc, scr, pz, citizen] = await Promise.all([
      loginAs(srv.base, SC_ADMIN), loginAs(srv.base, SC_REVIEWER), loginAs(srv.base, DEMO.cityAdmin), loginAs(srv.base, DEMO.citizen),
    ]);
    // an expert of the province who also reviews for 攀枝花
    const phone = freshPhone();
    const made = await sc.post('/api/v1/accounts', { phone, password: PASSWORD, name: '省评估专家', role: 'reviewer', division: '51' });
    assert.equal(made.status, 201, made.text);
    const id = made.json.id;
    const g = await sc.post(`/api/v1/accounts/${id}/roles`, { role: 'reviewer', division: '5104' });
    assert.ok(g.status === 200 || g.status === 201, g.text);
    expert = await loginAs(srv.base, { phone, password: PASSWORD });
    demo = (await sc.get('/api/v1/linkage/programmes')).json.items.find((p) => p.title === DEMO_TITLE).id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('shows what the API shows: a citizen nothing, 攀枝花 its own participant', async () => {
    let r = await citizen.get('/admin/linkage');
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(DEMO_TITLE));
    assert.ok(!r.text.includes('id="programme-form"'), 'no form without tasks_manage');
    r = await citizen.get(`/admin/linkage/${demo}`);
    assert.equal(r.status, 404);
    r = await pz.get(`/admin/linkage/${demo}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /id="partial-view"/);
    assert.match(r.text, /id="participant-5104"/);
    assert.ok(!r.text.includes('id="participant-5101"'), '成都 is not 攀枝花\'s');
    assert.ok(!r.text.includes('id="commend-form"'), 'the owner commends, not a participant');
    r = await sc.get(`/admin/linkage/${demo}`);
    for (const d of ['5101', '5104', '5304']) assert.match(r.text, new RegExp(`id="participant-${d}"`));
    assert.match(r.text, /id="commend-form"/);
    assert.match(r.text, /id="plans-closed"/, 'the plans_due stage of the demo is over');
  });

  it('a refused form shows the refusal and writes nothing', async () => {
    // a plan after the deadline
    const before = await plans(demo);
    let r = await pz.postForm(`/admin/linkage/${demo}/plans`, { division: '5104', title: '迟到的方案', content: '' });
    assert.equal(r.status, 422);
    assert.match(r.text, /id="form-error"/);
    assert.deepEqual(await plans(demo), before);
    // a programme without a year: the form keeps what was written
    const n = (await sc.get('/api/v1/linkage/programmes')).json.items.length;
    r = await sc.postForm('/admin/linkage', { division: '51', title: '没有年度的项目', year: '', themes: '标准化' });
    assert.equal(r.status, 400);
    assert.match(r.text, /value="没有年度的项目"/);
    assert.equal((await sc.get('/api/v1/linkage/programmes')).json.items.length, n);
    // an expert on their own division
    const crit = (await sc.get(`/api/v1/linkage/programmes/${demo}/criteria`)).json.items.filter((k) => k.target === 'participant');
    const was = await evaluation(demo);
    const fields = { target: 'participant', subject: '5104' };
    for (const k of crit) fields[`score_${k.id}`] = '10';
    r = await expert.postForm(`/admin/linkage/${demo}/scores`, fields);
    assert.equal(r.status, 403);
    assert.match(r.text, /id="form-error"/);
    assert.deepEqual(await evaluation(demo), was);
    // the same expert scores 成都, not their own
    r = await expert.postForm(`/admin/linkage/${demo}/scores`, { ...fields, subject: '5101' });
    assert.equal(r.status, 303);
    assert.notDeepEqual(await evaluation(demo), was);
  });

  it('the level above returns a plan with a reason; it is submitted again', async () => {
    let r = await sc.postForm('/admin/linkage', {
      division: '51', title: '页面测试项目', year: '2027', themes: '数字化', plans_due_to: '2099-04-20',
    });
    assert.equal(r.status, 303, r.text);
    const id = Number(/\/admin\/linkage\/(\d+)\?msg=programme_created/.exec(r.headers.get('location'))[1]);
    r = await sc.postForm(`/admin/linkage/${id}/participants`, { division: '5104' });
    assert.equal(r.status, 303);
    r = await pz.postForm(`/admin/linkage/${id}/plans`, { division: '5104', title: '攀枝花方案', content: '数字化交流' });
    assert.equal(r.status, 303);
    const plan = (await plans(id))[0];
    assert.equal(plan.status, 'pending');
    // a return needs its reason; 攀枝花's admin is no reviewer at all
    r = await scr.postForm(`/admin/linkage/plans/${plan.id}/decision`, { decision: 'reject' });
    assert.equal(r.status, 400);
    assert.equal((await plans(id))[0].status, 'pending');
    r = await pz.postForm(`/admin/linkage/plans/${plan.id}/decision`, { decision: 'approve' });
    assert.equal(r.status, 403);
    r = await scr.postForm(`/admin/linkage/plans/${plan.id}/decision`, { decision: 'reject', reason: '请补充活动安排' });
    assert.equal(r.status, 303);
    assert.match(r.headers.get('location'), /msg=plan_returned/);
    assert.equal((await plans(id))[0].status, 'rejected');
    r = await pz.postForm(`/admin/linkage/${id}/plans`, { division: '5104', title: '攀枝花方案（修改）', content: '数字化交流，两场' });
    assert.equal(r.status, 303);
    assert.equal((await plans(id))[0].status, 'pending');
    // 攀枝花 takes it back from the page: the form is its staff's, not the reviewer's
    const withdrawForm = new RegExp(`id="withdraw-${plan.id}"[^>]*action="/admin/linkage/plans/${plan.id}/withdraw"`);
    assert.match((await pz.get(`/admin/linkage/${id}`)).text, withdrawForm);
    assert.doesNotMatch((await scr.get(`/admin/linkage/${id}`)).text, withdrawForm);
    r = await scr.postForm(`/admin/linkage/plans/${plan.id}/withdraw`, {});
    assert.equal(r.status, 403);
    assert.equal((await plans(id))[0].status, 'pending');
    r = await pz.postForm(`/admin/linkage/plans/${plan.id}/withdraw`, {});
    assert.equal(r.status, 303);
    assert.match(r.headers.get('location'), /msg=plan_withdrawn/);
    assert.equal((await plans(id))[0].status, 'draft');
    const page = await pz.get(r.headers.get('location'));
    assert.doesNotMatch(page.text, withdrawForm, 'a draft is not taken back again');
    // again: refused on the page, with the reason, and nothing changes
    r = await pz.postForm(`/admin/linkage/plans/${plan.id}/withdraw`, {});
    assert.equal(r.status, 409);
    assert.match(r.text, /id="form-error"/);
    assert.equal((await plans(id))[0].status, 'draft');
  });

  it('the host removes a material from the page', async () => {
    const acts = (await pz.get(`/api/v1/linkage/programmes/${demo}/activities`)).json.items;
    const held = acts.find((a) => a.host.division === '5104' && a.starts_on <= new Date().toISOString().slice(0, 10));
    assert.ok(held, '攀枝花 hosted an activity of the demo programme');
    let r = await pz.request('POST', `/api/v1/linkage/activities/${held.id}/materials?kind=photo&name=wrong.png`, { body: PNG, headers: { 'Content-Type': 'image/png' } });
    assert.equal(r.status, 201, r.text);
    const m = r.json;
    const button = new RegExp(`id="media-delete-${m.id}"[^>]*action="/admin/linkage/materials/${m.id}/delete"`);
    assert.match((await pz.get(`/admin/linkage/${demo}`)).text, button);
    r = await pz.postForm(`/admin/linkage/materials/${m.id}/delete`, {});
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), new RegExp(`msg=material_removed#activity-${held.id}$`));
    assert.doesNotMatch((await pz.get(r.headers.get('location'))).text, button);
    assert.equal((await pz.get(m.url)).status, 404);
    r = await pz.postForm(`/admin/linkage/materials/${m.id}/delete`, {});
    assert.equal(r.status, 404);
  });

  it('the summary as Markdown', async () => {
    const r = await sc.get(`/admin/linkage/${demo}/summary`);
    assert.equal(r.status, 200);
    assert.match(r.text, /id="summary-md"/);
    assert.ok(r.text.includes(`# ${DEMO_TITLE}`));
    assert.match(r.text, new RegExp(`href="/api/v1/linkage/programmes/${demo}/summary\\?format=markdown"`));
    assert.equal((await citizen.get(`/admin/linkage/${demo}/summary`)).status, 404);
  });
});
