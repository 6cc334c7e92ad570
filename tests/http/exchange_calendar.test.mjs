// The exchange module's coordination calendar, funds, delegations and changes through the API
// (src/mod/exchange/calendar.h, docs/exchange.md): a plan clashing with another plan of the same
// partner in overlapping periods is written with a warning, listed on the calendar for staff
// and not shown to the public; a county's plan approved by the city reviewer, refused to a
// reviewer who wrote it, then on the public calendar and its iCalendar export; funds and their
// totals; a delegation's people absent from every public answer; PATCH checked whole.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, freshPhone } from './lib.mjs';

const PASSWORD = 'Secure2026pw';

describe('exchange: the calendar, plans through review, funds, delegations, changes', () => {
  let srv, admin, district, reviewer, anon, partner, planA;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district, reviewer] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.cityReviewer),
    ]);
    anon = new Client(srv.base);
    const r = await admin.post('/api/v1/exchange/partners', {
      division: '5104', name: '日历测试友城', kind: 'friendship_city', scope: 'foreign', country: '西班牙', city: '毕尔巴鄂',
    });
    assert.equal(r.status, 201, r.text);
    partner = r.json.id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const plan = (division, title, from, to) => ({
    division, unit: '东区文化馆', title, kind: 'culture_week', starts_on: from, ends_on: to, partners: [partner],
  });

  it('warns of a plan with the same partner in an overlapping period, and lists it for staff only', async () => {
    const a = await district.post('/api/v1/exchange/plans', plan('510402', '东区西班牙文化周', '2027-05-01', '2027-05-07'));
    assert.equal(a.status, 201, a.text);
    assert.equal(a.json.status, 'draft');
    assert.deepEqual(a.json.warnings, []);
    planA = a.json.id;
    const b = await admin.post('/api/v1/exchange/plans', plan('5104', '全市西班牙文化月', '2027-05-07', '2027-05-31'));
    assert.equal(b.status, 201, b.text);
    assert.equal(b.json.warnings.length, 1);
    const w = b.json.warnings[0];
    assert.equal(w.reason, 'same_partner');
    assert.equal(w.with, 'plan');
    assert.equal(w.id, planA);
    assert.equal(w.partner.id, partner);
    // bad input writes nothing
    assertError(await district.post('/api/v1/exchange/plans', plan('510402', '倒置', '2027-05-08', '2027-05-01')), 400, 'bad_dates');
    assertError(await district.post('/api/v1/exchange/plans', plan('5104', '越权', '2027-05-08', '2027-05-09')), 403);
    const cal = await admin.get('/api/v1/exchange/calendar?division=5104&from=2027-05-01&to=2027-05-31');
    assert.equal(cal.status, 200, cal.text);
    assert.equal(cal.json.all_states, true);
    assert.equal(cal.json.items.length, 2);
    assert.equal(cal.json.warned, 2);
    assert.equal(cal.json.items[0].id, planA);
    assert.equal(cal.json.items[0].warnings[0].id, b.json.id);
    const pub = await anon.get('/api/v1/exchange/calendar?division=5104&from=2027-05-01&to=2027-05-31');
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.all_states, false);
    assert.deepEqual(pub.json.items, []);
    assertError(await anon.get(`/api/v1/exchange/plans/${planA}`), 404, 'not_found');
    assertError(await anon.get('/api/v1/exchange/calendar?division=5104&from=2027-05-01'), 400, 'bad_date');
  });

  it('has a county plan approved by the city reviewer, never by the reviewer who wrote it', async () => {
    // a city reviewer who is also a district admin of 东区 writes and submits a plan
    const phone = freshPhone();
    const acc = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '兼职审核员', role: 'reviewer', division: '5104' });
    assert.equal(acc.status, 201, acc.text);
    const g = await admin.post(`/api/v1/accounts/${acc.json.id}/roles`, { role: 'district_admin', division: '510402' });
    assert.ok(g.status === 200 || g.status === 201, g.text);
    const both = await loginAs(srv.base, { phone, password: PASSWORD });
    const own = await both.post('/api/v1/exchange/plans', plan('510402', '自审计划', '2027-08-01', '2027-08-02'));
    assert.equal(own.status, 201, own.text);
    assert.equal((await both.post(`/api/v1/exchange/plans/${own.json.id}/submit`)).status, 200);
    const queue = async (c) => (await c.get('/api/v1/reviews?status=pending&limit=200')).json.items;
    const ownItem = (await queue(both)).find((x) => x.content_type === 'exchange_plan' && x.content_id === own.json.id);
    assert.ok(ownItem);
    assertError(await both.post(`/api/v1/reviews/${ownItem.id}/decision`, { decision: 'approve' }), 403, 'own_submission');
    // 东区's plan: submitted by its admin, approved by the city reviewer at once
    const s = await district.post(`/api/v1/exchange/plans/${planA}/submit`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'pending');
    const item = (await queue(reviewer)).find((x) => x.content_type === 'exchange_plan' && x.content_id === planA);
    assert.ok(item, 'the plan waits for the city');
    const d = await reviewer.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    const pub = await anon.get('/api/v1/exchange/calendar?division=5104&from=2027-05-01&to=2027-05-31');
    assert.equal(pub.json.items.length, 1);
    assert.equal(pub.json.items[0].id, planA);
    assert.equal(pub.json.items[0].status, 'published');
    assert.ok(!('warnings' in pub.json.items[0]), 'warnings are for staff');
    const one = await anon.get(`/api/v1/exchange/plans/${planA}`);
    assert.equal(one.status, 200);
    const ics = await anon.get('/api/v1/exchange/calendar.ics?division=5104&from=2027-01-01&to=2027-12-31');
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type'), /text\/calendar/);
    assert.match(ics.text, /BEGIN:VCALENDAR/);
    assert.match(ics.text, /SUMMARY:东区西班牙文化周/);
    assert.match(ics.text, /DTSTART;VALUE=DATE:20270501/);
    assert.match(ics.text, /DTEND;VALUE=DATE:20270508/);
    assert.doesNotMatch(ics.text, /全市西班牙文化月/, 'a draft is not exported');
  });

  let activity;
  it('records funds and sponsorship and totals them per activity and per period', async () => {
    const a = await admin.post('/api/v1/exchange/activities', {
      division: '5104', title: '攀枝花歌舞团西班牙巡演', kind: 'tour', scope: 'international', starts_on: '2026-03-01', ends_on: '2026-03-10', partners: [partner],
    });
    assert.equal(a.status, 201, a.text);
    activity = a.json.id;
    const fund = (body) => admin.post(`/api/v1/exchange/activities/${activity}/funds`, body);
    assert.equal((await fund({ kind: 'grant', sponsor: '省文化和旅游厅', amount_fen: 3000000, given_on: '2026-02-01' })).status, 201);
    assert.equal((await fund({ kind: 'donation', sponsor: '某企业', in_kind: '演出服装五十套', value_fen: 450000, given_on: '2026-02-10' })).status, 201);
    assertError(await fund({ kind: 'loan', sponsor: '某银行', amount_fen: 100, given_on: '2026-02-10' }), 400, 'bad_kind');
    assertError(await fund({ kind: 'grant', sponsor: '某单位', given_on: '2026-02-10' }), 400, 'amount_required');
    assertError(await fund({ kind: 'grant', sponsor: '某单位', amount_fen: -5, given_on: '2026-02-10' }), 400, 'bad_amount');
    assertError(await district.post(`/api/v1/exchange/activities/${activity}/funds`, { kind: 'grant', sponsor: 'x', amount_fen: 1, given_on: '2026-02-10' }), 403);
    const list = await admin.get(`/api/v1/exchange/activities/${activity}/funds`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.items.length, 2);
    assert.deepEqual(list.json.total, { amount_fen: 3000000, value_fen: 450000, total_fen: 3450000 });
    const t = await admin.get('/api/v1/exchange/funds/totals?division=5104&from=2026-01-01&to=2026-12-31');
    assert.equal(t.status, 200, t.text);
    assert.equal(t.json.total.count, 2);
    assert.equal(t.json.total.total_fen, 3450000);
    assert.deepEqual(t.json.kinds.map((k) => k.kind), ['donation', 'grant']);
    const feb1 = await admin.get('/api/v1/exchange/funds/totals?division=5104&from=2026-02-01&to=2026-02-05');
    assert.equal(feb1.json.total.total_fen, 3000000);
    assertError(await anon.get(`/api/v1/exchange/activities/${activity}/funds`), 401);
  });

  it('keeps a delegation\'s people out of every public answer', async () => {
    const add = (body) => admin.post(`/api/v1/exchange/activities/${activity}/delegation`, body);
    assert.equal((await add({ kind: 'troupe', name: '攀枝花市歌舞团', role: '演出' })).status, 201);
    assert.equal((await add({ kind: 'person', name: '李秘书长', role: '团长', organisation: '攀枝花市文化广电旅游局' })).status, 201);
    assert.equal((await admin.post(`/api/v1/exchange/activities/${activity}/submit`)).status, 200);
    const item = (await reviewer.get('/api/v1/reviews?status=pending&limit=200')).json.items
      .find((x) => x.content_type === 'exchange_activity' && x.content_id === activity);
    assert.equal((await reviewer.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    const staff = await admin.get(`/api/v1/exchange/activities/${activity}/delegation`);
    assert.equal(staff.status, 200, staff.text);
    assert.equal(staff.json.people[0].name, '李秘书长');
    const answers = [
      await anon.get(`/api/v1/exchange/activities/${activity}/delegation`),
      await anon.get(`/api/v1/exchange/activities/${activity}`),
      await anon.get('/api/v1/exchange/activities?division=5104&q=西班牙巡演'),
    ];
    for (const r of answers) {
      assert.equal(r.status, 200, r.text);
      assert.doesNotMatch(r.text, /李秘书长/);
    }
    assert.equal(answers[0].json.troupes[0].name, '攀枝花市歌舞团');
    assert.ok(!('people' in answers[0].json));
    assert.ok(answers[2].json.items.some((x) => x.id === activity));
  });

  it('attaches a programme and a photo through the core attachments, served with the activity', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const up = (kind, name, body, type) => admin.request('POST', `/api/v1/exchange/activities/${activity}/attachments?kind=${kind}&name=${encodeURIComponent(name)}`,
      { body, headers: { 'Content-Type': type } });
    const photo = await up('photo', '演出.png', png, 'image/png');
    assert.equal(photo.status, 201, photo.text);
    assert.equal(photo.json.kind, 'photo');
    const prog = await up('programme', '节目单.pdf', Buffer.from('%PDF-1.4 节目单'), 'application/pdf');
    assert.equal(prog.status, 201, prog.text);
    assertError(await up('poster', 'x.png', png, 'image/png'), 400, 'bad_kind');
    assertError(await up('photo', '假照片.png', Buffer.from('not an image'), 'image/png'), 400, 'bad_content_type');
    assertError(await district.request('POST', `/api/v1/exchange/activities/${activity}/attachments?kind=press&name=a.txt`,
      { body: 'x', headers: { 'Content-Type': 'text/plain' } }), 403);
    const list = await anon.get(`/api/v1/exchange/activities/${activity}/attachments`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((a) => a.kind).sort(), ['photo', 'programme']);
    const file = await anon.get(list.json.items.find((a) => a.kind === 'photo').url);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
  });

  it('changes a partner, an agreement, a channel and an intent, checked whole; deletes only what nothing names', async () => {
    const ag = await admin.post(`/api/v1/exchange/partners/${partner}/agreements`, { kind: 'memorandum', title: '合作备忘录', signed_on: '2024-02-01', renew_on: '2029-02-01' });
    const ch = await admin.post('/api/v1/exchange/channels', { division: '5104', name: '友城渠道', scope: 'international', sector: 'government', established_on: '2024-01-15' });
    const it = await admin.post('/api/v1/exchange/intents', { channel_id: ch.json.id, partner_id: partner, title: '互访意向', reached_on: '2024-03-01' });
    assertError(await admin.request('PATCH', `/api/v1/exchange/partners/${partner}`, { json: { name: '改名', kind: 'sister' } }), 400, 'bad_kind');
    assertError(await admin.request('PATCH', `/api/v1/exchange/partners/${partner}`, { json: { city: '' } }), 400, 'city_required');
    assertError(await admin.request('PATCH', `/api/v1/exchange/partners/${partner}`, { json: {} }), 400, 'bad_body');
    assertError(await district.request('PATCH', `/api/v1/exchange/partners/${partner}`, { json: { name: '改名' } }), 403);
    let p = await anon.get(`/api/v1/exchange/partners/${partner}`);
    assert.equal(p.json.name, '日历测试友城', 'refused changes change nothing');
    assert.equal((await admin.request('PATCH', `/api/v1/exchange/partners/${partner}`, { json: { name: '毕尔巴鄂市', since: '2019-06-01' } })).status, 200);
    p = await anon.get(`/api/v1/exchange/partners/${partner}`);
    assert.equal(p.json.name, '毕尔巴鄂市');
    assert.equal(p.json.since, '2019-06-01');
    assert.equal(p.json.city, '毕尔巴鄂');
    assertError(await admin.request('PATCH', `/api/v1/exchange/agreements/${ag.json.id}`, { json: { renew_on: '2020-01-01' } }), 400, 'bad_renewal');
    assert.equal((await admin.request('PATCH', `/api/v1/exchange/agreements/${ag.json.id}`, { json: { renew_on: null } })).status, 200);
    p = await anon.get(`/api/v1/exchange/partners/${partner}`);
    assert.equal(p.json.agreements[0].renew_on, null);
    assertError(await admin.request('PATCH', `/api/v1/exchange/channels/${ch.json.id}`, { json: { mass_art: 'yes' } }), 400, 'bad_body');
    assertError(await admin.request('PATCH', `/api/v1/exchange/channels/${ch.json.id}`, { json: { established_on: '2024-02-30' } }), 400, 'bad_date');
    assert.equal((await admin.request('PATCH', `/api/v1/exchange/channels/${ch.json.id}`, { json: { mass_art: true } })).status, 200);
    assertError(await admin.request('PATCH', `/api/v1/exchange/intents/${it.json.id}`, { json: { title: '' } }), 400, 'bad_title');
    assertError(await admin.request('PATCH', `/api/v1/exchange/intents/${it.json.id}`, { json: { partner_id: 999999 } }), 400, 'unknown_partner');
    assert.equal((await admin.request('PATCH', `/api/v1/exchange/intents/${it.json.id}`, { json: { title: '互访意向书' } })).status, 200);
    const intents = await anon.get('/api/v1/exchange/intents?division=5104&limit=100');
    assert.ok(intents.json.items.some((x) => x.id === it.json.id && x.title === '互访意向书'));
    assertError(await admin.request('DELETE', `/api/v1/exchange/channels/${ch.json.id}`), 409, 'in_use');
    assert.equal((await admin.request('DELETE', `/api/v1/exchange/intents/${it.json.id}`)).status, 200);
    assert.equal((await admin.request('DELETE', `/api/v1/exchange/channels/${ch.json.id}`)).status, 200);
    assertError(await admin.request('DELETE', `/api/v1/exchange/channels/${ch.json.id}`), 404);
  });
});
