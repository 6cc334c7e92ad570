// The public pages of regional linkage programmes (src/mod/linkage/pages_linkage_public.c,
// docs/linkage.md "Public pages") on the demo programme of 四川省: nothing is public before the
// province publishes it; then /linkage lists it and /linkage/{id} shows its participants and
// activities to anyone, without plans, self-evaluations, summaries or media; the ranking and
// the commendations only once the results are published, and never before the programme.
// Only the owner's staff publish, through the API or the programme page's button.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO, loginAs, cleanup, Client, assertError } from './lib.mjs';

const SC_ADMIN = { phone: '13900000050', password: 'Demo2026sc' }; // city_admin of 51
const DEMO_TITLE = '四川省公共文化服务区域文化联动（示例）';

describe('linkage public pages: only what the owner published', () => {
  let srv, sc, pz, anon, demo;


  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [sc, pz] = await Promise.all([loginAs(srv.base, SC_ADMIN), loginAs(srv.base, DEMO.cityAdmin)]);
    anon = new Client(srv.base);
    demo = (await sc.get('/api/v1/linkage/programmes')).json.items.find((p) => p.title === DEMO_TITLE).id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('publishes the programme, then its results, and shows only that', async () => {
    let r = await anon.get('/linkage');
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(DEMO_TITLE), 'not published yet');
    assert.equal((await anon.get(`/linkage/${demo}`)).status, 404);
    assert.equal((await pz.get(`/linkage/${demo}`)).status, 404, 'a participant\'s staff see no more there');

    // only the owner's staff publish, and the results only after the programme
    assertError(await pz.post(`/api/v1/linkage/programmes/${demo}/publish`, { what: 'programme' }), 403, 'forbidden');
    assertError(await sc.post(`/api/v1/linkage/programmes/${demo}/publish`, { what: 'results' }), 422, 'not_published');
    assertError(await sc.post(`/api/v1/linkage/programmes/${demo}/publish`, { what: 'all' }), 400, 'bad_what');
    assert.equal((await anon.get(`/linkage/${demo}`)).status, 404);
    r = await sc.get(`/admin/linkage/${demo}`);
    assert.match(r.text, /id="publication-status" data-published="0"/);
    r = await sc.postForm(`/admin/linkage/${demo}/publish`, { what: 'programme' });
    assert.equal(r.status, 303);
    assert.match(r.headers.get('location'), /msg=published/);
    const p = (await sc.get(`/api/v1/linkage/programmes/${demo}`)).json;
    assert.ok(p.published_at);
    assert.equal(p.results_published_at, null);

    r = await anon.get('/linkage');
    assert.ok(r.text.includes(DEMO_TITLE));
    assert.match(r.text, new RegExp(`href="/linkage/${demo}"`));
    r = await anon.get(`/linkage/${demo}`);
    assert.equal(r.status, 200);
    for (const name of ['攀枝花市', '成都市', '玉溪市']) assert.ok(r.text.includes(name), name);
    assert.match(r.text, /id="public-activities"/);
    assert.ok(r.text.includes('听看评'), 'the demo session is listed');
    const summary = (await sc.get(`/api/v1/linkage/programmes/${demo}/activities`)).json.items.find((a) => a.summary).summary;
    assert.ok(!r.text.includes(summary), 'no summary of an activity');
    assert.ok(!r.text.includes('/api/v1/linkage/materials/'), 'no media');
    const self = (await sc.get(`/api/v1/linkage/programmes/${demo}`)).json.participants.find((x) => x.self_evaluation).self_evaluation.text;
    assert.ok(!r.text.includes(self), 'no self-evaluation');
    assert.ok(!r.text.includes('id="ranking"'), 'results not published yet');
    assert.ok(!r.text.includes('id="commendation-list"'));
    assert.ok(!r.text.includes('13900000'), 'no account');

    r = await sc.post(`/api/v1/linkage/programmes/${demo}/publish`, { what: 'results' });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.results_published_at);
    r = await anon.get(`/linkage/${demo}`);
    assert.match(r.text, /id="ranking-chart"/);
    assert.match(r.text, /id="ranking"/);
    assert.match(r.text, /id="commendation-list"/);
    assert.match(r.text, /<li data-division="5104"><strong>攀枝花市<\/strong>/);
    r = await sc.get(`/admin/linkage/${demo}`);
    assert.match(r.text, /id="publication-status" data-published="1" data-results="1"/);
    assert.ok(!r.text.includes('id="publish-form"'), 'nothing more to publish');
  });
});
