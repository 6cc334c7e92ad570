// What comes after an exchange, through the API (src/mod/exchange, docs/exchange.md): an
// agreement and a published tour with follow-ups, the conversion time per kind and partner
// computed from them, the owner kept from the public; an overdue follow-up among the alerts; an
// evaluation of two activities by two reviewers with the ranking, a score set replaced and then
// frozen, scoring one's own activity refused; a lesson learned found by a Chinese word; the
// public query of activities through its full-text index.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, freshPhone } from './lib.mjs';

// what no public answer of the module may hold: people, phones, accounts
const PERSONAL = /"(author|created_by|phone|user_id|owner|owner_ours|owner_theirs|reviewer_id)"|1[3-9]\d{9}/;
const PASSWORD = 'Secure2026pw';

describe('exchange: follow-ups, conversion time, evaluation, lessons learned', () => {
  let srv, admin, reviewer, reviewer2, writer, citizen, anon, partner, agreement, a1, a2;

  const account = async (role, division) => {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '测试账号', role, division });
    assert.equal(r.status, 201, r.text);
    return { phone, password: PASSWORD, id: r.json.id };
  };

  // an activity of 攀枝花市 written by c, published through the city reviewer
  const published = async (c, title, endsOn) => {
    const r = await c.post('/api/v1/exchange/activities', {
      division: '5104', title, summary: '赴西班牙友好城市交流演出', kind: 'tour', scope: 'international',
      starts_on: '2025-03-01', ends_on: endsOn, participants: 40, partners: [partner],
    });
    assert.equal(r.status, 201, r.text);
    assert.equal((await c.post(`/api/v1/exchange/activities/${r.json.id}/submit`)).status, 200);
    const queue = await reviewer.get('/api/v1/reviews?status=pending&limit=200');
    const item = queue.json.items.find((x) => x.content_type === 'exchange_activity' && x.content_id === r.json.id);
    const d = await reviewer.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    return r.json.id;
  };

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, reviewer, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
    // a second reviewer of the city, and a city admin who also reviews
    const r2 = await account('reviewer', '5104');
    const w = await account('city_admin', '5104');
    const g = await admin.post(`/api/v1/accounts/${w.id}/roles`, { role: 'reviewer', division: '5104' });
    assert.equal(g.status, 201, g.text);
    [reviewer2, writer] = await Promise.all([loginAs(srv.base, r2), loginAs(srv.base, w)]);
    const p = await admin.post('/api/v1/exchange/partners', {
      division: '5104', name: '西班牙圣塞巴斯蒂安市', kind: 'friendship_city', scope: 'foreign', country: '西班牙', city: '圣塞巴斯蒂安', languages: ['es'],
    });
    assert.equal(p.status, 201, p.text);
    partner = p.json.id;
    const ag = await admin.post(`/api/v1/exchange/partners/${partner}/agreements`, { kind: 'memorandum', title: '文化交流合作备忘录', signed_on: '2025-01-10' });
    assert.equal(ag.status, 201, ag.text);
    agreement = ag.json.id;
    a1 = await published(writer, '滇剧《选才记》西班牙巡演', '2025-03-20');
    a2 = await published(writer, '花灯《山茶花红》西班牙巡演', '2025-04-20');
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('follows an agreement and a tour up, and computes the conversion time per kind and partner', async () => {
    const body = { agreement_id: agreement, kind: 'joint_production', title: '联合创排舞剧', owner: '市文化和旅游局对外交流科', due_on: '2025-06-01' };
    assertError(await anon.post('/api/v1/exchange/followups', body), 401);
    assertError(await citizen.post('/api/v1/exchange/followups', body), 403);
    assertError(await admin.post('/api/v1/exchange/followups', { ...body, owner: '张三 13912345678' }), 400, 'owner_phone');
    assertError(await admin.post('/api/v1/exchange/followups', { ...body, activity_id: a1 }), 400, 'bad_origin');
    assertError(await admin.post('/api/v1/exchange/followups', { ...body, kind: 'party' }), 400, 'bad_kind');
    const fg = await admin.post('/api/v1/exchange/followups', body);
    assert.equal(fg.status, 201, fg.text);
    assert.equal(fg.json.partner.id, partner);
    assert.equal(fg.json.origin_on, '2025-01-10');
    assert.equal(fg.json.status, 'open');
    assert.equal(fg.json.owner, '市文化和旅游局对外交流科');
    const fa = await admin.post('/api/v1/exchange/followups', { activity_id: a1, kind: 'return_visit', title: '圣塞巴斯蒂安市代表团回访', owner: '市外办', due_on: '2025-05-01' });
    assert.equal(fa.status, 201, fa.text);
    assert.equal(fa.json.origin_on, '2025-03-20');
    assert.equal(fa.json.partner.name, '西班牙圣塞巴斯蒂安市');

    assertError(await admin.put(`/api/v1/exchange/followups/${fg.json.id}`, { status: 'done' }), 422, 'outcome_required');
    assertError(await admin.put(`/api/v1/exchange/followups/${fg.json.id}`, { status: 'done', outcome: '签约', outcome_on: '2024-12-31' }), 422, 'bad_outcome_date');
    assertError(await citizen.put(`/api/v1/exchange/followups/${fg.json.id}`, { status: 'dropped' }), 403);
    let u = await admin.put(`/api/v1/exchange/followups/${fg.json.id}`, { status: 'done', outcome: '签署联合创排协议', outcome_on: '2025-04-10' });
    assert.equal(u.status, 200, u.text);
    assert.equal(u.json.conversion_days, 90);
    u = await admin.put(`/api/v1/exchange/followups/${fa.json.id}`, { status: 'done', outcome: '代表团来访', outcome_on: '2025-04-19' });
    assert.equal(u.json.conversion_days, 30);

    // public: the follow-ups without their owners
    const pub = await anon.get('/api/v1/exchange/followups?division=5104');
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.items.length, 2);
    assert.ok(!PERSONAL.test(pub.text), pub.text);
    const staff = await admin.get('/api/v1/exchange/followups?division=5104&status=done');
    assert.ok(staff.json.items.every((f) => typeof f.owner === 'string' && f.owner));
    const one = await anon.get(`/api/v1/exchange/followups/${fa.json.id}`);
    assert.equal(one.json.outcome, '代表团来访');
    assert.ok(!('owner' in one.json));

    const c = await anon.get('/api/v1/exchange/conversion?division=5104');
    assert.equal(c.status, 200, c.text);
    assert.deepEqual(c.json.all, { count: 2, mean_days: 60, median_days: 60 });
    assert.deepEqual(c.json.by_kind.map((k) => [k.kind, k.count, k.mean_days]), [['return_visit', 1, 30], ['joint_production', 1, 90]]);
    assert.deepEqual(c.json.by_partner.map((p) => [p.partner_id, p.partner, p.count, p.median_days]), [[partner, '西班牙圣塞巴斯蒂安市', 2, 60]]);
    const april = await anon.get('/api/v1/exchange/conversion?division=5104&from=2025-04-15&to=2025-05-01');
    assert.equal(april.json.all.count, 1);
    assertError(await anon.get('/api/v1/exchange/conversion?division=5104&from=2025-02-30'), 400, 'bad_date');
  });

  it('tells an overdue follow-up among the alerts', async () => {
    const f = await admin.post('/api/v1/exchange/followups', { activity_id: a2, kind: 'tourism_product', title: '西班牙游客旅游线路', owner: '市文旅局产业科', due_on: '2025-06-01' });
    assert.equal(f.status, 201, f.text);
    const al = await admin.get('/api/v1/exchange/alerts?division=5104&limit=100');
    assert.equal(al.status, 200, al.text);
    const mine = al.json.items.filter((x) => x.kind === 'followup_overdue');
    assert.deepEqual(mine.map((x) => [x.followup_id, x.followup, x.due_on, x.partner_id]), [[f.json.id, '西班牙游客旅游线路', '2025-06-01', partner]]);
    assertError(await citizen.get('/api/v1/exchange/alerts?division=5104'), 403);
    const d = await admin.put(`/api/v1/exchange/followups/${f.json.id}`, { status: 'dropped' });
    assert.equal(d.status, 200, d.text);
    const after = await admin.get('/api/v1/exchange/alerts?division=5104&limit=100');
    assert.ok(!after.json.items.some((x) => x.kind === 'followup_overdue'));
  });

  it('evaluates two activities by two reviewers and ranks them; nobody scores their own', async () => {
    const rubric = { division: '5104', criteria: [{ code: 'influence', name: '影响力', weight: 40 }, { code: 'quality', name: '活动质量', weight: 40 }, { code: 'conversion', name: '成果转化', weight: 20 }] };
    assertError(await reviewer.put('/api/v1/exchange/rubric', rubric), 403);
    assertError(await admin.put('/api/v1/exchange/rubric', { ...rubric, criteria: [{ code: 'Bad Code', name: 'x', weight: 1 }] }), 400, 'bad_code');
    // the weights add up to 100, no two criteria have the same name; nothing changes
    assertError(await admin.put('/api/v1/exchange/rubric', { ...rubric, criteria: [{ ...rubric.criteria[0], weight: 50 }, rubric.criteria[1], rubric.criteria[2]] }), 400, 'bad_weights');
    assertError(await admin.put('/api/v1/exchange/rubric', { ...rubric, criteria: [rubric.criteria[0], { ...rubric.criteria[1], name: '影响力' }, rubric.criteria[2]] }), 400, 'bad_name');
    assert.equal((await anon.get('/api/v1/exchange/rubric?division=5104')).json.division, null, 'no rubric yet');
    const rb = await admin.put('/api/v1/exchange/rubric', rubric);
    assert.equal(rb.status, 200, rb.text);
    const inherited = await anon.get('/api/v1/exchange/rubric?division=510402');
    assert.equal(inherited.json.division, '5104');
    assert.deepEqual(inherited.json.criteria.map((k) => k.weight), [40, 40, 20]);

    const score = (c, id, i, q, v) => c.put(`/api/v1/exchange/activities/${id}/scores`, { scores: { influence: i, quality: q, conversion: v } });
    assert.equal((await score(reviewer, a1, 90, 80, 70)).status, 200); // 82
    assert.equal((await score(reviewer2, a1, 80, 80, 60)).status, 200); // 76
    assert.equal((await score(reviewer, a2, 60, 70, 50)).status, 200); // 62
    assert.equal((await score(reviewer2, a2, 70, 60, 40)).status, 200); // 60
    // the writer of the activities reviews too, but not what they wrote
    assertError(await score(writer, a1, 100, 100, 100), 403, 'own_work');
    assertError(await admin.put(`/api/v1/exchange/activities/${a1}/scores`, { scores: { influence: 1, quality: 1, conversion: 1 } }), 403);
    assertError(await reviewer.put(`/api/v1/exchange/activities/${a1}/scores`, { scores: { influence: 90 } }), 400, 'bad_scores');
    assertError(await score(reviewer, a1, 120, 80, 70), 400, 'bad_scores');

    let rk = await admin.get('/api/v1/exchange/ranking?division=5104');
    assert.equal(rk.status, 200, rk.text);
    assert.deepEqual(rk.json.items.map((x) => [x.rank, x.activity_id, x.score, x.reviewers]), [[1, a1, 79, 2], [2, a2, 61, 2]]);
    assert.deepEqual(rk.json.items[0].criteria.map((k) => [k.code, k.mean]), [['influence', 85], ['quality', 80], ['conversion', 65]]);
    assert.ok(!PERSONAL.test(rk.text), rk.text);
    assertError(await reviewer.get('/api/v1/exchange/ranking?division=5104'), 403);
    // replaced: a2 rises past a1
    assert.equal((await score(reviewer, a2, 100, 100, 100)).status, 200);
    rk = await admin.get('/api/v1/exchange/ranking?division=5104');
    assert.deepEqual(rk.json.items.map((x) => [x.activity_id, x.score]), [[a2, 80], [a1, 79]]);
    // closed: final
    const cl = await admin.post(`/api/v1/exchange/activities/${a2}/evaluation/close`);
    assert.equal(cl.status, 200, cl.text);
    assert.equal(cl.json.closed, true);
    assertError(await score(reviewer2, a2, 0, 0, 0), 409, 'evaluation_closed');
    const ev = await admin.get(`/api/v1/exchange/activities/${a2}/evaluation`);
    assert.equal(ev.json.score, 80);
    // a criterion scored stays in the rubric
    assertError(await admin.put('/api/v1/exchange/rubric', { ...rubric, criteria: [{ ...rubric.criteria[0], weight: 50 }, { ...rubric.criteria[1], weight: 50 }] }), 409, 'criterion_scored');

    // indicators of the partnership, per period
    const m = await admin.put('/api/v1/exchange/measures', { subject: 'partner', subject_id: partner, name: '互访团组', unit: '个', period: '2025', baseline: 1, target: 3, actual: null });
    assert.equal(m.status, 200, m.text);
    const m2 = await admin.put('/api/v1/exchange/measures', { subject: 'partner', subject_id: partner, name: '互访团组', unit: '个', period: '2025', baseline: 1, target: 3, actual: 2 });
    assert.equal(m2.json.id, m.json.id);
    assertError(await admin.put('/api/v1/exchange/measures', { subject: 'partner', subject_id: partner, name: '互访团组', period: '2025-Q5', baseline: 1, target: 3 }), 400, 'bad_period');
    const ms = await admin.get(`/api/v1/exchange/measures?subject=partner&subject_id=${partner}`);
    assert.deepEqual(ms.json.items.map((x) => [x.period, x.baseline, x.target, x.actual]), [['2025', 1, 3, 2]]);
    assertError(await citizen.get(`/api/v1/exchange/measures?subject=partner&subject_id=${partner}`), 403);

    // the partnerships ranked by the mean attainment of their indicators
    const p2 = await admin.post('/api/v1/exchange/partners', { division: '510402', name: '泰国清莱府', kind: 'local_government', scope: 'foreign', country: '泰国', city: '清莱' });
    assert.equal(p2.status, 201, p2.text);
    const put = (body) => admin.put('/api/v1/exchange/measures', { subject: 'partner', subject_id: p2.json.id, unit: '', ...body });
    assert.equal((await put({ name: '联合演出', period: '2025', baseline: 0, target: 10, actual: 8 })).status, 200); // 80%
    assert.equal((await put({ name: '游客人次', period: '2025', baseline: 100, target: 200, actual: null })).status, 200); // not known
    assert.equal((await put({ name: '联合演出', period: '2024', baseline: 0, target: 5, actual: 5 })).status, 200); // 100%
    let pr = await admin.get('/api/v1/exchange/ranking/partners?division=5104&period=2025');
    assert.equal(pr.status, 200, pr.text);
    assert.deepEqual(pr.json.items.map((x) => [x.rank, x.partner_id, x.attainment, x.known, x.measures.length]), [[1, p2.json.id, 80, 1, 2], [2, partner, 50, 1, 1]]);
    assert.deepEqual(pr.json.items[0].measures.map((x) => [x.name, x.attainment]), [['游客人次', null], ['联合演出', 80]]);
    pr = await admin.get('/api/v1/exchange/ranking/partners?division=5104');
    assert.deepEqual(pr.json.items.map((x) => [x.partner_id, x.attainment]), [[p2.json.id, 90], [partner, 50]]);
    pr = await admin.get('/api/v1/exchange/ranking/partners?division=510402&period=2025');
    assert.deepEqual(pr.json.items.map((x) => x.partner_id), [p2.json.id], 'the subtree asked');
    assertError(await admin.get('/api/v1/exchange/ranking/partners?division=5104&period=2025-13'), 400, 'bad_period');
    assertError(await reviewer.get('/api/v1/exchange/ranking/partners?division=5104'), 403);
  });

  it('finds a lesson learned by a Chinese word, and activities through the index', async () => {
    const body = {
      division: '5104', title: '巡演前做足当地观众调研', partner_id: partner, activity_id: a1, tags: ['滇剧', '字幕'],
      body: '圣塞巴斯蒂安的观众熟悉戏剧节，提前与当地剧院合作宣传，滇剧唱段配西语字幕，上座率明显提高。',
    };
    assertError(await citizen.post('/api/v1/exchange/lessons', body), 403);
    assertError(await admin.post('/api/v1/exchange/lessons', { ...body, title: '' }), 400, 'bad_title');
    const l = await admin.post('/api/v1/exchange/lessons', body);
    assert.equal(l.status, 201, l.text);
    assert.deepEqual(l.json.tags, ['滇剧', '字幕']);
    for (const q of ['滇剧', '西语字幕', '当地剧院合作']) {
      const r = await anon.get(`/api/v1/exchange/lessons?division=5104&q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items.map((x) => x.id), [l.json.id], `found by ${q}`);
      assert.ok(!PERSONAL.test(r.text), r.text);
    }
    const none = await anon.get(`/api/v1/exchange/lessons?division=5104&q=${encodeURIComponent('昆曲')}`);
    assert.equal(none.json.items.length, 0);
    const byTag = await anon.get(`/api/v1/exchange/lessons?division=5104&tag=${encodeURIComponent('字幕')}`);
    assert.equal(byTag.json.items.length, 1);
    for (const q of ['西班牙巡演', '选才记', '滇剧']) {
      const r = await anon.get(`/api/v1/exchange/activities?division=5104&q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.some((x) => x.id === a1), `activity found by ${q}`);
      assert.ok(!PERSONAL.test(r.text));
    }
  });
});
