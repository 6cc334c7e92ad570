// The exchange module's pages (src/mod/exchange/pages_*.c, docs/exchange.md "Pages") on the demo
// of 玉溪市: the public query with its filters and empty state, an activity and a partner for
// everyone with no personal data (the agreements' owners for 玉溪市's staff only, a draft for
// nobody else), and the staff's forms under /admin/exchange: each refused form comes back with
// what was written and the refusal beside its field while nothing is written, another city's
// admin is refused, and what the forms accept is what the API then answers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, cleanup } from './lib.mjs';

const YUXI_ADMIN = { phone: '13900000041', password: 'Demo2026yx' }; // city_admin 5304
const PHONE = /1[3-9]\d{9}|\d{3}\*{4}\d{4}/;

describe('exchange pages: the public query, an activity and a partner, the staff\'s forms', () => {
  let srv, pzh, yuxi, citizen, anon;

  async function partners() {
    const r = await anon.get('/api/v1/exchange/partners?division=5304&limit=100');
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }
  async function activities() {
    const r = await yuxi.get('/admin/exchange?limit=100');
    assert.equal(r.status, 200);
    return [...r.text.matchAll(/<li id="activity-(\d+)"/g)].map((m) => Number(m[1]));
  }

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [pzh, yuxi, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, YUXI_ADMIN),
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

  it('the public query: search, kind and partner filters, an empty state', async () => {
    let r = await anon.get('/exchange');
    assert.equal(r.status, 200);
    assert.match(r.text, /id="exchange-partners"/);
    assert.ok(r.text.includes('西班牙圣塞巴斯蒂安市'));
    assert.ok(!PHONE.test(r.text), 'no phone number');
    r = await anon.get(`/exchange?q=${encodeURIComponent('花灯')}&kind=tour`);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes('花灯《山茶花红》巡演'));
    assert.equal([...r.text.matchAll(/<li id="exchange-activity-/g)].length, 1);
    r = await anon.get(`/exchange?q=${encodeURIComponent('花灯')}&kind=festival`);
    assert.equal([...r.text.matchAll(/<li id="exchange-activity-/g)].length, 0);
    assert.match(r.text, /<p class="empty">/);
    // the partner filter: 韩国巨济市's exchanges only
    const geoje = (await partners()).find((p) => p.name === '韩国巨济市');
    r = await anon.get(`/exchange?partner=${geoje.id}`);
    const ids = [...r.text.matchAll(/<li id="exchange-activity-(\d+)"/g)].map((m) => Number(m[1]));
    assert.ok(ids.length >= 1);
    for (const id of ids) {
      const a = await anon.get(`/api/v1/exchange/activities/${id}`);
      assert.ok(a.json.partners.some((p) => p.id === geoje.id), `activity ${id} is with 巨济市`);
    }
    // a division's own exchanges: 玉溪市's, none of them in 攀枝花市
    r = await anon.get('/exchange?division=5304');
    assert.ok(r.text.includes('西班牙圣塞巴斯蒂安市'));
    assert.match(r.text, /name="division" value="5304"/, 'the search form keeps the division');
    r = await anon.get('/exchange?division=5104');
    assert.ok(!r.text.includes('西班牙圣塞巴斯蒂安市'));
    assert.equal([...r.text.matchAll(/<li id="exchange-activity-/g)].length, 0);
    assert.equal((await anon.get('/exchange?division=51x')).status, 400);
    // a paged list keeps its filters in the next page's link
    r = await anon.get(`/exchange?kind=tour&limit=1`);
    assert.match(r.text, /id="next-page"[^>]*href="\/exchange\?cursor=\d+&amp;kind=tour&amp;limit=1"|href="\/exchange\?cursor=\d+&amp;kind=tour&amp;limit=1"[^>]*id="next-page"/);
  });

  it('a partner\'s page: agreements, the owners for its staff only, the history of exchanges', async () => {
    const ss = (await partners()).find((p) => p.name === '西班牙圣塞巴斯蒂安市');
    let r = await anon.get(`/exchange/partners/${ss.id}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /id="partner-agreements"/);
    assert.ok(!r.text.includes('玉溪市人民政府外事办公室'), 'the owner is not public');
    r = await pzh.get(`/exchange/partners/${ss.id}`);
    assert.ok(!r.text.includes('玉溪市人民政府外事办公室'), 'nor for another city\'s admin');
    r = await yuxi.get(`/exchange/partners/${ss.id}`);
    assert.ok(r.text.includes('玉溪市人民政府外事办公室'), '玉溪市\'s staff see it');
    const geoje = (await partners()).find((p) => p.name === '韩国巨济市');
    r = await anon.get(`/exchange/partners/${geoje.id}`);
    assert.match(r.text, /id="partner-history"[^]*<li id="exchange-activity-\d+"/);
    assert.equal((await anon.get('/exchange/partners/999999')).status, 404);
  });

  it('a tour written through the staff\'s form: refusals beside their fields, nothing written', async () => {
    const before = await activities();
    const foshan = (await partners()).find((p) => p.name === '广东佛山市');
    const form = {
      division: '5304', title: '滇剧《水莽草》赴佛山交流演出', title_en: 'Yunnan Opera in Foshan', summary: '交流演出。',
      kind: 'tour', scope: 'domestic', starts_on: '2026-03-01', ends_on: '2026-03-10', [`partner_${foshan.id}`]: '1', stops: '4',
      stop1_place: '佛山大剧院', stop1_city: '佛山', stop1_country: '中国', stop1_starts_on: '2026-03-01', stop1_ends_on: '2026-03-02', stop1_shows: '2', stop1_audience: '1800',
      stop3_place: '顺德演艺中心', stop3_city: '佛山', stop3_country: '中国', stop3_starts_on: '2026-03-11', stop3_ends_on: '2026-03-11', stop3_shows: '1', stop3_audience: '900',
    };
    // a stop after the activity's end
    let r = await yuxi.postForm('/admin/exchange/activities', form);
    assert.equal(r.status, 400, r.text.slice(0, 300));
    assert.match(r.text, /id="error-stops"/);
    assert.ok(r.text.includes('顺德演艺中心'), 'what was written comes back');
    assert.match(r.text, new RegExp(`name="partner_${foshan.id}" checked`));
    // a bad number of shows
    r = await yuxi.postForm('/admin/exchange/activities', { ...form, stop3_ends_on: '2026-03-10', stop3_starts_on: '2026-03-09', stop3_shows: 'x' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-stops"/);
    // no title
    r = await yuxi.postForm('/admin/exchange/activities', { ...form, title: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-title"/);
    // another city's admin
    r = await pzh.postForm('/admin/exchange/activities', { ...form, stop3_starts_on: '2026-03-09', stop3_ends_on: '2026-03-10' });
    assert.equal(r.status, 403);
    assert.deepEqual(await activities(), before, 'nothing was written');

    r = await yuxi.postForm('/admin/exchange/activities', { ...form, stop3_starts_on: '2026-03-09', stop3_ends_on: '2026-03-10' });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const id = Number(/#activity-(\d+)$/.exec(r.headers.get('location'))[1]);
    const a = await yuxi.get(`/api/v1/exchange/activities/${id}`);
    assert.equal(a.json.status, 'draft');
    assert.deepEqual(a.json.stops.map((s) => [s.seq, s.place, s.shows]), [[1, '佛山大剧院', 2], [2, '顺德演艺中心', 1]]);
    assert.deepEqual(a.json.partners.map((p) => p.id), [foshan.id]);
    // a draft is nobody else's to see
    assert.equal((await anon.get(`/exchange/activities/${id}`)).status, 404);
    assert.equal((await citizen.get(`/exchange/activities/${id}`)).status, 404);
    assert.equal((await yuxi.get(`/exchange/activities/${id}`)).status, 200);

    // figures: a bad one changes nothing; good ones are recorded
    r = await yuxi.postForm(`/admin/exchange/activities/${id}/figures`, { participants: 'abc', audience: '2700' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-participants"/);
    assert.equal((await yuxi.get(`/api/v1/exchange/activities/${id}`)).json.audience, null);
    r = await yuxi.postForm(`/admin/exchange/activities/${id}/figures`, { participants: '36', audience: '2700', media_reports: '' });
    assert.equal(r.status, 303);
    const f = (await yuxi.get(`/api/v1/exchange/activities/${id}`)).json;
    assert.equal(f.participants, 36);
    assert.equal(f.audience, 2700);
    assert.equal(f.media_reports, null);

    // submitted once; a second time it is refused on the page
    r = await yuxi.postForm(`/admin/exchange/activities/${id}/submit`, {});
    assert.equal(r.status, 303);
    assert.equal((await yuxi.get(`/api/v1/exchange/activities/${id}`)).json.status, 'pending');
    r = await yuxi.postForm(`/admin/exchange/activities/${id}/submit`, {});
    assert.equal(r.status, 409);
    assert.match(r.text, /class="form-error" role="alert"/);
  });

  it('partners, agreements, channels and intents through the forms', async () => {
    const n = (await partners()).length;
    let r = await yuxi.postForm('/admin/exchange/partners', { division: '5304', name: '意大利维罗纳市', kind: 'friendship_city', scope: 'foreign', country: '意大利', city: '', languages: 'it' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-city"/);
    assert.ok(r.text.includes('意大利维罗纳市'));
    r = await yuxi.postForm('/admin/exchange/partners', { division: '5304', name: '意大利维罗纳市', kind: 'friendship_city', scope: 'foreign', country: '意大利', city: '维罗纳', languages: 'it, en、de x' });
    assert.equal(r.status, 400, 'x is not a language code');
    assert.match(r.text, /id="error-languages"/);
    r = await pzh.postForm('/admin/exchange/partners', { division: '5304', name: '意大利维罗纳市', kind: 'friendship_city', scope: 'foreign', country: '意大利', city: '维罗纳' });
    assert.equal(r.status, 403);
    assert.equal((await partners()).length, n, 'nothing was written');
    r = await yuxi.postForm('/admin/exchange/partners', { division: '5304', name: '意大利维罗纳市', kind: 'friendship_city', scope: 'foreign', country: '意大利', city: '维罗纳', languages: 'it, en、de' });
    assert.equal(r.status, 303);
    const verona = (await partners()).find((p) => p.name === '意大利维罗纳市');
    assert.deepEqual(verona.languages, ['it', 'en', 'de']);

    r = await yuxi.postForm(`/admin/exchange/partners/${verona.id}/agreements`, { kind: 'memorandum', title: '文化交流备忘录', signed_on: '2026-01-10', renew_on: '2025-01-10', owner_ours: '玉溪市文化和旅游局' });
    assert.equal(r.status, 400);
    assert.match(r.text, new RegExp(`id="agreement-form-${verona.id}"[^]*id="error-renew_on"`));
    r = await yuxi.postForm(`/admin/exchange/partners/${verona.id}/agreements`, { kind: 'memorandum', title: '文化交流备忘录', signed_on: '2026-01-10', renew_on: '2031-01-10', owner_ours: '玉溪市文化和旅游局' });
    assert.equal(r.status, 303);
    const g = (await yuxi.get(`/api/v1/exchange/partners/${verona.id}`)).json.agreements;
    assert.deepEqual(g.map((x) => [x.title, x.renew_on, x.owner_ours]), [['文化交流备忘录', '2031-01-10', '玉溪市文化和旅游局']]);
    const staffPage = await yuxi.get('/admin/exchange/partners');
    assert.ok(staffPage.text.includes('玉溪市文化和旅游局'), 'the staff\'s list shows the owners');

    r = await yuxi.postForm('/admin/exchange/channels', { division: '5304', name: '中意友城青少年交流', scope: 'international', sector: 'nongovernment' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-established_on"/);
    r = await yuxi.postForm('/admin/exchange/channels', { division: '5304', name: '中意友城青少年交流', scope: 'international', sector: 'nongovernment', mass_art: '1', established_on: '2026-02-01' });
    assert.equal(r.status, 303);
    const ch = (await anon.get('/api/v1/exchange/channels?division=5304&limit=100')).json.items.find((c) => c.name === '中意友城青少年交流');
    assert.equal(ch.mass_art, true);

    // an intent with another city's partner is refused beside the partner
    const other = await pzh.post('/api/v1/exchange/partners', { division: '5104', name: '攀枝花的伙伴', kind: 'organisation', scope: 'domestic', country: '中国', organisation: '某协会' });
    assert.equal(other.status, 201, other.text);
    r = await yuxi.postForm('/admin/exchange/intents', { channel_id: String(ch.id), partner_id: String(other.json.id), title: '青少年互访', reached_on: '2026-02-10' });
    assert.equal(r.status, 422);
    assert.match(r.text, /id="error-partner_id"/);
    r = await yuxi.postForm('/admin/exchange/intents', { channel_id: String(ch.id), partner_id: String(verona.id), title: '青少年互访', reached_on: '2026-02-10' });
    assert.equal(r.status, 303);
    const page = await yuxi.get('/admin/exchange/channels');
    assert.match(page.text, /id="exchange-admin-intents"[^]*青少年互访/);
  });

  it('the alerts page: the caller\'s area only, for staff only', async () => {
    let r = await yuxi.get('/admin/exchange/alerts');
    assert.equal(r.status, 200);
    assert.match(r.text, /<tr class="alert-dormant">[^]*?西班牙圣塞巴斯蒂安市/);
    r = await pzh.get('/admin/exchange/alerts');
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes('西班牙圣塞巴斯蒂安市'), 'another city\'s partners are not its alerts');
    assert.equal((await citizen.get('/admin/exchange/alerts')).status, 403);
    assert.equal((await pzh.get('/admin/exchange/alerts?division=5304')).status, 403);
  });
  it('what follows an activity, the calendar, the ranking and the lessons: staff and reviewers only', async () => {
    const acts = (await anon.get('/api/v1/exchange/activities?division=5304&limit=100')).json.items;
    const id = acts[0].id;
    let r = await yuxi.get(`/admin/exchange/activities/${id}`);
    assert.equal(r.status, 200);
    for (const sec of ['evaluation', 'followups', 'funds', 'delegation', 'attachments']) assert.match(r.text, new RegExp(`id="${sec}"`));
    // another city's admin and a citizen are refused; a reviewer of 玉溪市 sees no funds
    assert.equal((await pzh.get(`/admin/exchange/activities/${id}`)).status, 403);
    assert.equal((await citizen.get(`/admin/exchange/activities/${id}`)).status, 403);
    const reviewer = await loginAs(srv.base, { phone: '13900000042', password: 'Demo2026yx' });
    r = await reviewer.get(`/admin/exchange/activities/${id}`);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /id="funds"/);
    assert.match(r.text, /id="scores-form"/);

    // a follow-up whose owner holds a phone number: refused beside the field, nothing written
    const before = (await yuxi.get(`/api/v1/exchange/followups?division=5304&activity=${id}&limit=100`)).json.items.length;
    r = await yuxi.postForm('/admin/exchange/followups', { activity_id: String(id), kind: 'return_visit', title: '回访', owner: '联系人13912345678', due_on: '2027-01-01', partner_id: String(acts[0].partners[0]?.id ?? '') });
    assert.equal(r.status, 400, r.text.slice(0, 200));
    assert.match(r.text, /id="error-owner"/);
    const after = (await yuxi.get(`/api/v1/exchange/followups?division=5304&activity=${id}&limit=100`)).json.items.length;
    assert.equal(after, before, 'nothing written');

    // the calendar of 2027: the demo's pending culture week is warned of, for staff and reviewers
    r = await yuxi.get('/admin/exchange/calendar?year=2027');
    assert.equal(r.status, 200);
    assert.match(r.text, /澄江·顺义文化周/);
    assert.match(r.text, /warning-same_partner/);
    assert.equal((await reviewer.get('/admin/exchange/calendar?year=2027')).status, 200);
    assert.equal((await citizen.get('/admin/exchange/calendar')).status, 403);
    // the public sees no draft nor pending plan: the calendar page is not theirs
    assert.equal((await pzh.get('/admin/exchange/calendar?division=5304')).status, 403);

    // the ranking lists the demo's scored activities; the lessons are searched in Chinese
    r = await yuxi.get('/admin/exchange/ranking');
    assert.equal(r.status, 200);
    assert.ok([...r.text.matchAll(/<tr id="rank-\d+"/g)].length >= 4, 'the demo reviewer scored four');
    r = await yuxi.get(`/admin/exchange/lessons?q=${encodeURIComponent('竹乐')}`);
    assert.equal(r.status, 200);
    assert.ok([...r.text.matchAll(/<li id="lesson-\d+"/g)].length >= 1, 'found by a two-character word');
    assert.equal((await reviewer.get('/admin/exchange/lessons')).status, 403);
  });
});
