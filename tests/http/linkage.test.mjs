// Regional linkage programmes through the API (src/mod/linkage, docs/linkage.md): a programme
// of 四川省 (51) across two provinces, with 攀枝花市 (5104) and 玉溪市 (5304, 云南省) taking part;
// each city's plan approved by its own province's reviewer through core review (never by its
// author, refused after the deadline), activities hosted in one province with guests from the
// other and an alliance with its agreement, the host's summary and photo, the job that chases
// missing materials, self-evaluations, the rubric and an expert's scores, the ranking, a
// commendation and the summary (JSON, Markdown); and the scope: the owner province sees
// every participant, the other province and a city only their own, a citizen nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, runCli, freshPhone } from './lib.mjs';

const SC_ADMIN = { phone: '13900000050', password: 'Demo2026sc' }; // city_admin of 51 (the demo's)
const SC_REVIEWER = { phone: '13900000051', password: 'Demo2026scr' }; // reviewer of 51
const PASSWORD = 'Secure2026pw';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

const dayOffset = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

describe('linkage: a programme across two provinces', () => {
  let srv, sc, scr, yn, ynr, yx, pz, citizen, anon;
  let prog, pzPlan, yxPlan, session, lecture, criteria;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    const pw = join(srv.dir, 'pw');
    writeFileSync(pw, PASSWORD);
    const make = (role, division) => {
      const phone = freshPhone();
      const r = runCli(['user', 'add', '--db', srv.db, '--phone', phone, '--name', '云南测试', '--password-file', pw, '--role', role, '--division', division]);
      assert.equal(r.code, 0, r.stderr);
      return { phone, password: PASSWORD };
    };
    const [ynA, ynR, yxA] = [make('city_admin', '53'), make('reviewer', '53'), make('city_admin', '5304')];
    [sc, scr, yn, ynr, yx, pz, citizen] = await Promise.all([
      loginAs(srv.base, SC_ADMIN), loginAs(srv.base, SC_REVIEWER), loginAs(srv.base, ynA), loginAs(srv.base, ynR),
      loginAs(srv.base, yxA), loginAs(srv.base, DEMO.cityAdmin), loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const decide = async (reviewer, id, decision = 'approve', reason) => {
    const q = await reviewer.get('/api/v1/reviews?status=pending&limit=200');
    assert.equal(q.status, 200, q.text);
    const item = q.json.items.find((x) => x.content_type === 'linkage_plan' && x.content_id === id);
    assert.ok(item, `plan ${id} waits for this reviewer: ${q.text}`);
    return reviewer.post(`/api/v1/reviews/${item.id}/decision`, { decision, reason });
  };

  it('deploys a programme of the province with participants from two provinces', async () => {
    const body = {
      division: '51', title: '川滇区域文化联动', year: 2026, themes: ['标准化', '基层活动'],
      stages: [{ stage: 'plans_due', due_on: dayOffset(10) }, { stage: 'carry_out', starts_on: dayOffset(-60), due_on: dayOffset(60) }, { stage: 'self_evaluate', due_on: dayOffset(30) }],
    };
    assertError(await pz.post('/api/v1/linkage/programmes', body), 403, 'forbidden', 'a city does not deploy the province\'s programme');
    assertError(await sc.post('/api/v1/linkage/programmes', { ...body, themes: [] }), 400, 'bad_themes');
    assertError(await sc.post('/api/v1/linkage/programmes', { ...body, stages: [{ stage: 'plans_due', due_on: '2026-13-01' }] }), 400, 'bad_stages');
    const r = await sc.post('/api/v1/linkage/programmes', body);
    assert.equal(r.status, 201, r.text);
    prog = r.json.id;
    assert.deepEqual(r.json.themes, ['标准化', '基层活动']);
    assertError(await sc.post('/api/v1/linkage/programmes', body), 409, 'programme_exists');
    for (const division of ['5104', '5304'])
      assert.equal((await sc.post(`/api/v1/linkage/programmes/${prog}/participants`, { division })).status, 201);
    assertError(await sc.post(`/api/v1/linkage/programmes/${prog}/participants`, { division: '5304' }), 409, 'participant_exists');
  });

  it('shows each caller the participants of its own subtree', async () => {
    const parts = async (c) => {
      const r = await c.get(`/api/v1/linkage/programmes/${prog}`);
      assert.equal(r.status, 200, r.text);
      return r.json.participants.map((p) => p.division).join(',');
    };
    assert.equal(await parts(sc), '5104,5304'); // the owner province: everything
    assert.equal(await parts(yn), '5304'); // the other province: its own
    assert.equal(await parts(pz), '5104'); // a city: its own
    assert.equal(await parts(yx), '5304');
    assertError(await citizen.get(`/api/v1/linkage/programmes/${prog}`), 404, 'not_found');
    assert.equal((await anon.get(`/api/v1/linkage/programmes/${prog}`)).status, 401);
    const list = await yn.get('/api/v1/linkage/programmes');
    assert.ok(list.json.items.some((p) => p.id === prog), list.text);
    assert.equal((await citizen.get('/api/v1/linkage/programmes')).json.items.length, 0);
  });

  it('takes plans before the deadline, approved by each participant\'s level above, never by their author', async () => {
    assertError(await pz.post(`/api/v1/linkage/programmes/${prog}/plans`, { division: '5104', title: '' }), 400, 'bad_title');
    let r = await pz.post(`/api/v1/linkage/programmes/${prog}/plans`, { division: '5104', title: '攀枝花联动方案', content: '听看评' });
    assert.equal(r.status, 201, r.text);
    pzPlan = r.json.id;
    assert.equal(r.json.status, 'pending');
    assertError(await pz.post(`/api/v1/linkage/programmes/${prog}/plans`, { division: '5104', title: '再交' }), 409, 'plan_submitted');
    r = await yx.post(`/api/v1/linkage/programmes/${prog}/plans`, { division: '5304', title: '玉溪联动方案' });
    assert.equal(r.status, 201, r.text);
    yxPlan = r.json.id;
    // 玉溪's plan waits for 云南省, not for the programme's province
    const q = await scr.get('/api/v1/reviews?status=pending&limit=200');
    assert.ok(!q.json.items.some((x) => x.content_type === 'linkage_plan' && x.content_id === yxPlan), q.text);
    assert.equal((await decide(scr, pzPlan)).status, 200);
    // 玉溪 takes its plan back before 云南省 decides it: a draft, out of the queue, submitted again
    assert.equal((await pz.post(`/api/v1/linkage/plans/${yxPlan}/withdraw`)).status, 403, 'another city\'s staff');
    assertError(await citizen.post(`/api/v1/linkage/plans/${yxPlan}/withdraw`), 403, 'forbidden');
    assertError(await yx.post(`/api/v1/linkage/plans/${pzPlan}/withdraw`), 403, 'forbidden', 'not its plan');
    assertError(await pz.post(`/api/v1/linkage/plans/${pzPlan}/withdraw`), 409, 'not_pending', 'an approved plan');
    assertError(await yx.post('/api/v1/linkage/plans/999999/withdraw'), 404, 'not_found');
    r = await yx.post(`/api/v1/linkage/plans/${yxPlan}/withdraw`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'draft');
    const queue = await ynr.get('/api/v1/reviews?status=pending&limit=200');
    assert.ok(!queue.json.items.some((x) => x.content_type === 'linkage_plan' && x.content_id === yxPlan), 'no longer waits');
    assertError(await yx.post(`/api/v1/linkage/plans/${yxPlan}/withdraw`), 409, 'not_pending', 'a draft');
    const trail = await yn.get(`/api/v1/audit?object_type=linkage_plan&object_id=${yxPlan}&limit=50`);
    assert.equal(trail.status, 200, trail.text);
    const took = trail.json.items.find((e) => e.action === 'linkage.plan.withdraw');
    assert.ok(took, trail.text);
    assert.deepEqual([took.from, took.to], ['pending', 'draft']);
    r = await yx.post(`/api/v1/linkage/programmes/${prog}/plans`, { division: '5304', title: '玉溪联动方案' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.id, yxPlan, 'the same plan, submitted again');
    assert.equal(r.json.status, 'pending');
    assert.equal((await decide(ynr, yxPlan, 'reject', '请写明跨省交流')).status, 200);
    r = await yx.post(`/api/v1/linkage/programmes/${prog}/plans`, { division: '5304', title: '玉溪联动方案（修改）' });
    assert.equal(r.status, 201, r.text);
    assert.equal((await decide(ynr, yxPlan)).status, 200);
    const plans = await sc.get(`/api/v1/linkage/programmes/${prog}/plans`);
    assert.deepEqual(plans.json.items.map((p) => [p.division, p.status]), [['5104', 'approved'], ['5304', 'approved']]);
    assert.deepEqual((await pz.get(`/api/v1/linkage/programmes/${prog}/plans`)).json.items.map((p) => p.division), ['5104']);

    // a late plan: a programme whose plans were due yesterday
    const late = await sc.post('/api/v1/linkage/programmes', { division: '51', title: '过期联动', year: 2026, themes: ['效能'], stages: [{ stage: 'plans_due', due_on: dayOffset(-1) }] });
    assert.equal((await sc.post(`/api/v1/linkage/programmes/${late.json.id}/participants`, { division: '5104' })).status, 201);
    assertError(await pz.post(`/api/v1/linkage/programmes/${late.json.id}/plans`, { division: '5104', title: '迟交方案' }), 422, 'plans_closed');
    assert.equal((await sc.get(`/api/v1/linkage/programmes/${late.json.id}/plans`)).json.items.length, 0);
  });

  it('records activities across provinces with an alliance\'s agreement, and their materials', async () => {
    const body = { plan_id: pzPlan, kind: 'exchange', theme: '标准化', title: '听看评：标准化建设', starts_on: dayOffset(-20), ends_on: dayOffset(-19), host: '5104', guests: ['5304'] };
    assertError(await yx.post(`/api/v1/linkage/programmes/${prog}/activities`, body), 403, 'forbidden', 'a guest does not record the host\'s activity');
    assertError(await pz.post(`/api/v1/linkage/programmes/${prog}/activities`, { ...body, theme: '旅游' }), 400, 'bad_theme');
    assertError(await pz.post(`/api/v1/linkage/programmes/${prog}/activities`, { ...body, kind: 'alliance' }), 400, 'agreement_required');
    let r = await pz.post(`/api/v1/linkage/programmes/${prog}/activities`, body);
    assert.equal(r.status, 201, r.text);
    session = r.json.id;
    r = await yx.post(`/api/v1/linkage/programmes/${prog}/activities`, {
      plan_id: yxPlan, kind: 'alliance', theme: '基层活动', title: '川滇基层文化联盟', starts_on: dayOffset(-15), ends_on: dayOffset(-15), host: '5304', guests: ['5104'],
      agreement: { text: '互派文艺小分队，共享基层活动资源', signed_on: dayOffset(-15), members: ['5304', '5104'] },
    });
    assert.equal(r.status, 201, r.text);
    lecture = r.json.id;
    assert.deepEqual(r.json.agreement.members.map((m) => m.division), ['5104', '5304']);
    // a guest sees the activity it visited
    assert.equal((await yn.get(`/api/v1/linkage/activities/${session}`)).status, 200);
    assertError(await citizen.get(`/api/v1/linkage/activities/${session}`), 404, 'not_found');

    assertError(await yx.put(`/api/v1/linkage/activities/${session}/summary`, { summary: 'x' }), 403, 'forbidden');
    r = await pz.put(`/api/v1/linkage/activities/${session}/summary`, { summary: '两天交流，观摩 6 处' });
    assert.equal(r.status, 200, r.text);
    r = await pz.request('POST', `/api/v1/linkage/activities/${session}/materials?kind=photo&name=a.png`, { body: PNG, headers: { 'Content-Type': 'image/png' } });
    assert.equal(r.status, 201, r.text);
    const photo = await yn.get(r.json.url);
    assert.equal(photo.status, 200);
    r = await pz.request('POST', `/api/v1/linkage/activities/${session}/materials?kind=photo&name=a.txt`, { body: 'text', headers: { 'Content-Type': 'text/plain' } });
    assertError(r, 400, 'bad_content_type');
    // a photo given by mistake is removed by the host, not by a guest
    r = await pz.request('POST', `/api/v1/linkage/activities/${session}/materials?kind=photo&name=wrong.png`, { body: PNG, headers: { 'Content-Type': 'image/png' } });
    assert.equal(r.status, 201, r.text);
    const wrong = r.json;
    assertError(await yx.delete(`/api/v1/linkage/materials/${wrong.id}`), 403, 'forbidden', 'a guest');
    assertError(await citizen.delete(`/api/v1/linkage/materials/${wrong.id}`), 403, 'forbidden');
    assert.equal((await yn.get(wrong.url)).status, 200, 'still there');
    r = await pz.delete(`/api/v1/linkage/materials/${wrong.id}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.media.map((m) => m.filename), ['a.png']);
    assert.equal(r.json.materials_complete, true);
    assertError(await yn.get(wrong.url), 404, 'not_found');
    assertError(await pz.delete(`/api/v1/linkage/materials/${wrong.id}`), 404, 'not_found', 'gone');
    const acts = await sc.get(`/api/v1/linkage/programmes/${prog}/activities`);
    assert.deepEqual(acts.json.items.map((a) => [a.id, a.materials_complete]), [[session, true], [lecture, false]]);
  });

  it('chases the host whose materials are missing, once a week', async () => {
    for (let i = 0; i < 2; i++) assert.equal(runCli(['jobs', '--once', '--db', srv.db]).code, 0);
    const mine = async (c) => (await c.get('/api/v1/me/notifications?limit=100')).json.items.filter((n) => n.kind === 'linkage.materials_missing');
    const got = await mine(yx);
    assert.equal(got.length, 1, JSON.stringify(got));
    assert.equal(got[0].title, '川滇基层文化联盟');
    assert.equal((await mine(pz)).filter((n) => n.title === '听看评：标准化建设').length, 0);
  });

  it('evaluates: self-evaluations, the rubric, experts\' scores and the ranking', async () => {
    assert.equal((await pz.post(`/api/v1/linkage/programmes/${prog}/self-evaluations`, { division: '5104', text: '完成交流', score: 90 })).status, 200);
    assertError(await yx.post(`/api/v1/linkage/programmes/${prog}/self-evaluations`, { division: '5304', text: '自评', score: 120 }), 400, 'bad_score');
    assert.equal((await yx.post(`/api/v1/linkage/programmes/${prog}/self-evaluations`, { division: '5304', text: '组建联盟', score: 85 })).status, 200);
    assertError(await sc.put(`/api/v1/linkage/programmes/${prog}/criteria`, { items: [{ target: 'session', name: '示范性', weight: 90 }] }), 400, 'bad_weights');
    let r = await sc.put(`/api/v1/linkage/programmes/${prog}/criteria`, {
      items: [{ target: 'session', name: '示范性', weight: 60 }, { target: 'session', name: '成效', weight: 40 }, { target: 'participant', name: '落实', weight: 100 }],
    });
    assert.equal(r.status, 200, r.text);
    criteria = Object.fromEntries(r.json.items.map((k) => [`${k.target}:${k.name}`, k.id]));
    const sessionScores = (a, b) => [{ criterion_id: criteria['session:示范性'], score: a }, { criterion_id: criteria['session:成效'], score: b }];
    assertError(await ynr.post(`/api/v1/linkage/programmes/${prog}/scores`, { target: 'session', activity_id: session, scores: sessionScores(90, 80) }), 403, 'forbidden');
    assertError(await scr.post(`/api/v1/linkage/programmes/${prog}/scores`, { target: 'session', activity_id: lecture, scores: sessionScores(90, 80) }), 400, 'not_a_session');
    assertError(await scr.post(`/api/v1/linkage/programmes/${prog}/scores`, { target: 'session', activity_id: session, scores: sessionScores(90, 80).slice(1) }), 400, 'incomplete_scores');
    assert.equal((await scr.post(`/api/v1/linkage/programmes/${prog}/scores`, { target: 'session', activity_id: session, scores: sessionScores(90, 80), comment: '规范' })).status, 201);
    for (const [division, score] of [['5104', 80], ['5304', 88]])
      assert.equal((await scr.post(`/api/v1/linkage/programmes/${prog}/scores`, { target: 'participant', division, scores: [{ criterion_id: criteria['participant:落实'], score }] })).status, 201);
    assertError(await sc.put(`/api/v1/linkage/programmes/${prog}/criteria`, { items: [{ target: 'session', name: '新', weight: 100 }] }), 409, 'rubric_in_use');
    // 攀枝花: 0.7 × 80 + 0.3 × 86 = 81.8; 玉溪: 88 (no session of its own)
    r = await sc.get(`/api/v1/linkage/programmes/${prog}/evaluation`);
    assert.deepEqual(r.json.items.map((x) => [x.rank, x.division, x.result, x.self_score]), [[1, '5304', 88, 85], [2, '5104', 81.8, 90]]);
    r = await pz.get(`/api/v1/linkage/programmes/${prog}/evaluation`);
    assert.deepEqual(r.json.items.map((x) => [x.rank, x.division]), [[2, '5104']]);
  });

  it('records a commendation and writes the summary for the level above', async () => {
    assertError(await pz.post(`/api/v1/linkage/programmes/${prog}/commendations`, { division: '5104', title: '优秀' }), 403, 'forbidden');
    assert.equal((await sc.post(`/api/v1/linkage/programmes/${prog}/commendations`, { division: '5304', title: '区域文化联动优秀城市', citation: '跨省联盟成效显著' })).status, 201);
    let r = await sc.get(`/api/v1/linkage/programmes/${prog}/summary`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.participants.length, 2);
    assert.equal(r.json.plans.length, 2);
    assert.equal(r.json.activities.length, 2);
    assert.deepEqual(r.json.materials, { activities: 2, complete: 1 });
    assert.equal(r.json.evaluation[0].division, '5304');
    assert.equal(r.json.commendations[0].title, '区域文化联动优秀城市');
    r = await sc.get(`/api/v1/linkage/programmes/${prog}/summary?format=markdown`);
    assert.equal(r.status, 200);
    assert.match(r.text, /^# 川滇区域文化联动 \(2026\)/);
    assert.match(r.text, /\| 1 \| 玉溪市 \| 85\.00 \| 88\.00 \| — \| 88\.00 \|/);
    assert.match(r.text, /川滇基层文化联盟/);
    assert.match(r.text, /玉溪市: 区域文化联动优秀城市/);
    assertError(await sc.get(`/api/v1/linkage/programmes/${prog}/summary?format=html`), 400, 'bad_format');
    // the city's summary: its own participant, plan and the activities it hosted or visited
    r = await pz.get(`/api/v1/linkage/programmes/${prog}/summary`);
    assert.deepEqual(r.json.participants.map((p) => p.division), ['5104']);
    assert.equal(r.json.plans.length, 1);
    assert.equal(r.json.activities.length, 2);
    assert.equal(r.json.commendations.length, 0);
  });

  it('shows the demo\'s province-level programme', async () => {
    const r = await sc.get('/api/v1/linkage/programmes');
    const demo = r.json.items.find((p) => p.title === '四川省公共文化服务区域文化联动（示例）');
    assert.ok(demo, r.text);
    const s = await sc.get(`/api/v1/linkage/programmes/${demo.id}/summary`);
    assert.deepEqual(s.json.participants.map((p) => p.division), ['5101', '5104', '5304']);
    assert.equal(s.json.evaluation[0].rank, 1);
    assert.equal(s.json.commendations.length, 1);
  });
});
