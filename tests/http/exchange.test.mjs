// The exchange module through the API (src/mod/exchange, docs/exchange.md): the contract's
// partners with their agreements (paged, the owners for staff only) on the demo of 玉溪市; a tour
// of several stops written by staff, published through review and found by the public query in
// Chinese and English, by partner and by kind, with no personal data; the refusals; and the
// exchange indicators computed from the records the test writes (GET /api/v1/indicators).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup } from './lib.mjs';

const YUXI_ADMIN = { phone: '13900000041', password: 'Demo2026yx' }; // city_admin 5304
// what no public answer of the module may hold: people, phones, accounts
const PERSONAL = /"(author|created_by|phone|user_id|owner_ours|owner_theirs|name_masked)"|1[3-9]\d{9}/;

describe('exchange: partners, a tour through review, the public query, the indicators', () => {
  let srv, admin, yuxi, reviewer, citizen, anon, partner, tour;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, yuxi, reviewer, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, YUXI_ADMIN),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('lists 玉溪市\'s partners with their agreements, paged, the owners for its staff only', async () => {
    const seen = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const r = await anon.get(`/api/v1/exchange/partners?division=5304&limit=4${cursor}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length <= 4);
      seen.push(...r.json.items);
      if (!r.json.next_cursor) break;
      cursor = `&cursor=${r.json.next_cursor}`;
    }
    assert.equal(seen.length, 11);
    assert.equal(new Set(seen.map((p) => p.id)).size, 11, 'no partner twice across pages');
    const ss = seen.find((p) => p.name === '西班牙圣塞巴斯蒂安市');
    assert.equal(ss.kind, 'friendship_city');
    assert.equal(ss.scope, 'foreign');
    assert.deepEqual(ss.languages, ['es', 'eu']);
    assert.equal(ss.agreements.length, 1);
    assert.equal(ss.agreements[0].kind, 'friendship_city');
    assert.ok(!('owner_ours' in ss.agreements[0]), 'owners are not public');
    assert.ok(seen.find((p) => p.name === '北京顺义区' && p.scope === 'domestic'));
    assert.ok(!PERSONAL.test(JSON.stringify(seen)));
    const staff = await yuxi.get('/api/v1/exchange/partners?division=5304&limit=100');
    const ss2 = staff.json.items.find((p) => p.name === '西班牙圣塞巴斯蒂安市');
    assert.equal(ss2.agreements[0].owner_ours, '玉溪市人民政府外事办公室');
    // another city's admin is not 玉溪市's staff
    const other = await admin.get('/api/v1/exchange/partners?division=5304&limit=100');
    assert.ok(!('owner_ours' in other.json.items.find((p) => p.name === '西班牙圣塞巴斯蒂安市').agreements[0]));
    const intents = await anon.get('/api/v1/exchange/intents?division=5304');
    assert.equal(intents.status, 200, intents.text);
    assert.ok(intents.json.items.find((i) => i.partner.name === '老挝占巴塞省' && i.channel.sector === 'government'));
  });

  it('records a partner and an agreement by staff only, with clear refusals', async () => {
    const body = { division: '5104', name: '西班牙毕尔巴鄂市', name_en: 'Bilbao', kind: 'friendship_city', scope: 'foreign', country: '西班牙', city: '毕尔巴鄂', languages: ['es'] };
    assertError(await anon.post('/api/v1/exchange/partners', body), 401);
    assertError(await citizen.post('/api/v1/exchange/partners', body), 403);
    assertError(await yuxi.post('/api/v1/exchange/partners', body), 403, 'forbidden');
    assertError(await admin.post('/api/v1/exchange/partners', { ...body, kind: 'sister' }), 400, 'bad_kind');
    assertError(await admin.post('/api/v1/exchange/partners', { ...body, languages: 'es' }), 400);
    const r = await admin.post('/api/v1/exchange/partners', body);
    assert.equal(r.status, 201, r.text);
    partner = r.json.id;
    assertError(await admin.post(`/api/v1/exchange/partners/${partner}/agreements`, { kind: 'memorandum', title: '备忘录', signed_on: '2025-01-10', renew_on: '2024-01-10' }), 400, 'bad_renewal');
    const g = await admin.post(`/api/v1/exchange/partners/${partner}/agreements`, { kind: 'memorandum', title: '文化交流合作备忘录', signed_on: '2025-01-10', renew_on: '2030-01-10', owner_ours: '市文广旅局' });
    assert.equal(g.status, 201, g.text);
    const p = await anon.get(`/api/v1/exchange/partners/${partner}`);
    assert.equal(p.json.agreements[0].renew_on, '2030-01-10');
    assert.ok(!('owner_ours' in p.json.agreements[0]));
    assertError(await anon.get('/api/v1/exchange/partners/999999'), 404);
  });

  it('publishes a tour of several stops through review and finds it in the public query', async () => {
    const body = {
      division: '5104', title: '攀枝花阳光歌舞西班牙巡演', title_en: 'Panzhihua song and dance tour of Spain',
      summary: '攀枝花市歌舞团赴西班牙友好城市巡演', summary_en: 'A tour of the friendship cities in Spain',
      kind: 'tour', scope: 'international', starts_on: '2025-03-01', ends_on: '2025-03-20', participants: 40, audience: 5500, new_followers: 12,
      partners: [partner],
      stops: [
        { place: '维多利亚剧院', city: '毕尔巴鄂', country: '西班牙', starts_on: '2025-03-01', ends_on: '2025-03-03', shows: 2, audience: 1500 },
        { place: '市民广场', city: '马德里', country: '西班牙', starts_on: '2025-03-08', ends_on: '2025-03-10', shows: 2, audience: 2500 },
        { place: '音乐宫', city: '巴塞罗那', country: '西班牙', starts_on: '2025-03-18', ends_on: '2025-03-20', shows: 1, audience: 1500 },
      ],
    };
    assertError(await citizen.post('/api/v1/exchange/activities', body), 403);
    assertError(await admin.post('/api/v1/exchange/activities', { ...body, stops: [{ ...body.stops[0], ends_on: '2025-04-01' }] }), 400, 'bad_stop_dates');
    assertError(await admin.post('/api/v1/exchange/activities', { ...body, participants: -1 }), 400, 'bad_figure');
    const r = await admin.post('/api/v1/exchange/activities', body);
    assert.equal(r.status, 201, r.text);
    tour = r.json.id;
    assert.equal(r.json.status, 'draft');
    assert.deepEqual(r.json.stops.map((s) => [s.seq, s.city]), [[1, '毕尔巴鄂'], [2, '马德里'], [3, '巴塞罗那']]);
    // a draft is nobody's business but staff's
    assertError(await anon.get(`/api/v1/exchange/activities/${tour}`), 404);
    let q = await anon.get('/api/v1/exchange/activities?q=西班牙');
    assert.ok(!q.json.items.some((x) => x.id === tour));
    const s = await admin.post(`/api/v1/exchange/activities/${tour}/submit`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'pending');
    const queue = await reviewer.get('/api/v1/reviews?status=pending&limit=200');
    const item = queue.json.items.find((x) => x.content_type === 'exchange_activity' && x.content_id === tour);
    assert.ok(item, 'the tour waits for the city reviewer');
    const d = await reviewer.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    // found in Chinese and English, by partner and by kind
    for (const query of ['q=西班牙', 'q=SPAIN', 'q=friendship', `partner=${partner}`, `partner=${partner}&kind=tour&q=巡演`]) {
      q = await anon.get(`/api/v1/exchange/activities?${query}`);
      assert.equal(q.status, 200, q.text);
      const found = q.json.items.find((x) => x.id === tour);
      assert.ok(found, `found by ${query}`);
      assert.equal(found.stops.length, 3);
      assert.equal(found.partners[0].name, '西班牙毕尔巴鄂市');
      assert.ok(!PERSONAL.test(JSON.stringify(q.json)), `no personal data in ${query}`);
    }
    q = await anon.get(`/api/v1/exchange/activities?partner=${partner}&kind=festival`);
    assert.equal(q.json.items.length, 0);
    assertError(await anon.get('/api/v1/exchange/activities?kind=party'), 400, 'bad_kind');
    assertError(await anon.get('/api/v1/exchange/activities?partner=x'), 400, 'bad_partner');
    const one = await anon.get(`/api/v1/exchange/activities/${tour}`);
    assert.equal(one.status, 200, one.text);
    assert.ok(!PERSONAL.test(one.text));
    // the demo's tours of 玉溪市, in the public query of its subtree
    q = await anon.get('/api/v1/exchange/activities?division=5304&kind=tour&limit=100');
    assert.ok(q.json.items.find((x) => x.title === '《秘境云南》巡演'));
    assert.ok(q.json.items.find((x) => x.title === '花灯《山茶花红》巡演').stops.length === 2);
    // figures afterwards by staff only
    assertError(await citizen.put(`/api/v1/exchange/activities/${tour}/figures`, { participants: 41 }), 403);
    const f = await admin.put(`/api/v1/exchange/activities/${tour}/figures`, { media_reports: 6 });
    assert.equal(f.status, 200, f.text);
    assert.equal(f.json.media_reports, 6);
    assert.equal(f.json.participants, 40);
  });

  it('computes the exchange indicators from the records', async () => {
    const ch = await admin.post('/api/v1/exchange/channels', { division: '5104', name: '友好城市政府间交流', scope: 'international', sector: 'government', established_on: '2025-02-01' });
    assert.equal(ch.status, 201, ch.text);
    const late = await admin.post('/api/v1/exchange/channels', { division: '5104', name: '新设民间渠道', scope: 'domestic', sector: 'nongovernment', mass_art: true, established_on: '2026-02-01' });
    assert.equal(late.status, 201, late.text);
    const it1 = await admin.post('/api/v1/exchange/intents', { channel_id: ch.json.id, partner_id: partner, title: '互办文化周意向', reached_on: '2025-06-01' });
    assert.equal(it1.status, 201, it1.text);
    const r = await anon.get('/api/v1/indicators?division=5104&period=2025');
    assert.equal(r.status, 200, r.text);
    const by = (code) => r.json.items.find((i) => i.code === code);
    const expect = {
      'exchange.channels_international': 1,
      'exchange.channels_domestic': 0,
      'exchange.intents_government': 1,
      'exchange.intents_nongovernment': 0,
      'exchange.tours_international': 1,
      'exchange.tours_domestic': 0,
      // the tour's participants were recorded long after its end (at its writing, today)
      'exchange.system_use': 0,
      'exchange.followers_per_participant': 30,
    };
    for (const [code, value] of Object.entries(expect)) {
      const i = by(code);
      assert.ok(i, `${code} is listed`);
      assert.equal(i.source, 'computed', code);
      assert.equal(i.value, value, code);
    }
    // an activity that ended two days ago, its participants recorded now: within 30 days
    const ended = new Date(Date.now() + 8 * 3600e3 - 2 * 86400e3).toISOString().slice(0, 10);
    const recent = await admin.post('/api/v1/exchange/activities', {
      division: '5104', title: '攀枝花文化周', kind: 'culture_week', scope: 'domestic', starts_on: ended, ends_on: ended, participants: 120,
    });
    assert.equal(recent.status, 201, recent.text);
    const r2 = await anon.get(`/api/v1/indicators?division=5104&period=${ended.slice(0, 4)}`);
    assert.equal(r2.json.items.find((i) => i.code === 'exchange.system_use').value, 100);
  });
  it('alerts staff to a dormant partner and an agreement due for renewal; refuses others', async () => {
    const p = await admin.post('/api/v1/exchange/partners', {
      division: '5104', name: '久未往来的友好城市', kind: 'friendship_city', scope: 'foreign', country: '葡萄牙', city: '科英布拉', since: '2015-01-01',
    });
    assert.equal(p.status, 201, p.text);
    const renew = new Date(Date.now() + 8 * 3600e3 + 30 * 86400e3).toISOString().slice(0, 10);
    const g = await admin.post(`/api/v1/exchange/partners/${p.json.id}/agreements`, {
      kind: 'memorandum', title: '文化合作备忘录', signed_on: '2016-03-01', renew_on: renew,
    });
    assert.equal(g.status, 201, g.text);
    const mine = [];
    let cursor = '';
    for (let page = 0; page < 20; page++) {
      const r = await admin.get(`/api/v1/exchange/alerts?division=5104&limit=2${cursor}`);
      assert.equal(r.status, 200, r.text);
      mine.push(...r.json.items.filter((a) => a.partner_id === p.json.id));
      if (!r.json.next_cursor) break;
      cursor = `&cursor=${r.json.next_cursor}`;
    }
    assert.deepEqual(mine.map((a) => a.kind), ['dormant', 'renewal_due']);
    assert.equal(mine[0].last_contact, '2016-03-01');
    assert.equal(mine[1].agreement_id, g.json.id);
    assert.equal(mine[1].renew_on, renew);
    assertError(await citizen.get('/api/v1/exchange/alerts?division=5104'), 403);
    assertError(await anon.get('/api/v1/exchange/alerts?division=5104'), 401);
    assertError(await yuxi.get('/api/v1/exchange/alerts?division=5104'), 403);
    assertError(await admin.get('/api/v1/exchange/alerts?division=51x'), 400, 'bad_division');
  });
});
