// The exchange module's later changes and annual programmes through the API
// (src/mod/exchange/amend.h, docs/exchange.md): a partner or an agreement named by other records
// is refused deletion (409 in_use) and deleted once free; a draft activity's text, partners and
// stops change while a pending one is refused (409 not_editable); a plan changed and withdrawn
// from review; funds, delegates, attachments and lessons changed or deleted; an evaluation
// reopened by the city's staff only; an agreement's annual programme with its late item among the
// alerts; every refusal changes nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, newExchangePartner } from './lib.mjs';

describe('exchange: changing and deleting records, annual programmes', () => {
  let srv, admin, district, anon;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district] = await Promise.all([loginAs(srv.base, DEMO.cityAdmin), loginAs(srv.base, DEMO.districtAdmin)]);
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const newPartner = (name) => newExchangePartner(admin, name, '意大利');
  const newActivity = async (client, division, partners, title = '修改测试巡演') => {
    const r = await client.post('/api/v1/exchange/activities', {
      division, title, kind: 'tour', scope: 'international', starts_on: '2026-03-01', ends_on: '2026-03-10', partners,
      stops: [{ place: '剧院', city: '米兰', country: '意大利', starts_on: '2026-03-02', ends_on: '2026-03-03', shows: 2, audience: 800 }],
    });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };

  it('refuses to delete a partner or an agreement that other records name, and deletes them once free', async () => {
    const p = await newPartner('维罗纳');
    const g = await admin.post(`/api/v1/exchange/partners/${p}/agreements`, {
      kind: 'memorandum', title: '维罗纳备忘录', signed_on: '2025-06-01',
    });
    assert.equal(g.status, 201, g.text);
    const f = await admin.post('/api/v1/exchange/followups', {
      agreement_id: g.json.id, kind: 'return_visit', title: '回访维罗纳', due_on: '2026-12-01',
    });
    assert.equal(f.status, 201, f.text);
    assertError(await admin.delete(`/api/v1/exchange/agreements/${g.json.id}`), 409, 'in_use');
    assertError(await admin.delete(`/api/v1/exchange/partners/${p}`), 409, 'in_use');
    assertError(await district.delete(`/api/v1/exchange/agreements/${g.json.id}`), 403);
    assertError(await anon.delete(`/api/v1/exchange/partners/${p}`), 401);
    // still there
    const still = await anon.get(`/api/v1/exchange/partners/${p}`);
    assert.equal(still.status, 200, still.text);
    assert.equal(still.json.agreements.length, 1);
    // a partner with nothing naming it goes, and is gone
    const lone = await newPartner('帕多瓦');
    const del = await admin.delete(`/api/v1/exchange/partners/${lone}`);
    assert.equal(del.status, 200, del.text);
    assertError(await anon.get(`/api/v1/exchange/partners/${lone}`), 404);
    assertError(await admin.delete(`/api/v1/exchange/partners/${lone}`), 404);
    // an agreement without follow-ups or programme goes
    const g2 = await admin.post(`/api/v1/exchange/partners/${p}/agreements`, {
      kind: 'memorandum', title: '误录的协议', signed_on: '2025-07-01',
    });
    assert.equal((await admin.delete(`/api/v1/exchange/agreements/${g2.json.id}`)).status, 200);
    const after = await anon.get(`/api/v1/exchange/partners/${p}`);
    assert.deepEqual(after.json.agreements.map((a) => a.title), ['维罗纳备忘录']);
  });

  it('changes a draft activity\'s text, partners and stops, and refuses a pending one', async () => {
    const p1 = await newPartner('都灵');
    const p2 = await newPartner('热那亚');
    const id = await newActivity(admin, '5104', [p1]);
    assertError(await admin.patch(`/api/v1/exchange/activities/${id}`, {}), 400, 'bad_body');
    assertError(await admin.patch(`/api/v1/exchange/activities/${id}`, { ends_on: '2026-02-01' }), 400, 'bad_dates');
    assertError(await admin.patch(`/api/v1/exchange/activities/${id}`, { partners: [p1, p1] }), 400, 'bad_partners');
    assertError(await district.patch(`/api/v1/exchange/activities/${id}`, { title: '越权' }), 403);
    let x = await admin.get(`/api/v1/exchange/activities/${id}`);
    assert.equal(x.json.title, '修改测试巡演');
    const ok = await admin.patch(`/api/v1/exchange/activities/${id}`, {
      title: '意大利巡演', summary_en: 'A tour of Italy', partners: [p2, p1],
      stops: [
        { place: '歌剧院', city: '热那亚', country: '意大利', starts_on: '2026-03-04', ends_on: '2026-03-05', shows: 1, audience: 500 },
        { place: '剧场', city: '都灵', country: '意大利', starts_on: '2026-03-06', ends_on: '2026-03-07', shows: 3, audience: 900 },
      ],
    });
    assert.equal(ok.status, 200, ok.text);
    x = await admin.get(`/api/v1/exchange/activities/${id}`);
    assert.equal(x.json.title, '意大利巡演');
    assert.equal(x.json.summary_en, 'A tour of Italy');
    assert.equal(x.json.kind, 'tour');
    assert.deepEqual(x.json.partners.map((q) => q.id).sort(), [p1, p2].sort());
    assert.deepEqual(x.json.stops.map((s) => [s.seq, s.city]), [[1, '热那亚'], [2, '都灵']]);
    // stops outside new dates are refused whole
    assertError(await admin.patch(`/api/v1/exchange/activities/${id}`, { starts_on: '2026-03-05' }), 400, 'bad_stop_dates');
    const sub = await admin.post(`/api/v1/exchange/activities/${id}/submit`);
    assert.equal(sub.status, 200, sub.text);
    assertError(await admin.patch(`/api/v1/exchange/activities/${id}`, { title: '送审后修改' }), 409, 'not_editable');
    x = await admin.get(`/api/v1/exchange/activities/${id}`);
    assert.equal(x.json.title, '意大利巡演');
  });

  it('changes a plan, withdraws a pending one from review, keeps an approved one', async () => {
    const p = await newPartner('博洛尼亚');
    const pl = await district.post('/api/v1/exchange/plans', {
      division: '510402', unit: '东区文化馆', title: '博洛尼亚文化周', kind: 'culture_week',
      starts_on: '2027-09-01', ends_on: '2027-09-07', partners: [p],
    });
    assert.equal(pl.status, 201, pl.text);
    const id = pl.json.id;
    const ch = await district.patch(`/api/v1/exchange/plans/${id}`, { title: '博洛尼亚文化月', ends_on: '2027-09-30', partners: [] });
    assert.equal(ch.status, 200, ch.text);
    let got = await district.get(`/api/v1/exchange/plans/${id}`);
    assert.equal(got.json.title, '博洛尼亚文化月');
    assert.equal(got.json.ends_on, '2027-09-30');
    assert.deepEqual(got.json.partners, []);
    assertError(await district.patch(`/api/v1/exchange/plans/${id}`, { kind: 'party' }), 400, 'bad_kind');
    assert.equal((await district.post(`/api/v1/exchange/plans/${id}/submit`)).json.status, 'pending');
    assertError(await district.patch(`/api/v1/exchange/plans/${id}`, { title: '待审改' }), 409, 'not_editable');
    const w = await district.delete(`/api/v1/exchange/plans/${id}`);
    assert.equal(w.status, 200, w.text);
    assertError(await district.get(`/api/v1/exchange/plans/${id}`), 404);
    const pending = await admin.get('/api/v1/reviews?status=pending');
    assert.ok(!pending.json.items.some((r) => r.content_type === 'exchange_plan' && r.content_id === id));
  });

  it('changes and deletes funds, members of a delegation, attachments and lessons', async () => {
    const id = await newActivity(admin, '5104', []);
    const fu = await admin.post(`/api/v1/exchange/activities/${id}/funds`, { kind: 'grant', sponsor: '省文旅厅', amount_fen: 500000, given_on: '2026-02-01' });
    assert.equal(fu.status, 201, fu.text);
    assertError(await admin.patch(`/api/v1/exchange/funds/${fu.json.id}`, { amount_fen: 0 }), 400, 'amount_required');
    assertError(await district.patch(`/api/v1/exchange/funds/${fu.json.id}`, { amount_fen: 1 }), 403);
    assert.equal((await admin.patch(`/api/v1/exchange/funds/${fu.json.id}`, { amount_fen: 800000, sponsor: '省文化和旅游厅' })).status, 200);
    let funds = await admin.get(`/api/v1/exchange/activities/${id}/funds`);
    assert.equal(funds.json.total.amount_fen, 800000);
    assert.equal(funds.json.items[0].sponsor, '省文化和旅游厅');
    assert.equal((await admin.delete(`/api/v1/exchange/funds/${fu.json.id}`)).status, 200);
    funds = await admin.get(`/api/v1/exchange/activities/${id}/funds`);
    assert.deepEqual(funds.json.items, []);

    const d = await admin.post(`/api/v1/exchange/activities/${id}/delegation`, { kind: 'person', name: '王小明', role: '领队' });
    assert.equal(d.status, 201, d.text);
    assertError(await admin.patch(`/api/v1/exchange/delegates/${d.json.id}`, { kind: 'band' }), 400, 'bad_kind');
    assert.equal((await admin.patch(`/api/v1/exchange/delegates/${d.json.id}`, { role: '团长' })).status, 200);
    let del = await admin.get(`/api/v1/exchange/activities/${id}/delegation`);
    assert.equal(del.json.people[0].role, '团长');
    assert.equal((await admin.delete(`/api/v1/exchange/delegates/${d.json.id}`)).status, 200);
    del = await admin.get(`/api/v1/exchange/activities/${id}/delegation`);
    assert.deepEqual(del.json.people, []);

    const up = await admin.request('POST', `/api/v1/exchange/activities/${id}/attachments?kind=programme&name=${encodeURIComponent('节目单.pdf')}`,
      { body: Buffer.from('%PDF-1.4 节目单'), headers: { 'Content-Type': 'application/pdf' } });
    assert.equal(up.status, 201, up.text);
    // the city's draft does not exist for the district
    assertError(await district.delete(`/api/v1/exchange/attachments/${up.json.id}`), 404);
    assert.equal((await admin.delete(`/api/v1/exchange/attachments/${up.json.id}`)).status, 200);
    const list = await admin.get(`/api/v1/exchange/activities/${id}/attachments`);
    assert.deepEqual(list.json.items, []);

    const l = await admin.post('/api/v1/exchange/lessons', { division: '5104', title: '先做观众调研', body: '巡演前调研当地观众', tags: ['巡演'] });
    assert.equal(l.status, 201, l.text);
    assertError(await admin.patch(`/api/v1/exchange/lessons/${l.json.id}`, { tags: ['a,b'] }), 400, 'bad_tags');
    assert.equal((await admin.patch(`/api/v1/exchange/lessons/${l.json.id}`, { title: '巡演前先做观众调研', tags: ['巡演', '调研'] })).status, 200);
    let found = await anon.get(`/api/v1/exchange/lessons?division=5104&tag=${encodeURIComponent('调研')}`);
    assert.deepEqual(found.json.items.map((x) => x.title), ['巡演前先做观众调研']);
    assert.equal((await admin.delete(`/api/v1/exchange/lessons/${l.json.id}`)).status, 200);
    found = await anon.get(`/api/v1/exchange/lessons?division=5104&tag=${encodeURIComponent('调研')}`);
    assert.deepEqual(found.json.items, []);

    const m = await admin.put('/api/v1/exchange/measures', { subject: 'activity', subject_id: id, name: '观众', period: '2026', baseline: 0, target: 1000 });
    assert.ok(m.status === 200 || m.status === 201, m.text);
    assert.equal((await admin.delete(`/api/v1/exchange/measures/${m.json.id}`)).status, 200);
    const ms = await admin.get(`/api/v1/exchange/measures?subject=activity&subject_id=${id}`);
    assert.deepEqual(ms.json.items, []);
  });

  it('reopens a closed evaluation for the city\'s staff only, with a reason', async () => {
    const id = await newActivity(district, '510402', [], '东区评估活动');
    assert.equal((await district.post(`/api/v1/exchange/activities/${id}/evaluation/close`)).status, 200);
    assertError(await district.post(`/api/v1/exchange/activities/${id}/evaluation/reopen`, { reason: '想改分' }), 403);
    assertError(await admin.post(`/api/v1/exchange/activities/${id}/evaluation/reopen`, { reason: '' }), 400, 'bad_reason');
    const r = await admin.post(`/api/v1/exchange/activities/${id}/evaluation/reopen`, { reason: '评审专家补评' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.closed, false);
    assertError(await admin.post(`/api/v1/exchange/activities/${id}/evaluation/reopen`, { reason: '再开' }), 409, 'evaluation_open');
    // closed again afterwards
    assert.equal((await district.post(`/api/v1/exchange/activities/${id}/evaluation/close`)).status, 200);
  });

  it('keeps an agreement\'s annual programme and alerts on an item whose month has passed undone', async () => {
    const p = await newPartner('佛罗伦萨');
    const g = await admin.post(`/api/v1/exchange/partners/${p}/agreements`, { kind: 'friendship_city', title: '佛罗伦萨友城协议', signed_on: '2024-05-01', owner_ours: '外事办' });
    assert.equal(g.status, 201, g.text);
    const base = `/api/v1/exchange/agreements/${g.json.id}/programme`;
    assertError(await admin.post(base, { year: 2025, month: 13, title: '互访' }), 400, 'bad_month');
    assertError(await admin.post(base, { year: 2025, month: 3, title: '互访', owner: '张三 13812345678' }), 400, 'owner_phone');
    assertError(await district.post(base, { year: 2025, month: 3, title: '越权' }), 403);
    const late = await admin.post(base, { year: 2025, month: 3, title: '艺术团互访', owner: '市外事办' });
    assert.equal(late.status, 201, late.text);
    const next = await admin.post(base, { year: 2099, month: 6, title: '文化周' });
    assert.equal(next.status, 201, next.text);
    const staff = await admin.get(`${base}?year=2025`);
    assert.deepEqual(staff.json.items.map((i) => [i.title, i.month, i.status, i.owner]), [['艺术团互访', 3, 'planned', '市外事办']]);
    const pub = await anon.get(base);
    assert.equal(pub.json.items.length, 2);
    assert.ok(!('owner' in pub.json.items[0]));
    // the late item is an alert of the partner
    let alerts = await admin.get('/api/v1/exchange/alerts?division=5104&limit=100');
    const mine = () => alerts.json.items.filter((a) => a.partner_id === p && a.kind === 'programme_overdue');
    assert.deepEqual(mine().map((a) => [a.programme_id, a.month, a.agreement_id]), [[late.json.id, '2025-03', g.json.id]]);
    // an activity is named only when done, and of the same city
    const act = await newActivity(admin, '5104', [p], '佛罗伦萨互访');
    assertError(await admin.patch(`/api/v1/exchange/programme/${late.json.id}`, { activity_id: act }), 422, 'not_done');
    assert.equal((await admin.patch(`/api/v1/exchange/programme/${late.json.id}`, { status: 'done', activity_id: act })).status, 200);
    const done = await anon.get(`${base}?year=2025`);
    assert.equal(done.json.items[0].status, 'done');
    assert.equal(done.json.items[0].activity_id, act);
    alerts = await admin.get('/api/v1/exchange/alerts?division=5104&limit=100');
    assert.deepEqual(mine(), []);
    // an agreement with a programme is not deleted; its item is
    assertError(await admin.delete(`/api/v1/exchange/agreements/${g.json.id}`), 409, 'in_use');
    assert.equal((await admin.delete(`/api/v1/exchange/programme/${next.json.id}`)).status, 200);
    assert.equal((await anon.get(base)).json.items.length, 1);
  });
});
