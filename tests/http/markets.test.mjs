// Culture markets (文化市集) over HTTP: an organiser writes a market with its stall plan and
// quotas and publishes it through review; stall-holders apply (a food stall with its licence
// attached); the panel scores, never its own; the organiser decides once applications close:
// accepted and reserve lists, a reserve promoted when an accepted stall-holder withdraws;
// stalls proposed under the rules, a move that breaks one refused, the map published with a
// public list that carries nothing personal; the check-in on the day; and the pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loginAs, assertError, DEMO, Client, freshPhone, runCli, tempDir, cleanup } from './lib.mjs';

const HOUR = 3600 * 1000;
const VALUE = 'fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671';
// the notifications of the markets' kinds about one application in c's inbox
const notesOf = async (c, app) => (await c.get('/api/v1/me/notifications?limit=100')).json.items
  .filter((n) => n.kind.startsWith('market.') && n.application_id === app);
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7d605b30000000049454e44ae426082', 'hex');

const stalls = [
  { number: 'A1', row: 'A', position: 1, power: true, water: true, near_entrance: true, zone: '入口' },
  { number: 'A2', row: 'A', position: 2 },
  { number: 'A3', row: 'A', position: 3 },
  { number: 'B1', row: 'B', position: 1, power: true, water: true },
  { number: 'B2', row: 'B', position: 2 },
  { number: 'B3', row: 'B', position: 3 },
];

