// The exchange module's staff forms for channels and intents, stops with coordinates, a plan
// entry's kind and partners, a fund's money cleared, and the review queue's links to a change's
// record (docs/exchange.md "Pages", "Changing and deleting records"): each refused form comes
// back with its refusal and changes nothing, a channel that an intent names is refused deletion
// (409 in_use), each change and deletion is audited, a stop's coordinates are checked and drawn.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, newExchangePartner, approveAll as approveAllOf } from './lib.mjs';

describe('exchange: staff forms for channels, intents, stops, plans and funds', () => {
  let srv, admin, district, rv1, rv2, anon, citizen;

  const audit = async (type, id) =>
    (await admin.get(`/api/v1/audit?object_type=${type}&object_id=${id}`)).json.items.map((e) => e.action);
  const approveAll = (type, id) => approveAllOf([rv1, rv2], type, id);

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district, rv1, rv2, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
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

  const newPartner = (name) => newExchangePartner(admin, name, '智利');
  const channelOf = async (id) =>
    (await admin.get('/api/v1/exchange/channels?division=5104&limit=100')).json.items.find((c) => c.id === id);
  const intentOf = async (id) =>
    (await admin.get('/api/v1/exchange/intents?division=5104&limit=100')).json.items.find((c) => c.id === id);

  it('changes and deletes a channel and an intent from the channels page', async () => {
    const p = await newPartner('瓦尔帕莱索');
    const ch = await admin.post('/api/v1/exchange/channels', {
      division: '5104', name: '中智友城渠道', scope: 'international', sector: 'government', established_on: '2025-01-10',
    });
    assert.equal(ch.status, 201, ch.text);
    const c = ch.json.id;
    const it = await admin.post('/api/v1/exchange/intents', { channel_id: c, partner_id: p, title: '互办文化周意向', reached_on: '2025-03-01' });
    assert.equal(it.status, 201, it.text);
    const i = it.json.id;

    let r = await admin.get('/admin/exchange/channels?division=5104');
    assert.equal(r.status, 200);
    for (const id of [`channel-edit-${c}`, `channel-delete-${c}`, `intent-edit-${i}`, `intent-delete-${i}`])
      assert.match(r.text, new RegExp(`id="${id}"`), id);

    // a bad date: the page again with the refusal, nothing changed
    const form = { name: '中智友城交流渠道', scope: 'international', sector: 'nongovernment', established_on: '2025-13-40', note: '经市外办' };
    r = await admin.postForm(`/admin/exchange/channels/${c}/edit`, form);
    assert.equal(r.status, 400, r.text.slice(0, 200));
    assert.match(r.text, /中智友城交流渠道/); // what was written is kept
    assert.equal((await channelOf(c)).name, '中智友城渠道');
    // another city's... a district admin is refused the city's channel
    assert.equal((await district.postForm(`/admin/exchange/channels/${c}/edit`, { ...form, established_on: '2025-02-01' })).status, 403);
    r = await admin.postForm(`/admin/exchange/channels/${c}/edit`, { ...form, established_on: '2025-02-01', mass_art: '1' });
    assert.equal(r.status, 303, r.text.slice(0, 200));
    assert.match(r.headers.get('location'), /msg=channel_updated/);
    let got = await channelOf(c);
    assert.deepEqual([got.name, got.sector, got.established_on, got.note, got.mass_art],
      ['中智友城交流渠道', 'nongovernment', '2025-02-01', '经市外办', true]);
    // an unticked box unsets mass art, an empty note clears it
    r = await admin.postForm(`/admin/exchange/channels/${c}/edit`, { ...form, established_on: '2025-02-01', note: '' });
    assert.equal(r.status, 303);
    got = await channelOf(c);
    assert.deepEqual([got.mass_art, got.note], [false, '']);

    // the intent: a bad date refused, then moved to a title and date
    r = await admin.postForm(`/admin/exchange/intents/${i}/edit`, { channel_id: String(c), partner_id: String(p), title: '互办文化月意向', reached_on: 'x' });
    assert.equal(r.status, 400);
    assert.equal((await intentOf(i)).title, '互办文化周意向');
    r = await admin.postForm(`/admin/exchange/intents/${i}/edit`, { channel_id: String(c), partner_id: String(p), title: '互办文化月意向', reached_on: '2025-04-02' });
    assert.equal(r.status, 303, r.text.slice(0, 200));
    assert.deepEqual([(await intentOf(i)).title, (await intentOf(i)).reached_on], ['互办文化月意向', '2025-04-02']);

    // a channel an intent names is not deleted: 409 in_use beside its button
    r = await admin.postForm(`/admin/exchange/channels/${c}/delete`, {});
    assert.equal(r.status, 409);
    assert.match(r.text, /id="channel-delete-\d+"[^]*?class="[^"]*error/);
    assert.ok(await channelOf(c));
    assert.equal((await district.postForm(`/admin/exchange/intents/${i}/delete`, {})).status, 403);
    r = await admin.postForm(`/admin/exchange/intents/${i}/delete`, {});
    assert.equal(r.status, 303);
    assert.equal(await intentOf(i), undefined);
    r = await admin.postForm(`/admin/exchange/channels/${c}/delete`, {});
    assert.equal(r.status, 303);
    assert.equal(await channelOf(c), undefined);

    const ca = await audit('exchange_channel', c);
    assert.equal(ca.filter((a) => a === 'exchange_channel.update').length, 2, ca.join());
    assert.ok(ca.includes('exchange_channel.delete'));
    const ia = await audit('exchange_intent', i);
    assert.deepEqual(ia.filter((a) => a !== 'exchange_intent.create').sort(), ['exchange_intent.delete', 'exchange_intent.update']);
  });

  it('keeps a stop\'s coordinates, checks them, and places the stop by them on the map', async () => {
    const base = {
      division: '5104', title: '南美巡演', kind: 'tour', scope: 'international', starts_on: '2026-05-01', ends_on: '2026-05-20',
    };
    const stop = (city, more) => ({ place: '剧场', city, country: '智利', starts_on: '2026-05-02', ends_on: '2026-05-03', shows: 1, audience: 300, ...more });
    for (const bad of [{ lat: 91, lon: 10 }, { lat: -33.05 }, { lat: 'x', lon: -71.6 }, { lat: -33.05, lon: 181 }])
      assertError(await admin.post('/api/v1/exchange/activities', { ...base, stops: [stop('瓦尔帕莱索', bad)] }), 400, 'bad_coordinates', JSON.stringify(bad));
    const r0 = await admin.post('/api/v1/exchange/activities', {
      ...base, stops: [stop('瓦尔帕莱索', { lat: -33.047, lon: -71.613 }), stop('圣地亚哥', { lat: null, lon: null }), stop('比尼亚德尔马')],
    });
    assert.equal(r0.status, 201, r0.text);
    const id = r0.json.id;
    let x = (await admin.get(`/api/v1/exchange/activities/${id}`)).json;
    assert.deepEqual(x.stops.map((s) => [s.lat, s.lon]), [[-33.047, -71.613], [null, null], [null, null]]);

    // the map places the located stop only (none of these cities is in the table)
    let page = await admin.get(`/admin/exchange/activities/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<svg[^]*map-venue located/);
    assert.match(page.text, /id="stops-unplaced">[^<]*2/);
    assert.match(page.text, /name="stop1_lat"[^>]*value="-33\.047"/);

    // the stops form: coordinates given to the second row, a bad one refused and nothing changed
    const rows = {
      stop1_place: '剧场', stop1_city: '瓦尔帕莱索', stop1_country: '智利', stop1_starts_on: '2026-05-02', stop1_ends_on: '2026-05-03', stop1_lat: '-33.047', stop1_lon: '-71.613',
      stop2_place: '剧场', stop2_city: '圣地亚哥', stop2_country: '智利', stop2_starts_on: '2026-05-04', stop2_ends_on: '2026-05-05', stop2_lat: '-33.45', stop2_lon: '',
    };
    let r = await admin.postForm(`/admin/exchange/activities/${id}/stops`, rows);
    assert.equal(r.status, 400, r.text.slice(0, 200));
    assert.match(r.text, /bad_coordinates|latitude|纬度/i);
    x = (await admin.get(`/api/v1/exchange/activities/${id}`)).json;
    assert.equal(x.stops.length, 3);
    r = await admin.postForm(`/admin/exchange/activities/${id}/stops`, { ...rows, stop2_lon: '-70.667' });
    assert.equal(r.status, 303, r.text.slice(0, 200));
    x = (await admin.get(`/api/v1/exchange/activities/${id}`)).json;
    assert.deepEqual(x.stops.map((s) => [s.city, s.lat, s.lon]), [['瓦尔帕莱索', -33.047, -71.613], ['圣地亚哥', -33.45, -70.667]]);
    page = await admin.get(`/admin/exchange/activities/${id}`);
    assert.doesNotMatch(page.text, /id="stops-unplaced"/);
    assert.equal((page.text.match(/map-venue located/g) || []).length, 2);

    // a published activity's change of stops goes through review with its coordinates
    assert.equal((await admin.post(`/api/v1/exchange/activities/${id}/submit`)).status, 200);
    await approveAll('exchange_activity', id);
    const p = await admin.patch(`/api/v1/exchange/activities/${id}`, { stops: [stop('瓦尔帕莱索', { lat: -33.0, lon: -71.6 })] });
    assert.equal(p.status, 202, p.text);
    const rid = p.json.pending_revision.id;
    // the review queue links the change to its record's page
    const q = await rv2.get('/admin/reviews');
    assert.match(q.text, new RegExp(`href="/admin/exchange/activity-revisions/${rid}"`));
    r = await rv2.get(`/admin/exchange/activity-revisions/${rid}`);
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), `/admin/exchange/activities/${id}#pending-revision`);
    assert.ok([403, 404].includes((await citizen.get(`/admin/exchange/activity-revisions/${rid}`)).status));
    assert.equal((await admin.get('/admin/exchange/activity-revisions/999999')).status, 404);
    await approveAll('exchange_activity_revision', rid);
    x = (await anon.get(`/api/v1/exchange/activities/${id}`)).json;
    assert.deepEqual(x.stops.map((s) => [s.lat, s.lon]), [[-33, -71.6]]);
  });

  it('changes a plan entry\'s kind and partners from its page, and links an approved one\'s change from the queue', async () => {
    const [a, b] = [await newPartner('康塞普西翁'), await newPartner('拉塞雷纳')];
    const pl = await admin.post('/api/v1/exchange/plans', {
      division: '5104', unit: '市文旅局', title: '智利文化周', kind: 'culture_week', starts_on: '2027-09-01', ends_on: '2027-09-07', partners: [a],
    });
    assert.equal(pl.status, 201, pl.text);
    const id = pl.json.id;
    let page = await admin.get(`/admin/exchange/plans/${id}`);
    assert.match(page.text, /id="plan-edit-form"[^]*name="kind"[^]*id="plan-partners"/);
    const form = { from: 'plan', unit: '市文旅局', title: '智利文化月', kind: 'culture_month', starts_on: '2027-09-01', ends_on: '2027-09-30', note: '' };
    // a partner of another city is not offered; no partner ticked clears them; a bad kind is refused
    let r = await admin.postForm(`/admin/exchange/plans/${id}/edit`, { ...form, kind: 'picnic', [`partner_${b}`]: '1' });
    assert.equal(r.status, 400);
    let got = (await admin.get(`/api/v1/exchange/plans/${id}`)).json;
    assert.equal(got.kind, 'culture_week');
    r = await admin.postForm(`/admin/exchange/plans/${id}/edit`, { ...form, [`partner_${b}`]: '1' });
    assert.equal(r.status, 303, r.text.slice(0, 200));
    assert.match(r.headers.get('location'), new RegExp(`/admin/exchange/plans/${id}\\?msg=plan_updated`));
    got = (await admin.get(`/api/v1/exchange/plans/${id}`)).json;
    assert.deepEqual([got.kind, got.title, got.partners.map((p) => p.id ?? p.partner_id)], ['culture_month', '智利文化月', [b]]);

    // approved: the same form proposes a change, and the queue links to the plan's page
    assert.equal((await admin.post(`/api/v1/exchange/plans/${id}/submit`)).status, 200);
    await approveAll('exchange_plan', id);
    r = await admin.postForm(`/admin/exchange/plans/${id}/edit`, { ...form, kind: 'festival', [`partner_${a}`]: '1' });
    assert.equal(r.status, 303);
    assert.match(r.headers.get('location'), /msg=revision_proposed/);
    const rev = (await admin.get(`/api/v1/exchange/plans/${id}/revision`)).json.pending_revision;
    assert.ok(rev, 'a change waits');
    assert.equal(rev.changes.kind, 'festival');
    const q = await rv2.get('/admin/reviews');
    assert.match(q.text, new RegExp(`href="/admin/exchange/plan-revisions/${rev.id}"`));
    r = await rv2.get(`/admin/exchange/plan-revisions/${rev.id}`);
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), `/admin/exchange/plans/${id}#pending-revision`);
    page = await admin.get(`/admin/exchange/plans/${id}`);
    assert.match(page.text, /id="pending-revision"/);
  });

  it('clears a fund\'s money from its form', async () => {
    const act = await admin.post('/api/v1/exchange/activities', {
      division: '5104', title: '资助测试', kind: 'forum', scope: 'domestic', starts_on: '2026-06-01', ends_on: '2026-06-02',
    });
    assert.equal(act.status, 201, act.text);
    const f = await admin.post(`/api/v1/exchange/activities/${act.json.id}/funds`, {
      kind: 'sponsorship', sponsor: '某文化公司', amount_fen: 500000, in_kind: '演出场地', value_fen: 200000, given_on: '2026-05-20',
    });
    assert.equal(f.status, 201, f.text);
    const fundOf = async () => (await admin.get(`/api/v1/exchange/activities/${act.json.id}/funds`)).json.items[0];
    const form = { kind: 'sponsorship', sponsor: '某文化公司', amount_yuan: '', in_kind: '', value_yuan: '', given_on: '2026-05-20' };
    // neither money nor anything in kind: refused, nothing changed
    let r = await admin.postForm(`/admin/exchange/funds/${f.json.id}/edit`, form);
    assert.equal(r.status, 400);
    assert.equal((await fundOf()).amount_fen, 500000);
    r = await admin.postForm(`/admin/exchange/funds/${f.json.id}/edit`, { ...form, in_kind: '演出场地', value_yuan: '2000' });
    assert.equal(r.status, 303, r.text.slice(0, 200));
    const got = await fundOf();
    assert.deepEqual([got.amount_fen, got.in_kind, got.value_fen], [0, '演出场地', 200000]);
    const page = await admin.get(`/admin/exchange/activities/${act.json.id}`);
    assert.match(page.text, new RegExp(`id="fund-edit-${f.json.id}"[^]*?name="amount_yuan"[^>]*value=""|id="fund-edit-${f.json.id}"[^]*?name="amount_yuan"(?![^>]*value=)`));
  });
});
