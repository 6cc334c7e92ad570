// Review (层层审核): a notice goes draft -> pending at the district -> pending at the city ->
// published, or is rejected with a reason; every step is in the audit log.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, DEMO, loginAs, assertError } from './lib.mjs';

describe('review of notices', () => {
  let srv, anon, vm, districtRv, cityRv, cityAdmin, citizen;
  const ids = {};
  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
    [vm, districtRv, cityRv, cityAdmin, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.citizen),
    ]);
    for (const [k, c] of Object.entries({ vm, districtRv, cityRv, cityAdmin })) ids[k] = (await c.get('/api/v1/me')).json.id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  /** The review item of a notice, as seen by a reviewer's queue. */
  async function itemOf(c, noticeId, status = 'pending') {
    const r = await c.get(`/api/v1/reviews?status=${status}`);
    assert.equal(r.status, 200, r.text);
    const it = r.json.items.find((x) => x.content_type === 'notice' && x.content_id === noticeId);
    assert.ok(it, `notice ${noticeId} in the ${status} queue: ${r.text}`);
    return it;
  }

  async function createNotice(title) {
    const r = await vm.post('/api/v1/notices', {
      division: '510402001',
      title,
      body: '本周六上午九点，街道文化站开展公益书法体验活动，欢迎居民参加。',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'draft');
    return r.json.id;
  }

  it('the demo notices are published through the chain already', async () => {
    const r = await anon.get('/api/v1/notices');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length >= 2, r.text);
    for (const n of r.json.items) {
      assert.equal(n.status, 'published');
      assert.match(n.published_at, /\+08:00$/);
    }
  });

  let nid, item;
  const title = '大渡口街道公益书法体验活动通知';

  it('the venue manager creates a draft notice in 510402001; it is not public yet', async () => {
    nid = await createNotice(title);
    const own = await vm.get(`/api/v1/notices/${nid}`);
    assert.equal(own.status, 200);
    assert.equal(own.json.status, 'draft');
    assert.equal(own.json.division, '510402001');
    assertError(await anon.get(`/api/v1/notices/${nid}`), 404, 'not_found');
    assertError(await citizen.get(`/api/v1/notices/${nid}`), 404, 'not_found');
    assert.ok(!(await anon.get('/api/v1/notices')).json.items.some((n) => n.id === nid));
  });

  it('who may create: not a citizen (403), not outside the scope (403), not anonymous (401)', async () => {
    const body = { division: '510402001', title: '越权', body: '正文' };
    assertError(await citizen.post('/api/v1/notices', body), 403, 'forbidden');
    assertError(await anon.post('/api/v1/notices', body), 401, 'login_required');
    assertError(await vm.post('/api/v1/notices', { ...body, division: '510402002' }), 403, 'forbidden');
    assertError(await vm.post('/api/v1/notices', { ...body, title: '' }), 400, 'bad_title');
    assertError(await vm.post('/api/v1/notices', { ...body, title: 't'.repeat(101) }), 400, 'bad_title');
  });

  it('submit: draft -> pending at level 1 of 2 (county, city)', async () => {
    const r = await vm.post(`/api/v1/notices/${nid}/submit`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'pending');
    assertError(await vm.post(`/api/v1/notices/${nid}/submit`), 409, 'bad_state');
    assertError(await vm.patch(`/api/v1/notices/${nid}`, { title: '改' }), 409, 'bad_state');

    item = await itemOf(districtRv, nid);
    assert.equal(item.status, 'pending');
    assert.equal(item.level, 1);
    assert.equal(item.levels, 'county,city');
    assert.equal(item.division, '510402001');
    assert.equal(item.title, title);
    assert.equal(item.can_decide, true);
    const c = await itemOf(cityRv, nid);
    assert.equal(c.can_decide, false);
  });

  it('the city reviewer cannot decide level 1: 403 not_your_level', async () => {
    assertError(await cityRv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 403, 'not_your_level');
    assertError(
      await cityRv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'reject', reason: '越级' }),
      403,
      'not_your_level',
    );
  });

  it('who may decide at all: anonymous 401, citizen and venue manager 403; a bad decision 400', async () => {
    assertError(await anon.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 401, 'login_required');
    assertError(await citizen.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 403, 'forbidden');
    assertError(await vm.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 403, 'forbidden');
    assertError(await districtRv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'maybe' }), 400, 'bad_decision');
    assertError(await districtRv.post(`/api/v1/reviews/${item.id}/decision`, {}), 400, 'missing_field');
    assertError(await districtRv.post('/api/v1/reviews/999999/decision', { decision: 'approve' }), 404, null);
  });

  it('the district reviewer approves: still pending, now at level 2', async () => {
    const r = await districtRv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'pending');
    assert.equal(r.json.level, 2);
    assertError(await anon.get(`/api/v1/notices/${nid}`), 404, 'not_found');
    // the district reviewer is done with it
    assertError(await districtRv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 403, 'not_your_level');
    assert.equal((await itemOf(cityRv, nid)).can_decide, true);
  });

  it('the city reviewer approves: published, and listed in GET /api/v1/notices', async () => {
    const r = await cityRv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve', reason: '同意发布' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'published');
    assertError(await cityRv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 409, 'bad_state');

    const list = await anon.get('/api/v1/notices');
    const n = list.json.items.find((x) => x.id === nid);
    assert.ok(n, `the notice is listed: ${list.text}`);
    assert.equal(n.status, 'published');
    assert.equal(n.title, title);
    assert.match(n.published_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const sub = await anon.get('/api/v1/notices?division=510402');
    assert.ok(sub.json.items.some((x) => x.id === nid), 'in the district subtree');
    const other = await anon.get('/api/v1/notices?division=510403');
    assert.ok(!other.json.items.some((x) => x.id === nid), 'not in another district');
    assert.equal((await anon.get(`/api/v1/notices/${nid}`)).status, 200);
    const page = await anon.get(`/notices/${nid}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(title));
  });

  it('the history of the published item: submit, approve, approve, with who, from, to', async () => {
    const r = await vm.get(`/api/v1/reviews/${item.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'published');
    const h = r.json.history.map((e) => [e.action, e.actor, e.from, e.to]);
    assert.deepEqual(h, [
      ['review.submit', ids.vm, 'draft', 'pending:1'],
      ['review.approve', ids.districtRv, 'pending:1', 'pending:2'],
      ['review.approve', ids.cityRv, 'pending:2', 'published'],
    ]);
    assert.equal(r.json.history[2].reason, '同意发布');
    for (const e of r.json.history) assert.match(e.at, /\+08:00$/);
    assertError(await citizen.get(`/api/v1/reviews/${item.id}`), 403, 'forbidden');
  });

  let rid, ritem;

  it('reject without a reason is 400; with a reason the item is rejected', async () => {
    rid = await createNotice('待驳回的通知');
    assert.equal((await vm.post(`/api/v1/notices/${rid}/submit`)).json.status, 'pending');
    ritem = await itemOf(districtRv, rid);
    assertError(await districtRv.post(`/api/v1/reviews/${ritem.id}/decision`, { decision: 'reject' }), 400, 'reason_required');
    assertError(
      await districtRv.post(`/api/v1/reviews/${ritem.id}/decision`, { decision: 'reject', reason: '' }),
      400,
      'reason_required',
    );
    assertError(
      await districtRv.post(`/api/v1/reviews/${ritem.id}/decision`, { decision: 'reject', reason: '长'.repeat(2001) }),
      400,
      'reason_too_long',
    );
    const r = await districtRv.post(`/api/v1/reviews/${ritem.id}/decision`, {
      decision: 'reject',
      reason: '活动时间与场馆安排冲突，请核实后重新提交。',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'rejected');
    const n = await vm.get(`/api/v1/notices/${rid}`);
    assert.equal(n.json.status, 'rejected');
    assert.ok(!(await anon.get('/api/v1/notices')).json.items.some((x) => x.id === rid));
  });

  it('GET /api/v1/reviews/{id} has the history with who, from, to and reason', async () => {
    const r = await vm.get(`/api/v1/reviews/${ritem.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'rejected');
    assert.equal(r.json.history.length, 2);
    const [sub, rej] = r.json.history;
    assert.equal(sub.action, 'review.submit');
    assert.equal(sub.actor, ids.vm);
    assert.equal(sub.from, 'draft');
    assert.equal(sub.to, 'pending:1');
    assert.equal(rej.action, 'review.reject');
    assert.equal(rej.actor, ids.districtRv);
    assert.equal(rej.from, 'pending:1');
    assert.equal(rej.to, 'rejected');
    assert.equal(rej.reason, '活动时间与场馆安排冲突，请核实后重新提交。');
    assert.equal(rej.object_type, 'review_item');
    assert.equal(rej.object_id, String(ritem.id));
    assert.equal(rej.division, '510402001');
  });

  it('a rejected notice can be edited and resubmitted: pending at level 1 again', async () => {
    const p = await vm.patch(`/api/v1/notices/${rid}`, { title: '已修改的通知' });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.title, '已修改的通知');
    const s = await vm.post(`/api/v1/notices/${rid}/submit`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'pending');
    const it2 = await itemOf(districtRv, rid);
    assert.equal(it2.id, ritem.id, 'the same review item');
    assert.equal(it2.level, 1);
    const h = (await vm.get(`/api/v1/reviews/${ritem.id}`)).json.history;
    assert.deepEqual(h.at(-1).from, 'rejected');
    assert.deepEqual(h.at(-1).to, 'pending:1');
  });

  it('the review queue is scoped: a reviewer elsewhere does not see it; a citizen gets 403', async () => {
    assertError(await citizen.get('/api/v1/reviews'), 403, 'forbidden');
    assertError(await districtRv.get('/api/v1/reviews?division=510403'), 403, 'forbidden');
    assertError(await districtRv.get('/api/v1/reviews?status=bogus'), 400, 'bad_status');
    const pub = await cityRv.get('/api/v1/reviews?status=published');
    assert.ok(pub.json.items.some((x) => x.id === item.id));
  });

  it('the audit log shows every transition to the city admin', async () => {
    const r = await cityAdmin.get(`/api/v1/audit?object_type=review_item&object_id=${item.id}`);
    assert.equal(r.status, 200, r.text);
    const rows = r.json.items.map((e) => [e.action, e.actor, e.from, e.to]).reverse();
    assert.deepEqual(rows, [
      ['review.submit', ids.vm, 'draft', 'pending:1'],
      ['review.approve', ids.districtRv, 'pending:1', 'pending:2'],
      ['review.approve', ids.cityRv, 'pending:2', 'published'],
    ]);
    const all = await cityAdmin.get('/api/v1/audit?limit=200');
    assert.equal(all.status, 200);
    const rej = all.json.items.find((e) => e.action === 'review.reject' && e.object_id === String(ritem.id));
    assert.ok(rej, 'the rejection is in the audit log');
    assert.equal(rej.reason, '活动时间与场馆安排冲突，请核实后重新提交。');
    assertError(await vm.get('/api/v1/audit'), 403, 'forbidden');
  });

  it('review chains: the city admin sets a one-level chain for a district; items there publish after it', async () => {
    const g = await cityAdmin.get('/api/v1/review-chains/notice');
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.levels, 'county,city');
    assertError(await cityAdmin.put('/api/v1/review-chains/notice', { division: '510402', levels: 'city,county' }), 400, 'bad_chain');
    assertError(await cityAdmin.put('/api/v1/review-chains/nothing', { division: '510402', levels: 'county' }), 400, 'bad_content_type');
    assertError(await cityRv.put('/api/v1/review-chains/notice', { division: '510402', levels: 'county' }), 403, 'forbidden');
    const p = await cityAdmin.put('/api/v1/review-chains/notice', { division: '510402', levels: 'county' });
    assert.equal(p.status, 200, p.text);
    const id = await createNotice('只需区级审核的通知');
    assert.equal((await vm.post(`/api/v1/notices/${id}/submit`)).json.status, 'pending');
    const it1 = await itemOf(districtRv, id);
    assert.equal(it1.levels, 'county');
    const d = await districtRv.post(`/api/v1/reviews/${it1.id}/decision`, { decision: 'approve' });
    assert.equal(d.json.status, 'published', d.text);
  });
});