describe('culture markets', () => {
  let srv, anon, district, rvEast, rvCity, city, closes, dir;
  const people = [];
  let market;
  const apps = {};

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    anon = new Client(srv.base);
    [district, rvEast, rvCity, city] = await Promise.all([
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.cityAdmin),
    ]);
    for (let i = 0; i < 4; i++) {
      const phone = freshPhone();
      const r = await city.post('/api/v1/accounts', { phone, password: 'Stall2026pw', name: `摊主${i}`, role: 'citizen', division: '510402001' });
      assert.equal(r.status, 201, r.text);
      people.push(await loginAs(srv.base, { phone, password: 'Stall2026pw' }));
      people[i].phone = phone;
    }
  });
  after(async () => {
    await srv?.stop();
    if (dir) cleanup(dir);
  });

  it('writes a market and publishes it through review', async () => {
    const now = Date.now();
    closes = now + 12000;
    const body = {
      title: '炳草岗周末文化市集', description: '非遗、图书与美食', division: '510402001',
      address: '攀枝花市东区炳草岗大道', lon: 101.7186, lat: 26.5804,
      starts_at: iso(now + 2 * HOUR), ends_at: iso(now + 5 * HOUR),
      apply_opens_at: iso(now - HOUR), apply_closes_at: iso(closes), confirm_by: iso(now + HOUR),
      fee_fen: 5000, deposit_fen: 20000, min_reviews: 1, pass_mark: 10,
      categories: [{ category: 'books', quota: 2 }, { category: 'food', quota: 1 }],
      stalls,
    };
    // a citizen may not; bad input is refused with the field
    assertError(await people[0].post('/api/v1/markets', body), 403, 'forbidden');
    assertError(await district.post('/api/v1/markets', { ...body, address: null, lon: null, lat: null }), 400, 'site_required');
    assertError(await district.post('/api/v1/markets', { ...body, categories: [{ category: 'jewels', quota: 1 }] }), 400, 'bad_categories');
    assertError(await district.post('/api/v1/markets', { ...body, starts_at: 'tomorrow' }), 400, 'bad_time');
    const r = await district.post('/api/v1/markets', body);
    assert.equal(r.status, 201, r.text);
    market = r.json;
    assert.equal(market.status, 'draft');
    assert.equal(market.stalls.length, 6);
    assert.equal(market.rubric.length, 4);
    assert.deepEqual(market.categories.map((c) => [c.category, c.quota]), [['books', 2], ['food', 1]]);
    // a draft is nobody else's business
    assertError(await anon.get(`/api/v1/markets/${market.id}`), 404, 'not_found');
    const s = await district.post(`/api/v1/markets/${market.id}/submit`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'pending');
    for (const rv of [rvEast, rvCity]) {
      const q = await rv.get('/api/v1/reviews?status=pending&limit=200');
      const item = q.json.items.find((x) => x.content_type === 'market' && x.content_id === market.id);
      assert.ok(item, 'the market waits for review');
      const d = await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
      assert.equal(d.status, 200, d.text);
    }
    const pub = await anon.get(`/api/v1/markets/${market.id}`);
    assert.equal(pub.status, 200);
    assert.equal(pub.json.status, 'published');
    const list = await anon.get('/api/v1/markets?division=510402');
    assert.ok(list.json.items.some((m) => m.id === market.id));
    // once published, its terms stay: only the logistics move
    assertError(await district.patch(`/api/v1/markets/${market.id}`, { title: '改名' }), 409, 'bad_state');
    const p = await district.patch(`/api/v1/markets/${market.id}`, { rules: { apart: true, food: true, access: true } });
    assert.equal(p.status, 200, p.text);
  });

  it('takes applications: food needs its licence, one a person', async () => {
    const apply = (c, body) => c.post(`/api/v1/markets/${market.id}/applications`, body);
    const books = [
      { stall_name: '三线书屋', category: 'books', products: '三线建设史料与地方志' },
      { stall_name: '旧书摊', category: 'books', products: '旧书、连环画' },
      // the city reviewer's relative: the reviewer's number as contact
      { stall_name: '亲属书摊', category: 'books', products: '童书', contact_phone: DEMO.cityReviewer.phone },
    ];
    for (let i = 0; i < 3; i++) {
      const r = await apply(people[i], books[i]);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'draft');
      apps[`b${i}`] = r.json.id;
      const s = await people[i].post(`/api/v1/market-applications/${r.json.id}/submit`);
      assert.equal(s.status, 200, s.text);
    }
    assertError(await apply(people[0], books[0]), 409, 'duplicate');
    assertError(await apply(people[3], { ...books[0], category: 'local_produce' }), 400, 'bad_category');
    const f = await apply(people[3], { stall_name: '盐边羊肉米线', category: 'food', products: '米线', needs: { water: true } });
    assert.equal(f.status, 201, f.text);
    apps.food = f.json.id;
    assertError(await people[3].post(`/api/v1/market-applications/${apps.food}/submit`), 422, 'licence_required');
    // another person can neither see nor touch it
    assertError(await people[0].get(`/api/v1/market-applications/${apps.food}`), 404);
    const up = (c, kind, type, body) => c.request('POST', `/api/v1/market-applications/${apps.food}/files?kind=${kind}&name=licence.png`, { body, headers: { 'Content-Type': type } });
    assertError(await up(people[3], 'photo', 'application/pdf', '%PDF-1.4'), 400, 'bad_content_type');
    assertError(await up(people[0], 'licence', 'image/png', PNG), 404);
    const u = await up(people[3], 'licence', 'image/png', PNG);
    assert.equal(u.status, 201, u.text);
    const s = await people[3].post(`/api/v1/market-applications/${apps.food}/submit`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'submitted');
    assert.equal(s.json.licences.length, 1);
    // the file is the applicant's, the organiser's and the panel's only
    const file = await people[3].get(s.json.licences[0].url);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.equal((await rvEast.get(s.json.licences[0].url)).status, 200);
    assertError(await people[0].get(s.json.licences[0].url), 404);
  });

  it('is scored by the panel, never by a reviewer on their own', async () => {
    const pts = (q) => ({ points: { quality: q, culture: 8, display: 8, fit: 8 }, comment: '好' });
    // the panel sees no contacts, and which it may not score
    const panel = await rvCity.get(`/api/v1/markets/${market.id}/panel`);
    assert.equal(panel.status, 200, panel.text);
    assert.equal(panel.json.items.length, 4);
    for (const a of panel.json.items) {
      assert.equal(a.contact_phone, undefined);
      assert.equal(a.excluded, a.id === apps.b2);
    }
    assertError(await rvCity.post(`/api/v1/market-applications/${apps.b2}/scores`, pts(5)), 403, 'own_application');
    assertError(await people[0].post(`/api/v1/market-applications/${apps.b1}/scores`, pts(5)), 403);
    assertError(await rvEast.post(`/api/v1/market-applications/${apps.b0}/scores`, { points: { quality: 99 } }), 400, 'bad_points');
    const scores = { b0: 10, b1: 9, b2: 4, food: 7 };
    for (const [k, q] of Object.entries(scores)) {
      const r = await rvEast.post(`/api/v1/market-applications/${apps[k]}/scores`, pts(q));
      assert.equal(r.status, 201, r.text);
    }
    assertError(await rvEast.post(`/api/v1/market-applications/${apps.b0}/scores`, pts(1)), 409, 'already_scored');
    const rank = await district.get(`/api/v1/markets/${market.id}/ranking`);
    assert.equal(rank.status, 200, rank.text);
    const books = rank.json.categories.find((c) => c.category === 'books');
    assert.deepEqual(books.items.map((x) => x.id), [apps.b0, apps.b1, apps.b2]);
    assert.equal(books.tie, null);
    assert.equal(books.unscored, 0);
  });

  it('decides once applications close: accepted, reserve, and the reserve moves up in order', async () => {
    assertError(await district.post(`/api/v1/markets/${market.id}/decision`), 409, 'window_open');
    await sleep(Math.max(0, closes - Date.now() + 200));
    assertError(await people[0].post(`/api/v1/markets/${market.id}/decision`), 403);
    const d = await district.post(`/api/v1/markets/${market.id}/decision`);
    assert.equal(d.status, 200, d.text);
    assert.deepEqual(d.json, { accepted: 3, reserve: 1, declined: 0 });
    assertError(await district.post(`/api/v1/markets/${market.id}/decision`), 409, 'decided');
    const list = await district.get(`/api/v1/markets/${market.id}/applications`);
    const st = Object.fromEntries(list.json.items.map((a) => [a.id, a]));
    assert.equal(st[apps.b0].status, 'accepted');
    assert.equal(st[apps.b1].status, 'accepted');
    assert.equal(st[apps.b2].status, 'reserve');
    assert.equal(st[apps.b2].position, 1);
    assert.ok(st[apps.b0].contact_phone, 'the organiser sees the contact');
    // b1 withdraws: the reserve b2 is accepted, with its time to confirm
    const w = await people[1].post(`/api/v1/market-applications/${apps.b1}/withdraw`);
    assert.equal(w.status, 200, w.text);
    assert.equal(w.json.status, 'withdrawn');
    const b2 = await people[2].get(`/api/v1/market-applications/${apps.b2}`);
    assert.equal(b2.json.status, 'accepted');
    assert.ok(b2.json.confirm_by);
    // each was told the verdict, once; b2 then that a place is theirs, to confirm in time
    assert.deepEqual((await notesOf(people[0], apps.b0)).map((n) => n.kind), ['market.accepted']);
    assert.deepEqual((await notesOf(people[1], apps.b1)).map((n) => n.kind), ['market.accepted']);
    const told = await notesOf(people[2], apps.b2);
    assert.deepEqual(told.map((n) => n.kind), ['market.promoted', 'market.reserve']);
    assert.equal(told[1].position, 1);
    assert.equal(told[0].confirm_by, b2.json.confirm_by);
    assert.equal(told[0].href, '/me/market-applications');
    assert.match(told[0].text, /炳草岗周末文化市集/);
    const inbox = await people[2].get('/me/inbox');
    assert.match(inbox.text, /空出一个摊位，已递补给您/);
    for (const [i, k] of [[0, 'b0'], [2, 'b2'], [3, 'food']]) {
      const c = await people[i].post(`/api/v1/market-applications/${apps[k]}/confirm`);
      assert.equal(c.status, 200, c.text);
      assert.equal(c.json.status, 'confirmed');
    }
    const mine = await people[2].get('/api/v1/me/market-applications');
    assert.equal(mine.json.items[0].id, apps.b2);
  });

  it('assigns stalls under the rules, refuses a move that breaks one, and publishes the map', async () => {
    assertError(await anon.get(`/api/v1/markets/${market.id}/stall-holders`), 404, 'not_published');
    const a = await district.post(`/api/v1/markets/${market.id}/assignment`);
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(a.json.problems, []);
    const at = Object.fromEntries(a.json.holders.map((h) => [h.application_id, h.stall]));
    assert.ok(['A1', 'B1'].includes(at[apps.food]), 'food where there is water and power');
    const row = (s) => s[0];
    const pos = (s) => Number(s.slice(1));
    assert.ok(!(row(at[apps.b0]) === row(at[apps.b2]) && Math.abs(pos(at[apps.b0]) - pos(at[apps.b2])) === 1), 'books apart');
    const dry = stalls.find((s) => !s.water && !Object.values(at).includes(s.number)).number;
    assertError(await district.put(`/api/v1/market-applications/${apps.food}/stall`, { stall: dry }), 422, 'food_water_power');
    assertError(await district.put(`/api/v1/market-applications/${apps.b0}/stall`, { stall: at[apps.b2] }), 409, 'stall_taken');
    assertError(await district.put(`/api/v1/market-applications/${apps.b0}/stall`, { stall: 'Z9' }), 400, 'unknown_stall');
    const p = await district.post(`/api/v1/markets/${market.id}/map`, { published: true });
    assert.equal(p.status, 200, p.text);
    assert.ok(p.json.map_published_at);
    // each stall-holder is told the stall once, however often the map is published
    assert.equal((await district.post(`/api/v1/markets/${market.id}/map`, { published: true })).status, 200);
    const stallNotes = (await notesOf(people[0], apps.b0)).filter((n) => n.kind === 'market.stall');
    assert.equal(stallNotes.length, 1);
    assert.equal(stallNotes[0].stall, at[apps.b0]);
    assert.equal((await notesOf(people[3], apps.food)).filter((n) => n.kind === 'market.stall').length, 1);
    const pub = await anon.get(`/api/v1/markets/${market.id}/stall-holders`);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.holders.length, 3);
    assert.ok(!pub.text.includes(people[0].phone) && !pub.text.includes('contact'));
    const page = await anon.get(`/markets/${market.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /id="stall-map"/);
    assert.match(page.text, /三线书屋/);
    assert.ok(!page.text.includes(people[0].phone));
  });

  it('checks stall-holders in on the day', async () => {
    assertError(await district.post(`/api/v1/market-applications/${apps.b1}/checkin`), 409, 'not_confirmed');
    const c = await district.post(`/api/v1/market-applications/${apps.b0}/checkin`);
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.late, false);
    assertError(await district.post(`/api/v1/market-applications/${apps.b0}/checkin`), 409, 'already_checked_in');
    assertError(await rvEast.post(`/api/v1/market-applications/${apps.food}/checkin`), 403);
  });

  it('serves the pages: the list, apply, mine, the organiser\'s and the panel\'s', async () => {
    const list = await anon.get('/markets');
    assert.equal(list.status, 200);
    assert.match(list.text, /炳草岗周末文化市集/);
    const mine = await people[3].get('/me/market-applications');
    assert.equal(mine.status, 200);
    assert.match(mine.text, /盐边羊肉米线/);
    const org = await district.get(`/admin/markets/${market.id}`);
    assert.equal(org.status, 200, org.text.slice(0, 300));
    assert.match(org.text, /id="stalls"/);
    const panel = await rvEast.get(`/admin/market-panel/${market.id}`);
    assert.equal(panel.status, 200);
    assert.match(panel.text, /三线书屋/);
    assert.equal((await people[0].get(`/admin/markets/${market.id}`)).status, 403);
    // a form post with its CSRF token: withdrawing through the page
    const form = new Client(srv.base);
    await form.login(people[3].phone, 'Stall2026pw');
    const csrf = await form.csrfToken();
    const r = await form.request('POST', `/market-applications/${apps.food}/withdraw`, {
      body: new URLSearchParams({ _csrf: csrf }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    assert.match(r.headers.get('location'), /msg=withdrawn/);
  });

  it('breaks a tie at a quota line by the verifiable lottery, whose draw makes the lists', async () => {
    const now = Date.now();
    const tieCloses = now + 12000;
    const r = await district.post('/api/v1/markets', {
      title: '仁和夜市', description: '图书', division: '510402001', address: '攀枝花市东区', lon: 101.72, lat: 26.58,
      starts_at: iso(now + 2 * HOUR), ends_at: iso(now + 5 * HOUR), apply_opens_at: iso(now - HOUR),
      apply_closes_at: iso(tieCloses), confirm_by: iso(now + HOUR), min_reviews: 1, pass_mark: 10,
      categories: [{ category: 'books', quota: 2 }], stalls,
    });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await district.post(`/api/v1/markets/${id}/submit`)).status, 200);
    for (const rv of [rvEast, rvCity]) {
      const q = await rv.get('/api/v1/reviews?status=pending&limit=200');
      const item = q.json.items.find((x) => x.content_type === 'market' && x.content_id === id);
      assert.equal((await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    }
    // t0 scores best; t1 and t2 tie for the one place left
    const t = [];
    for (let i = 0; i < 3; i++) {
      const a = await people[i].post(`/api/v1/markets/${id}/applications`, { stall_name: `书摊${i}`, category: 'books', products: '旧书' });
      assert.equal(a.status, 201, a.text);
      assert.equal((await people[i].post(`/api/v1/market-applications/${a.json.id}/submit`)).status, 200);
      t.push(a.json.id);
      const q = i === 0 ? 10 : 8;
      const s = await rvEast.post(`/api/v1/market-applications/${a.json.id}/scores`, { points: { quality: q, culture: 8, display: 8, fit: 8 } });
      assert.equal(s.status, 201, s.text);
    }
    assertError(await district.post(`/api/v1/markets/${id}/tie-lottery`), 409, 'window_open');
    await sleep(Math.max(0, tieCloses - Date.now() + 200));
    assertError(await district.post(`/api/v1/markets/${id}/decision`), 422, 'tie_at_cutoff');
    let rank = (await district.get(`/api/v1/markets/${id}/ranking`)).json;
    assert.equal(rank.categories[0].tie.places_left, 1);
    assert.equal(rank.categories[0].tie.pseudonyms.length, 2);
    assert.equal(rank.lottery, null);
    // the organisers open it; it is committed and drawn in the store of draws
    assertError(await people[0].post(`/api/v1/markets/${id}/tie-lottery`), 403);
    assertError(await rvEast.post(`/api/v1/markets/${id}/tie-lottery`), 403);
    const o = await district.post(`/api/v1/markets/${id}/tie-lottery`);
    assert.equal(o.status, 200, o.text);
    assert.equal(o.json.status, 'open');
    const lottery = o.json.id;
    assert.equal((await district.post(`/api/v1/markets/${id}/tie-lottery`)).json.id, lottery);
    rank = (await district.get(`/api/v1/markets/${id}/ranking`)).json;
    assert.equal(rank.lottery.id, lottery);
    const org = await district.get(`/admin/markets/${id}`);
    assert.match(org.text, new RegExp(`href="/lotteries/${lottery}"`));
    const c = await district.post(`/api/v1/lotteries/${lottery}/commit`, {});
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.status, 'committed');
    const inputs = (await anon.get(`/api/v1/lotteries/${lottery}/inputs.json`)).json;
    assert.deepEqual(inputs.items, [{ id: 'books', name: 'Books', places: 1 }]);
    assert.deepEqual(inputs.applicants.map((a) => a.id).sort(), [...rank.categories[0].tie.pseudonyms].sort());
    // nothing moves the line before the draw
    assertError(await people[1].post(`/api/v1/market-applications/${t[1]}/withdraw`), 409, 'draw_pending');
    await sleep(Math.max(0, Date.parse(c.json.beacon.due_at) - Date.now() + 300));
    const d = await district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: VALUE });
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.status, 'drawn');
    // the draw file verifies, and the lists follow it
    const f = await anon.get(`/api/v1/lotteries/${lottery}/draw.json`);
    dir = tempDir('wenyun-markets-');
    const file = join(dir, 'draw.json');
    writeFileSync(file, f.text);
    const v = runCli(['lottery', 'verify', file]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const [winner] = f.json.items[0].admitted;
    const [loser] = f.json.items[0].waiting;
    const list = (await district.get(`/api/v1/markets/${id}/applications`)).json.items;
    const by = Object.fromEntries(list.map((a) => [a.pseudonym, a]));
    assert.equal(by[winner].status, 'accepted');
    assert.equal(by[loser].status, 'reserve');
    assert.equal(by[loser].position, 1);
    assert.equal(list.find((a) => a.id === t[0]).status, 'accepted');
    assertError(await district.post(`/api/v1/markets/${id}/decision`), 409, 'decided');
    // each applicant told the verdict once, in their inbox
    for (let i = 0; i < 3; i++) {
      const a = list.find((x) => x.id === t[i]);
      const notes = await notesOf(people[i], t[i]);
      assert.deepEqual(notes.map((n) => n.kind), [a.status === 'accepted' ? 'market.accepted' : 'market.reserve']);
    }
    const page = await anon.get(`/lotteries/${lottery}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(f.json.commitment));
  });

  it('lets the organiser write a market through the form, its plan from rows and lists', async () => {
    const form = new Client(srv.base);
    await form.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    const csrf = await form.csrfToken();
    const local = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
    const now = Date.now();
    const page = await form.get('/admin/markets/new');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="market-form"/);
    const r = await form.request('POST', '/admin/markets', {
      body: new URLSearchParams({
        _csrf: csrf, title: '弄弄坪夜市', division: '510402005', address: '弄弄坪广场', lon: '101.71', lat: '26.57',
        starts_at: local(now + 72 * HOUR), ends_at: local(now + 76 * HOUR), apply_opens_at: local(now),
        apply_closes_at: local(now + 24 * HOUR), confirm_by: local(now + 48 * HOUR), fee: '30.5', deposit: '100',
        min_reviews: '2', quota_food: '3', quota_books: '1', rule_apart: '1', rule_food: '1',
        rows: '2', per_row: '3', water_power: 'A02, B03', power_only: 'A01',
      }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const id = Number(/\/admin\/markets\/(\d+)/.exec(r.headers.get('location'))[1]);
    const m = (await district.get(`/api/v1/markets/${id}`)).json;
    assert.equal(m.status, 'draft');
    assert.equal(m.fee_fen, 3050);
    assert.deepEqual(m.rules, { apart: true, food: true, access: false });
    assert.deepEqual(m.stalls.map((s) => s.number), ['A01', 'A02', 'A03', 'B01', 'B02', 'B03']);
    assert.deepEqual(m.stalls.filter((s) => s.water).map((s) => s.number), ['A02', 'B03']);
    assert.deepEqual(m.stalls.filter((s) => s.power).map((s) => s.number), ['A01', 'A02', 'B03']);
    assert.deepEqual(m.stalls.filter((s) => s.near_entrance).map((s) => s.number), ['A01', 'B01']);
    assert.equal(Date.parse(m.starts_at) % 60000, 0);
  });
});
